// Driving an exported encoder–decoder's two graphs (seq2seq-export.ts): the encoder graph once per source
// batch, the decoder-step graph once per token with the state fed back, and the trace the parity report
// compares with SeqLab's (seq2seq-parity.ts). Written against GraphRunner, so the same stepping serves
// onnxruntime in core/node (core/node/models/seq2seq/seq2seq-onnx.ts opens the files) and any other runner.
//
// Shapes: S source steps, B streams, I source features, He encoder output size, H decoder hidden,
// V target vocabulary.

import type { AsyncTokenSession } from '../../generate/token-session';
import type { GraphRunner, GraphTensor } from '../graph-pair';
import { floatOutput, int64Feed } from '../graph-pair';
import type { Seq2SeqGraphDescription } from './seq2seq-metadata';
import { SEQ2SEQ_IO } from './seq2seq-metadata';
import type { Seq2SeqParitySource, Seq2SeqStepOutputs, Seq2SeqTrace } from './seq2seq-parity';

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

const OWNER = 'Seq2SeqDriver';

export class Seq2SeqDriver {
  constructor(
    readonly encoder: GraphRunner,
    readonly decoderStep: GraphRunner,
    /** The encoder graph's description (the step graph's differs only in role). */
    readonly description: Seq2SeqGraphDescription,
  ) {}

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
    for (const n of lengths)
      if (!(Number.isInteger(n) && n >= 1 && n <= S)) throw new Error(`${OWNER}.encode: source lengths must be integers in 1..${S}, got ${n}`);
    const feeds: Record<string, GraphTensor> = {
      [io.source]: source.input.kind === 'tokens' ? int64Feed(source.input.ids, [S, B]) : { data: source.input.x, dims: [S, B, source.input.features] },
      [io.sourceLens]: int64Feed(lengths, [B]),
    };
    const out = await this.encoder.run(feeds);
    const float = (name: string): Float32Array => floatOutput(out, name, OWNER);
    return { S, B, lengths: Int32Array.from(lengths), memory: float(io.memory), h0: float(io.h0), c0: this.lstmDecoder ? float(io.c0) : null };
  }

  /**
   * One decoding step of every stream.
   * @param tokens [B] the token each stream reads   @param h, c [B, H] its state (c: LSTM decoders)
   */
  async step(tokens: ArrayLike<number>, h: Float32Array, c: Float32Array | null, encoded: EncodedSource): Promise<Seq2SeqStepOutputs> {
    const io = SEQ2SEQ_IO;
    const { B, S } = encoded;
    const H = this.description.decoder.hiddenSize;
    const feeds: Record<string, GraphTensor> = { [io.token]: int64Feed(tokens, [B]), [io.h]: { data: h, dims: [B, H] } };
    if (this.lstmDecoder) feeds[io.c] = { data: c ?? new Float32Array(B * H), dims: [B, H] };
    if (this.hasAttention) {
      feeds[io.memory] = { data: encoded.memory, dims: [S, B, this.description.encoder.outputSize] };
      feeds[io.sourceLens] = int64Feed(encoded.lengths, [B]);
    }
    const out = await this.decoderStep.run(feeds);
    const float = (name: string): Float32Array => floatOutput(out, name, OWNER);
    return {
      logits: float(io.logits),
      probs: float(io.probs),
      h: float(io.hNext),
      c: this.lstmDecoder ? float(io.cNext) : null,
      attention: this.hasAttention ? float(io.attention) : null,
    };
  }

  /**
   * Encodes B sources and opens a token session of B*repeat streams over the step graph (stream r decodes
   * source ⌊r / repeat⌋), as Seq2SeqModel.session does for SeqLab's own decoder: beam search uses repeat = K.
   */
  async tokenSession(source: Seq2SeqParitySource, repeat = 1): Promise<Seq2SeqStepSession> {
    if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error(`${OWNER}.tokenSession: repeat must be an integer >= 1, got ${repeat}`);
    return new Seq2SeqStepSession(this, repeatEncoded(await this.encode(source), repeat, this.description.encoder.outputSize));
  }

  /** The ONNX side of a parity case: encode, then feed `tokens` [T, B] one step at a time, carrying its own state. */
  async trace(source: Seq2SeqParitySource, tokens: Int32Array): Promise<Seq2SeqTrace> {
    const encoded = await this.encode(source);
    const { B } = source;
    const T = tokens.length / B;
    let h = encoded.h0,
      c = encoded.c0;
    const steps: Seq2SeqStepOutputs[] = [];
    for (let t = 0; t < T; t++) {
      const out = await this.step(tokens.subarray(t * B, (t + 1) * B), h, c, encoded);
      steps.push(out);
      h = out.h;
      c = out.c;
    }
    return { memory: encoded.memory, h0: encoded.h0, c0: encoded.c0, tokens, steps };
  }
}

/** The step graph as a token session: it carries each stream's state and continues from its parent's on reorder. */
export class Seq2SeqStepSession implements AsyncTokenSession {
  readonly batchSize: number;
  readonly vocab: number;
  private h: Float32Array;
  private c: Float32Array | null;

  constructor(
    private readonly driver: Seq2SeqDriver,
    /** The encoder's outputs, one row per stream. */
    private readonly encoded: EncodedSource,
  ) {
    this.batchSize = encoded.B;
    this.vocab = driver.description.targetVocab;
    this.h = encoded.h0;
    this.c = encoded.c0;
  }

  async step(ids: Int32Array): Promise<Float32Array> {
    const out = await this.driver.step(ids, this.h, this.c, this.encoded);
    this.h = out.h;
    this.c = out.c;
    return out.logits;
  }

  reorder(parents: Int32Array): void {
    const H = this.driver.description.decoder.hiddenSize;
    this.h = gatherRows(this.h, parents, H);
    if (this.c !== null) this.c = gatherRows(this.c, parents, H);
  }
}

/** out[r] = x[rows[r]] for rows of width W. */
function gatherRows(x: Float32Array, rows: Int32Array, W: number): Float32Array {
  const out = new Float32Array(rows.length * W);
  for (let r = 0; r < rows.length; r++) out.set(x.subarray(rows[r]! * W, (rows[r]! + 1) * W), r * W);
  return out;
}

/** The encoder's outputs with every stream b repeated `repeat` times in place (rows b*repeat … b*repeat + repeat − 1). */
function repeatEncoded(e: EncodedSource, repeat: number, He: number): EncodedSource {
  if (repeat === 1) return e;
  const { S, B } = e;
  const rows = Int32Array.from({ length: B * repeat }, (_, r) => Math.floor(r / repeat));
  const memory = new Float32Array(S * B * repeat * He);
  for (let s = 0; s < S; s++) memory.set(gatherRows(e.memory.subarray(s * B * He, (s + 1) * B * He), rows, He), s * B * repeat * He);
  const H = e.h0.length / B;
  return {
    S,
    B: B * repeat,
    lengths: Int32Array.from(rows, (b) => e.lengths[b]!),
    memory,
    h0: gatherRows(e.h0, rows, H),
    c0: e.c0 === null ? null : gatherRows(e.c0, rows, H),
  };
}
