// An encoder–decoder (Sutskever et al. 2014; with attention, Bahdanau et al. 2015): Encoder → bridge →
// Decoder, trained with teacher forcing (optionally scheduled sampling) on a masked softmax
// cross-entropy over the target tokens, and opened as a DecoderSession for generation.
//
// Shapes: S source steps, T target steps, B batch, He encoder output size (D*H_enc), H decoder
// hidden, A attention size, V target vocabulary.

import type { Rng } from '../../random/rng';
import type { Kernels } from '../../nn/kernels';
import type { Dtype, FloatArray, Param } from '../../nn/param';
import type { CellName } from '../../nn/recurrent-cell';
import type { InputBuffer, Seq2SeqBatch } from '../../data/batch';
import type { ModelInput } from '../../tasks/encoding-widths';
import type { DecoderPass } from '../decoder/decoder';
import type { EncoderPass, SourceInputs } from './encoder';
import type { BatchLoss, TrainLossOptions } from '../decoder/decoder-trainer';
import type { LayerGradNorms } from '../../train/layer-grad-norms';
import type { RecurrentInternals } from '../../nn/recorded-internals';
import { DECODER_LAYER, stackGradNorms } from '../../train/layer-grad-norms';
import { allocFloat } from '../../nn/param';
import { checkLength } from '../../nn/shape';
import { softmaxCrossEntropy } from '../../train/losses';
import { accuracy } from '../../train/metrics';
import { Decoder } from '../decoder/decoder';
import { DecoderSession } from '../decoder/decoder-session';
import { Encoder } from './encoder';
import { StateBridge } from './bridge';

export interface Seq2SeqConfig {
  readonly source: ModelInput;
  /** V */
  readonly targetVocab: number;
  readonly encoder: {
    readonly cell: CellName;
    readonly hiddenSize: number;
    readonly numLayers?: number;
    readonly bidirectional?: boolean;
    readonly dropout?: number;
    /** E of token sources. */
    readonly embeddingDim?: number;
  };
  readonly decoder: { readonly cell: CellName; readonly hiddenSize: number; readonly embeddingDim: number };
  /** Additive attention of size A over the encoder outputs (null: none). */
  readonly attention?: { readonly size: number; readonly bias?: boolean | undefined; readonly contextToOutput?: boolean | undefined } | null;
  /** 'auto' (default) copies the final state when sizes and directions match, else learns tanh(Linear). */
  readonly bridge?: 'auto' | 'linear' | undefined;
  readonly dtype?: Dtype | undefined;
  readonly kernels?: Kernels | undefined;
}

export interface Seq2SeqForwardOptions {
  readonly training?: boolean | undefined;
  /** Draws dropout masks and scheduled-sampling coins. */
  readonly rng?: Rng | undefined;
  /** Teacher-forcing ratio (default 1: always the teacher token). */
  readonly teacherForcing?: number | undefined;
}

export interface Seq2SeqPass {
  readonly S: number;
  readonly T: number;
  readonly B: number;
  /** [T*B, V] logits, time-major. */
  readonly logits: FloatArray;
  /** [T, S, B] attention weights of every decoding step (null without attention); rows t >= targetLengths[b] are padding. */
  readonly attention: FloatArray | null;
  /** [T, B] the tokens the decoder read. */
  readonly decoderInputs: Int32Array;
  readonly encoder: EncoderPass;
  readonly decoder: DecoderPass;
}

/** The source side of a batch as the encoder reads it. */
export function sourceInputs(source: InputBuffer): SourceInputs {
  return source.kind === 'tokens' ? { kind: 'tokens', ids: source.ids } : { kind: 'dense', x: source.x };
}

export class Seq2SeqModel {
  readonly config: Seq2SeqConfig;
  readonly dtype: Dtype;
  readonly encoder: Encoder;
  readonly bridge: StateBridge;
  readonly decoder: Decoder;
  readonly params: readonly Param[];
  private dLogits: FloatArray;

