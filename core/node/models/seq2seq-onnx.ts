// An exported encoder–decoder in onnxruntime-node: the encoder graph and the decoder-step graph opened
// as a pair (their `seqlab.seq2seq` descriptions must match), one run of each, and the trace the
// parity report compares with SeqLab's (core/common/onnx/seq2seq-parity.ts).
//
// Shapes: S source steps, B streams, I source features, He encoder output size, H decoder hidden,
// V target vocabulary.

import type { Seq2SeqGraphDescription } from '../../common/onnx/seq2seq-metadata';
import { SEQ2SEQ_IO, pairingProblem, parseSeq2SeqDescription } from '../../common/onnx/seq2seq-metadata';
import type { Seq2SeqParitySource, Seq2SeqStepOutputs, Seq2SeqTrace } from '../../common/onnx/seq2seq-parity';
import type { OnnxTensor } from '../onnx/session';
import type { OnnxSession } from '../onnx/session';
import { int64Tensor } from './onnx-parity';
import { openGraphPair, type PairOpenFailure } from './onnx-pair';

/** The encoder graph's outputs for one source batch, with what the step graph needs beside them. */
export interface EncodedSource {
  readonly S: number;
  readonly B: number;
  /** [B] */
  readonly lengths: Int32Array;
  /** [S, B, He] */
  readonly memory: Float32Array;
  /** [B, H]; c0 for LSTM decoders, else null */
  readonly h0: Float32Array;
  readonly c0: Float32Array | null;
}

export type Seq2SeqOpenResult = { readonly ok: true; readonly pair: OnnxSeq2Seq } | PairOpenFailure;

export class OnnxSeq2Seq {
  private constructor(
    readonly encoder: OnnxSession,
    readonly decoderStep: OnnxSession,
    /** The encoder graph's description (the step graph's differs only in role). */
    readonly description: Seq2SeqGraphDescription,
  ) {}

  /** Opens both graphs from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
  static async open(encoder: string | Uint8Array, step: string | Uint8Array): Promise<Seq2SeqOpenResult> {
    const opened = await openGraphPair([encoder, step], { names: ['the encoder graph', 'the decoder-step graph'], what: 'one SeqLab encoder–decoder', parse: parseSeq2SeqDescription, mismatch: pairingProblem });
    if (!opened.ok) return opened;
    return { ok: true, pair: new OnnxSeq2Seq(opened.sessions[0], opened.sessions[1], opened.description) };
  }

  get lstmDecoder(): boolean {
    return this.description.decoder.cell === 'lstm';
  }

  get hasAttention(): boolean {
    return this.description.attention !== null;
  }

  /**
   * Runs the encoder graph once.
   * @param source ids [S, B] or features [S, B, I]   @param lengths [B], each in 1..S
   */
  async encode(source: Seq2SeqParitySource): Promise<EncodedSource> {
    const { S, B, lengths } = source;
    const io = SEQ2SEQ_IO;
    for (const n of lengths) if (!(Number.isInteger(n) && n >= 1 && n <= S)) throw new Error(`OnnxSeq2Seq.encode: source lengths must be integers in 1..${S}, got ${n}`);
    const feeds: Record<string, OnnxTensor> = {
      [io.source]: source.input.kind === 'tokens' ? int64Tensor(source.input.ids, [S, B]) : { data: source.input.x, dims: [S, B, source.input.features] },
      [io.sourceLens]: int64Tensor(lengths, [B]),
    };
    const out = await this.encoder.run(feeds);
    return { S, B, lengths: Int32Array.from(lengths), memory: float(out, io.memory), h0: float(out, io.h0), c0: this.lstmDecoder ? float(out, io.c0) : null };
  }

  /**
   * One decoding step of every stream.
   * @param tokens [B] the token each stream reads   @param h, c [B, H] its state (c: LSTM decoders)
   */
  async step(tokens: ArrayLike<number>, h: Float32Array, c: Float32Array | null, encoded: EncodedSource): Promise<Seq2SeqStepOutputs> {
    const io = SEQ2SEQ_IO;
    const { B, S } = encoded;
    const H = this.description.decoder.hiddenSize;
    const feeds: Record<string, OnnxTensor> = { [io.token]: int64Tensor(tokens, [B]), [io.h]: { data: h, dims: [B, H] } };
    if (this.lstmDecoder) feeds[io.c] = { data: c ?? new Float32Array(B * H), dims: [B, H] };
    if (this.hasAttention) {
      feeds[io.memory] = { data: encoded.memory, dims: [S, B, this.description.encoder.outputSize] };
      feeds[io.sourceLens] = int64Tensor(encoded.lengths, [B]);
    }
    const out = await this.decoderStep.run(feeds);
    return {
      logits: float(out, io.logits),
      probs: float(out, io.probs),
      h: float(out, io.hNext),
      c: this.lstmDecoder ? float(out, io.cNext) : null,
      attention: this.hasAttention ? float(out, io.attention) : null,
    };
  }

  /** The ONNX side of a parity case: encode, then feed `tokens` [T, B] one step at a time, carrying its own state. */
  async trace(source: Seq2SeqParitySource, tokens: Int32Array): Promise<Seq2SeqTrace> {
    const encoded = await this.encode(source);
    const { B } = source;
    const T = tokens.length / B;
    let h = encoded.h0, c = encoded.c0;
    const steps: Seq2SeqStepOutputs[] = [];
    for (let t = 0; t < T; t++) {
      const out = await this.step(tokens.subarray(t * B, (t + 1) * B), h, c, encoded);
      steps.push(out);
      h = out.h;
      c = out.c;
    }
    return { memory: encoded.memory, h0: encoded.h0, c0: encoded.c0, tokens, steps };
  }

  async close(): Promise<void> {
    await this.encoder.close();
    await this.decoderStep.close();
  }
}

function float(outputs: Record<string, OnnxTensor>, name: string): Float32Array {
  const t = outputs[name];
  if (t === undefined || !(t.data instanceof Float32Array)) throw new Error(`OnnxSeq2Seq: the graph has no float output "${name}"`);
  return t.data;
}
