// A recurrent sequence model: optional Embedding → recurrent stack (RNN / LSTM / GRU, stacked,
// bidirectional) → Linear head, read at every step (many-to-many) or once per sequence from the final
// states (many-to-one, one-to-one). Works on a time window [t0, t1) of a batch with carried states, so
// the trainer can run full or truncated BPTT over the same code.
//
// Shapes: T steps, B batch, I input features, E embedding size, H hidden, D directions, L layers,
// O outputs (regression values or class logits), Tw = t1 − t0 window steps.

import type { Rng } from '../../random/rng';
import type { Kernels } from '../../nn/kernels';
import type { Dtype, FloatArray, Param } from '../../nn/param';
import type { CellName } from '../../nn/recurrent-cell';
import type { RecurrentCache, RecurrentLayer } from '../../nn/recurrent';
import type { RecurrentInternals } from '../../nn/recorded-internals';
import { allocFloat } from '../../nn/param';
import { createRecurrentLayer } from '../../nn/recurrent-factory';
import { Embedding, type EmbeddingCache } from '../../nn/embedding';
import { Linear, type LinearCache } from '../../nn/dense';
import type { ModelInput } from '../../tasks/encoding-widths';

/** `perStep`: an output at every step [T, B, O]; otherwise one per sequence [B, O] from the final states. */
export interface ModelOutput {
  readonly size: number;
  readonly perStep: boolean;
}

export interface SequenceModelConfig {
  readonly input: ModelInput;
  readonly output: ModelOutput;
  readonly cell: CellName;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly dropout: number;
  /** E, for token inputs. */
  readonly embeddingDim: number;
  readonly dtype?: Dtype | undefined;
  readonly kernels?: Kernels | undefined;
}

/** Recurrent state carried between windows or generation calls: [L*D, B, H] each (c only for LSTM). */
export interface RecurrentState {
  h: FloatArray;
  c: FloatArray | null;
}

export interface WindowPass {
  readonly t0: number;
  readonly t1: number;
  readonly B: number;
  /** [Tw*B, O] (perStep) or [B, O]: the head's outputs, in the model's workspace until the next window. */
  readonly out: FloatArray;
  readonly hN: FloatArray;
  readonly cN: FloatArray | null;
  readonly recurrent: RecurrentCache;
  readonly head: LinearCache;
  /** With opts.record: the recurrent stack's states and gates over the window. */
  readonly internals?: RecurrentInternals;
}

export class SequenceModel {
  readonly config: SequenceModelConfig;
  readonly dtype: Dtype;
  readonly params: readonly Param[];
  readonly embedding: Embedding | null;
  readonly rnn: RecurrentLayer;
  readonly head: Linear;

  private readonly stateSize: number; // D*H features the head reads
  private x: FloatArray; //        [T, B, I or E] recurrent input of the current batch
  private dx: FloatArray; //       [T, B, I or E] its gradient, summed over windows
  private features: FloatArray; // [B, D*H] final states of the top layer, for per-sequence heads
  private dState: FloatArray; //   [L*D, B, H] ∂L/∂hN seeded by a per-sequence head
  private embedCache: EmbeddingCache | null = null;
  private batchT = 0;
  private batchB = 0;

  constructor(config: SequenceModelConfig) {
    const dtype = (this.dtype = config.dtype ?? 'float32');
    this.config = config;
    const kernels = config.kernels;
    this.embedding =
      config.input.kind === 'tokens'
        ? new Embedding({ numEmbeddings: config.input.vocab, embeddingDim: config.embeddingDim, dtype, kernels, namePrefix: 'embedding.' })
        : null;
    const inputSize = config.input.kind === 'tokens' ? config.embeddingDim : config.input.features;
    this.rnn = createRecurrentLayer(config.cell, {
      inputSize,
      hiddenSize: config.hiddenSize,
      numLayers: config.numLayers,
      bidirectional: config.bidirectional,
      dropout: config.dropout,
      dtype,
      kernels,
      namePrefix: 'rnn.',
    });
    this.stateSize = this.rnn.numDirections * config.hiddenSize;
    this.head = new Linear({ inFeatures: this.stateSize, outFeatures: config.output.size, dtype, kernels, namePrefix: 'head.' });
    this.params = [...(this.embedding?.params ?? []), ...this.rnn.params, ...this.head.params];
    this.x = this.dx = this.features = this.dState = allocFloat(dtype, 0);
  }

  /** Number of values in a recurrent state tensor for batch size B: L*D*B*H. */
  stateLength(B: number): number {
    return this.rnn.numLayers * this.rnn.numDirections * B * this.rnn.hiddenSize;
  }

  newState(B: number): RecurrentState {
    return { h: allocFloat(this.dtype, this.stateLength(B)), c: this.rnn.cell.hasCellState ? allocFloat(this.dtype, this.stateLength(B)) : null };
  }