  constructor(config: Seq2SeqConfig) {
    const dtype = (this.dtype = config.dtype ?? 'float32');
    const { kernels } = config;
    this.config = config;
    this.encoder = new Encoder({ input: config.source, ...config.encoder, dtype, kernels, namePrefix: 'encoder.' });
    const He = this.encoder.outputSize;
    const H = config.decoder.hiddenSize;
    const copy = config.bridge !== 'linear' && this.encoder.rnn.numDirections === 1 && config.encoder.hiddenSize === H;
    this.bridge = new StateBridge({
      mode: copy ? 'copy' : 'linear',
      inFeatures: He,
      hiddenSize: H,
      copyCellState: config.encoder.cell === 'lstm' && config.decoder.cell === 'lstm',
      dtype,
      kernels,
      namePrefix: 'bridge.',
    });
    const attention = config.attention ?? null;
    this.decoder = new Decoder({
      cell: config.decoder.cell,
      hiddenSize: H,
      input: { kind: 'tokens', vocab: config.targetVocab, embeddingDim: config.decoder.embeddingDim },
      outputSize: config.targetVocab,
      attention: attention === null ? null : { encSize: He, attnSize: attention.size, bias: attention.bias, contextToOutput: attention.contextToOutput },
      dtype,
      kernels,
      namePrefix: 'decoder.',
    });
    this.params = [...this.encoder.params, ...this.bridge.params, ...this.decoder.params];
    this.dLogits = allocFloat(dtype, 0);
  }

  /** Encodes the source and decodes with teacher forcing (or scheduled sampling) from batch.decoderInput. */
  forward(batch: Seq2SeqBatch, opts: Seq2SeqForwardOptions = {}): Seq2SeqPass {
    const { sourceSteps: S, targetSteps: T, batchSize: B } = batch;
    const enc = this.encoder.forward(sourceInputs(batch.source), S, B, batch.sourceLengths, { training: opts.training, rng: opts.rng });
    const { h0, c0 } = this.bridge.forward(enc.final, enc.finalC, B);
    const ratio = opts.teacherForcing ?? 1;
    if (ratio < 1 && opts.rng === undefined) throw new Error('Seq2SeqModel.forward: scheduled sampling (teacherForcing < 1) needs opts.rng');
    const dec = this.decoder.forward({ kind: 'tokens', ids: batch.decoderInput }, T, B, {
      h0,
      c0,
      memory: { enc: enc.y, S, lengths: batch.sourceLengths },
      sampling: ratio < 1 ? { ratio, rng: opts.rng as Rng } : null,
    });
    return { S, T, B, logits: dec.out, attention: dec.attention, decoderInputs: dec.inputs as Int32Array, encoder: enc, decoder: dec };
  }

  /**
   * Backpropagates ∂L/∂logits [T*B, V] through decoder, bridge and encoder; accumulates into every gradient.
   * With opts.hGradNorms, returns ‖∂L/∂h_t‖ per step of each encoder layer (l0, l0_reverse, …, over S) and of
   * the decoder (over T); otherwise null.
   */
  backward(pass: Seq2SeqPass, dLogits: FloatArray, opts: { hGradNorms?: boolean | undefined } = {}): LayerGradNorms[] | null {
    const dec = this.decoder.backward(pass.decoder, dLogits, opts);
    const { dFinal, dFinalC } = this.bridge.backward(dec.dh0, dec.dc0);
    const enc = this.encoder.backward(pass.encoder, dec.dEnc, dFinal, dFinalC, opts);
    if (enc.hGradNorms === null || dec.hGradNorms === null) return null;
    const { numLayers, numDirections } = this.encoder.rnn;
    const encoderNorms = stackGradNorms(Float64Array.from(enc.hGradNorms), numLayers * numDirections, 0, numDirections);
    return [...encoderNorms, { layer: DECODER_LAYER, state: 'h', t0: 0, values: dec.hGradNorms }];
  }

  /** Masked mean cross-entropy over target tokens (targetMask) and its token accuracy; no gradient. */
  loss(batch: Seq2SeqBatch, pass: Seq2SeqPass, dLogits: FloatArray | null): BatchLoss {
    const V = this.config.targetVocab;
    const loss = softmaxCrossEntropy(pass.logits, batch.target, V, dLogits, { weights: batch.targetMask });
    return { loss: loss.loss, weight: loss.weight, accuracy: accuracy(pass.logits, batch.target, V, batch.targetMask), tokens: loss.weight };
  }

