// An exported encoder–decoder in onnxruntime-node: the encoder graph and the decoder-step graph opened as
// a pair (their `seqlab.seq2seq` descriptions must match, onnx-pair.ts) and driven by the stepping of
// core/common/onnx/seq2seq/seq2seq-driver.ts.
import type { Seq2SeqGraphDescription } from '../../../common/onnx/seq2seq/seq2seq-metadata';
import { SEQ2SEQ_PAIR } from '../../../common/onnx/seq2seq/seq2seq-metadata';
import { Seq2SeqDriver } from '../../../common/onnx/seq2seq/seq2seq-driver';
import type { OpenGraphPair, PairOpenFailure } from '../onnx-pair';
import { closeGraphPair, openGraphPair } from '../onnx-pair';

export type { EncodedSource } from '../../../common/onnx/seq2seq/seq2seq-driver';
export type Seq2SeqOpenResult = { readonly ok: true; readonly pair: OnnxSeq2Seq } | PairOpenFailure;

export class OnnxSeq2Seq extends Seq2SeqDriver {
  private constructor(private readonly sessions: OpenGraphPair<Seq2SeqGraphDescription>) {
    super(sessions.first, sessions.step, sessions.description);
  }

  /** Opens both graphs from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
  static async open(encoder: string | Uint8Array, step: string | Uint8Array): Promise<Seq2SeqOpenResult> {
    const opened = await openGraphPair([encoder, step], SEQ2SEQ_PAIR);
    return opened.ok ? { ok: true, pair: new OnnxSeq2Seq(opened.pair) } : opened;
  }

  close(): Promise<void> {
    return closeGraphPair(this.sessions);
  }
}
