// An exported encoder–decoder in onnxruntime-node: the encoder graph and the decoder-step graph opened as
// a pair (their `seqlab.seq2seq` descriptions must match, onnx-pair.ts) and driven by the stepping of
// core/common/onnx/seq2seq/seq2seq-driver.ts.
import { SEQ2SEQ_PAIR } from '../../../common/onnx/seq2seq/seq2seq-metadata';
import { Seq2SeqDriver } from '../../../common/onnx/seq2seq/seq2seq-driver';
import type { Closable, PairOpenFailure } from '../onnx-pair';
import { openDrivenPair } from '../onnx-pair';

export type { EncodedSource } from '../../../common/onnx/seq2seq/seq2seq-driver';
export type OnnxSeq2Seq = Seq2SeqDriver & Closable;
export type Seq2SeqOpenResult = { readonly ok: true; readonly pair: OnnxSeq2Seq } | PairOpenFailure;

export const OnnxSeq2Seq = {
  /** Opens both graphs from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
  open: (encoder: string | Uint8Array, step: string | Uint8Array): Promise<Seq2SeqOpenResult> =>
    openDrivenPair([encoder, step], SEQ2SEQ_PAIR, (p) => new Seq2SeqDriver(p.first, p.step, p.description)),
};