  /** Forward, loss and backward of one batch (gradients accumulate; the trainer zeroes them). */
  trainLoss(batch: Seq2SeqBatch, opts: TrainLossOptions): BatchLoss {
    const pass = this.forward(batch, { training: true, rng: opts.rng, teacherForcing: opts.teacherForcing });
    const n = pass.logits.length;
    if (this.dLogits.length < n) this.dLogits = allocFloat(this.dtype, n);
    const dLogits = this.dLogits.subarray(0, n);
    const loss = this.loss(batch, pass, dLogits);
    const gradNorms = this.backward(pass, dLogits, { hGradNorms: opts.hGradNorms });
    return { ...loss, gradNorms };
  }

  /** Teacher-forced loss and token accuracy, no dropout, no gradient. */
  evalLoss(batch: Seq2SeqBatch): BatchLoss {
    return this.loss(batch, this.forward(batch), null);
  }

  /**
   * Encodes B sources and opens a generation session of B*repeat streams (stream r decodes source
   * ⌊r / repeat⌋; beam search uses repeat = beam width).
   * @param source [S, B] ids or [S, B, I] features   @param lengths [B] in 1..S
   */
  session(source: InputBuffer, S: number, B: number, lengths: ArrayLike<number>, repeat = 1): DecoderSession {
    return this.open(source, S, B, lengths, repeat, false).session;
  }

  /**
   * As session (repeat 1), recording: the encoder's states and gates over the source, and a session that
   * keeps the decoder cell's at every step it takes (DecoderSession.recordedSteps).
   */
  recordingSession(source: InputBuffer, S: number, B: number, lengths: ArrayLike<number>): { encoder: RecurrentInternals; session: DecoderSession } {
    const { encoder, session } = this.open(source, S, B, lengths, 1, true);
    if (encoder === undefined) throw new Error('Seq2SeqModel.recordingSession: the encoder did not record');
    return { encoder, session };
  }

  private open(
    source: InputBuffer,
    S: number,
    B: number,
    lengths: ArrayLike<number>,
    repeat: number,
    record: boolean,
  ): { encoder: RecurrentInternals | undefined; session: DecoderSession } {
    const where = 'Seq2SeqModel.session';
    if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error(`${where}: repeat must be an integer >= 1, got ${repeat}`);
    if (source.kind === 'tokens') checkLength(where, 'ids [S, B]', source.ids, [S, B]);
    else checkLength(where, 'x [S, B, I]', source.x, [S, B, source.features]);
    checkLength(where, 'lengths [B]', lengths, [B]);
    const R = B * repeat;
    const rows = Int32Array.from({ length: R }, (_, r) => Math.floor(r / repeat));
    const repeated: SourceInputs =
      source.kind === 'tokens'
        ? { kind: 'tokens', ids: Int32Array.from({ length: S * R }, (_, i) => source.ids[Math.floor(i / R) * B + rows[i % R]!]!) }
        : { kind: 'dense', x: repeatRows(source.x, S, B, repeat, source.features) };
    const repeatedLengths = Int32Array.from(rows, (b) => lengths[b]!);
    const enc = this.encoder.forward(repeated, S, R, repeatedLengths, { record });
    const { h0, c0 } = this.bridge.forward(enc.final, enc.finalC, R);
    const memory = this.decoder.attention === null ? null : { enc: enc.y, S, lengths: repeatedLengths };
    return { encoder: enc.internals, session: new DecoderSession(this.decoder, R, { h0, c0, memory, groupSize: repeat, record }) };
  }
}

/** [S, B*repeat, F] with every row of x [S, B, F] repeated `repeat` times in place. */
function repeatRows(x: Float32Array, S: number, B: number, repeat: number, F: number): Float32Array {
  const out = new Float32Array(S * B * repeat * F);
  for (let s = 0; s < S; s++) {
    for (let r = 0; r < B * repeat; r++)
      out.set(x.subarray((s * B + Math.floor(r / repeat)) * F, (s * B + Math.floor(r / repeat) + 1) * F), (s * B * repeat + r) * F);
  }
  return out;
}