  /**
   * Embeds (or converts to the model's dtype) the whole input once, and clears the input gradient.
   * @param input dense x [T, B, I] or token ids [T, B]
   */
  beginBatch(input: { kind: 'dense'; x: Float32Array } | { kind: 'tokens'; ids: Int32Array }, T: number, B: number): void {
    const width = this.rnn.inputSize;
    const n = T * B * width;
    if (this.x.length < n) {
      this.x = allocFloat(this.dtype, n);
      this.dx = allocFloat(this.dtype, n);
    }
    if (input.kind === 'tokens') {
      if (!this.embedding) throw new Error('SequenceModel.beginBatch: token ids given to a model with dense inputs');
      if (input.ids.length !== T * B) throw new Error(`SequenceModel.beginBatch: ids has ${input.ids.length} values, expected [${T}, ${B}]`);
      const { y, cache } = this.embedding.forward(input.ids);
      this.x.set(y);
      this.embedCache = cache;
    } else {
      if (this.embedding) throw new Error('SequenceModel.beginBatch: dense inputs given to a model with an embedding');
      if (input.x.length !== n) throw new Error(`SequenceModel.beginBatch: x has ${input.x.length} values, expected [${T}, ${B}, ${width}]`);
      this.x.set(input.x);
      this.embedCache = null;
    }
    this.dx.fill(0, 0, n);
    this.batchT = T;
    this.batchB = B;
  }

  /**
   * Runs steps [t0, t1) of the current batch from `state` (zeros when null).
   * @param lengths [B] valid steps of each sequence within the window, each in 0..Tw
   */
  forwardWindow(
    t0: number,
    t1: number,
    lengths: Int32Array,
    state: RecurrentState | null,
    opts: { training: boolean; rng?: Rng | undefined; record?: boolean | undefined },
  ): WindowPass {
    const { batchB: B } = this;
    const width = this.rnn.inputSize;
    if (!(t0 >= 0 && t1 > t0 && t1 <= this.batchT)) throw new Error(`SequenceModel.forwardWindow: window [${t0}, ${t1}) is outside 0..${this.batchT}`);
    const Tw = t1 - t0;
    const x = this.x.subarray(t0 * B * width, t1 * B * width); // [Tw, B, I]
    const r = this.rnn.forward(x, Tw, B, { lengths, h0: state?.h, c0: state?.c ?? undefined, training: opts.training, rng: opts.rng, record: opts.record });
    let headInput: FloatArray;
    let rows: number;
    if (this.config.output.perStep) {
      headInput = r.y; // [Tw*B, D*H]
      rows = Tw * B;
    } else {
      headInput = this.finalFeatures(r.hN, B); // [B, D*H]
      rows = B;
    }
    const { y, cache } = this.head.forward(headInput, rows);
    return { t0, t1, B, out: y, hN: r.hN, cN: r.cN ?? null, recurrent: r.cache, head: cache, ...(r.internals ? { internals: r.internals } : {}) };
  }

  /**
   * Backpropagates a window: head, then BPTT through its steps; ∂L/∂x is added into the batch's input gradient.
   * @param dOut same shape as pass.out
   * @param dState ∂L/∂(final state) flowing in from later windows, or null
   */
  backwardWindow(pass: WindowPass, dOut: FloatArray, dState: RecurrentState | null, opts: { hGradNorms?: boolean | undefined } = {}) {
    const { B, t0, t1 } = pass;
    const H = this.rnn.hiddenSize;
    const D = this.rnn.numDirections;
    const L = this.rnn.numLayers;
    const { dx: dHead } = this.head.backward(pass.head, dOut);
    let dy: FloatArray | undefined;
    let dhN = dState?.h;
    if (this.config.output.perStep) {
      dy = dHead;
    } else {
      // The head read the top layer's final states: route its gradient to those rows of ∂L/∂hN.
      const n = this.stateLength(B);
      if (this.dState.length < n) this.dState = allocFloat(this.dtype, n);
      const ds = this.dState.subarray(0, n);
      if (dhN) ds.set(dhN);
      else ds.fill(0);
      for (let d = 0; d < D; d++) {
        const off = ((L - 1) * D + d) * B * H;
        for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) ds[off + b * H + j]! += dHead[b * D * H + d * H + j]!;
      }
      dhN = ds;
    }
    const r = this.rnn.backward(pass.recurrent, { dy, dhN, dcN: dState?.c ?? undefined }, { hGradNorms: opts.hGradNorms });
    const width = this.rnn.inputSize;
    const base = t0 * B * width;
    for (let i = 0, n = (t1 - t0) * B * width; i < n; i++) this.dx[base + i]! += r.dx[i]!;
    return r;
  }

  /** Finishes the batch's backward pass: the embedding gradient from the summed input gradient. */
  endBatch(): void {
    if (this.embedding && this.embedCache) {
      this.embedding.backward(this.embedCache, this.dx.subarray(0, this.batchT * this.batchB * this.rnn.inputSize));
    }
  }

  /** [B, D*H] = [forward hN, reverse hN] of the top layer (the reverse direction's final state is after t = 0). */
  private finalFeatures(hN: FloatArray, B: number): FloatArray {
    const H = this.rnn.hiddenSize;
    const D = this.rnn.numDirections;
    const top = (this.rnn.numLayers - 1) * D;
    if (this.features.length < B * D * H) this.features = allocFloat(this.dtype, B * D * H);
    for (let d = 0; d < D; d++) {
      for (let b = 0; b < B; b++) {
        const src = ((top + d) * B + b) * H;
        this.features.set(hN.subarray(src, src + H), b * D * H + d * H);
      }
    }
    return this.features.subarray(0, B * D * H);
  }
}
