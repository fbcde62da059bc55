// A stacked, optionally bidirectional recurrent layer over time-major batches with per-sequence
// lengths; the cell (RNN, LSTM, GRU) plugs in through `Cell`. Parameters are named, shaped and
// ordered exactly like PyTorch's nn.RNN / nn.LSTM / nn.GRU.
//
// Shapes: T time, B batch, I input, H hidden, L layers, D directions (2 if bidirectional), G gates·H.
//
// Ownership: y, hN, cN, the cache, and backward's dx, dh0, dc0, hGradNorms live in the layer's
// workspace and stay valid until the next forward (resp. backward) call; copy what you keep.
// Passing hN back as the next call's h0 is fine (truncated BPTT, generation). The cache also refers
// to the caller's x, which must not change before backward. A cache from an older forward is refused.

import type { Kernels } from './kernels';
import type { Dtype, FloatArray, Param } from './param';
import type { Rng } from '../random/rng';
import type { Cell } from './recurrent-cell';
import type { DirectionRun } from './recurrent-loop';
import { allocFloat, createParam } from './param';
import { jsKernels } from './kernels-js';
import { DirectionWork } from './recurrent-cell';
import { directionBackward, directionForward } from './recurrent-loop';
import { copyDirectionInternals, type RecurrentInternals } from './recorded-internals';
import { checkDtype, checkInteger, checkLength } from './shape';
import { at } from '../checked-index';

export interface RecurrentConfig {
  inputSize: number;
  hiddenSize: number;
  /** Stacked layers L (default 1); layer k > 0 reads the D*H outputs of layer k-1. */
  numLayers?: number;
  bidirectional?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training only (PyTorch's `dropout`). */
  dropout?: number;
  /** float32 (default, fast path) or float64 (finite-difference checks). */
  dtype?: Dtype;
  kernels?: Kernels | undefined;
  /** Prepended to every parameter name, e.g. "encoder." → "encoder.weight_ih_l0". */
  namePrefix?: string;
}

export interface RecurrentForwardOptions {
  /** [B] valid steps of each sequence, each in 0..T; steps t >= lengths[b] are padding. Default: all T. */
  lengths?: ArrayLike<number> | undefined;
  /** [L*D, B, H] initial hidden states, first axis k*D + d (default zeros). */
  h0?: FloatArray | undefined;
  /** [L*D, B, H] initial cell states (LSTM only; default zeros). */
  c0?: FloatArray | undefined;
  /** Enables dropout between layers. */
  training?: boolean | undefined;
  /** Draws the dropout masks; required when training with dropout > 0 and L > 1. */
  rng?: Rng | undefined;
  /** Also return every layer's and direction's states and gates at every step (`internals`; off: no cost). */
  record?: boolean | undefined;
}

export interface RecurrentCache {
  readonly T: number;
  readonly B: number;
}

export interface RecurrentForwardResult {
  /** [T, B, D*H] last layer's outputs, [forward h_t, reverse h_t] per row; exactly 0 at padded steps. */
  y: FloatArray;
  /** [L*D, B, H] final hidden states: forward after each row's last valid step, reverse after t = 0. */
  hN: FloatArray;
  /** [L*D, B, H] final cell states (LSTM only). */
  cN?: FloatArray;
  cache: RecurrentCache;
  /** With opts.record: copies of the states and gates this forward computed (owned by the caller). */
  internals?: RecurrentInternals;
}

export interface RecurrentGrads {
  /** [T, B, D*H] ∂L/∂y (omit for 0); values at padded steps are ignored. */
  dy?: FloatArray | undefined;
  /** [L*D, B, H] ∂L/∂hN (omit for 0). */
  dhN?: FloatArray | undefined;
  /** [L*D, B, H] ∂L/∂cN (LSTM only; omit for 0). */
  dcN?: FloatArray | undefined;
}

export interface RecurrentBackwardResult {
  /** [T, B, I] ∂L/∂x; exactly 0 at padded steps. */
  dx: FloatArray;
  /** [L*D, B, H] ∂L/∂h0. */
  dh0: FloatArray;
  /** [L*D, B, H] ∂L/∂c0 (LSTM only). */
  dc0?: FloatArray;
  /**
   * [L*D, T] when requested: ‖∂L/∂h_t‖₂ of layer k, direction d at row k*D + d — the total gradient
   * reaching the hidden state at time t (from y_t, the next step and the layer above), over the
   * batch's valid rows. Shows vanishing / exploding gradients along time.
   */
  hGradNorms?: Float64Array;
  /** [L*D, T] with hGradNorms, LSTM only: ‖∂L/∂c_t‖₂ likewise — the whole gradient reaching the cell state at t. */
  cGradNorms?: Float64Array;
}

interface Cache extends RecurrentCache {
  readonly owner: RecurrentLayer;
  readonly generation: number;
  readonly x: FloatArray;
  readonly lengths: Int32Array | null;
  readonly dropout: boolean;
}

export class RecurrentLayer {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly numDirections: number;
  readonly dropout: number;
  readonly dtype: Dtype;
  /** PyTorch order: layer by layer, forward before reverse, each weight_ih, weight_hh, bias_ih, bias_hh. */
  readonly params: readonly Param[];

  private readonly kernels: Kernels;
  private readonly dirs: DirectionWork[] = []; // index k*D + d
  private generation = 0;
  private outs: FloatArray[]; //    [L]   [T, B, D*H] output of each layer
  private dOuts: FloatArray[]; //   [L-1] its gradient (layers below the top)
  private masks: FloatArray[]; //   [L-1] dropout masks, 0 or 1/(1-p)
  private dropped: FloatArray[]; // [L-1] outs[k] ∘ masks[k], the input of layer k+1 when training
  private hN: FloatArray;
  private cN: FloatArray;
  private dx: FloatArray;
  private dh0: FloatArray;
  private dc0: FloatArray;
  private lengths = new Int32Array(0);
  private norms = new Float64Array(0);
  private cellNorms = new Float64Array(0); // [L*D, T] ‖∂L/∂c_t‖ (LSTM), filled beside `norms`

  constructor(
    readonly cell: Cell,
    readonly label: string,
    config: RecurrentConfig,
  ) {
    const where = `${label}(constructor)`;
    const { inputSize, hiddenSize, numLayers = 1, bidirectional = false, dropout = 0, dtype = 'float32' } = config;
    checkInteger(where, 'inputSize', inputSize, 1);
    checkInteger(where, 'hiddenSize', hiddenSize, 1);
    checkInteger(where, 'numLayers', numLayers, 1);
    if (!(dropout >= 0 && dropout < 1)) throw new Error(`${where}: dropout must be in [0, 1), got ${dropout}`);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.numDirections = bidirectional ? 2 : 1;
    this.dropout = dropout;
    this.dtype = dtype;

    const D = this.numDirections;
    const G = cell.gates * hiddenSize;
    const kernels = (this.kernels = config.kernels ?? jsKernels);
    const params: Param[] = [];
    for (let k = 0; k < numLayers; k++) {
      const inK = k === 0 ? inputSize : D * hiddenSize;
      for (let d = 0; d < D; d++) {
        const suffix = `_l${k}${d === 1 ? '_reverse' : ''}`;
        const name = (base: string): string => `${config.namePrefix ?? ''}${base}${suffix}`;
        const Wih = createParam(name('weight_ih'), [G, inK], dtype);
        const Whh = createParam(name('weight_hh'), [G, hiddenSize], dtype);
        const bih = createParam(name('bias_ih'), [G], dtype);
        const bhh = createParam(name('bias_hh'), [G], dtype);
        params.push(Wih, Whh, bih, bhh);
        this.dirs.push(new DirectionWork(cell, kernels, dtype, inK, hiddenSize, Wih, Whh, bih, bhh));
      }
    }
    this.params = params;
    const empty = allocFloat(dtype, 0);
    this.outs = new Array<FloatArray>(numLayers).fill(empty);
    this.dOuts = new Array<FloatArray>(numLayers - 1).fill(empty);
    this.masks = new Array<FloatArray>(numLayers - 1).fill(empty);
    this.dropped = new Array<FloatArray>(numLayers - 1).fill(empty);
    this.hN = this.cN = this.dx = this.dh0 = this.dc0 = empty;
  }

  /**
   * Runs all layers and directions over the batch.
   * @param x [T, B, I] time-major input (the layer's dtype)
   */
  forward(x: FloatArray, T: number, B: number, opts: RecurrentForwardOptions = {}): RecurrentForwardResult {
    const where = `${this.label}.forward`;
    const { inputSize: I, hiddenSize: H, numLayers: L, numDirections: D, cell } = this;
    checkInteger(where, 'T', T, 1);
    checkInteger(where, 'B', B, 1);
    checkDtype(where, 'x', x, this.dtype);
    checkLength(where, 'x [T, B, I]', x, [T, B, I]);
    const h0 = this.stateInput(where, 'h0', opts.h0, B);
    if (opts.c0 !== undefined && !cell.hasCellState) throw new Error(`${where}: c0 is only for LSTM`);
    const c0 = this.stateInput(where, 'c0', opts.c0, B);
    const lengths = this.readLengths(where, opts.lengths, T, B);
    const dropout = opts.training === true && this.dropout > 0 && L > 1;
    if (dropout && opts.rng === undefined) throw new Error(`${where}: training with dropout ${this.dropout} needs opts.rng`);

    this.reserve(T, B);
    this.generation++;
    const record = opts.record === true;
    if (record) for (const w of this.dirs) w.preActivations = allocFloat(this.dtype, T * B * w.G);
    const hN = this.hN;
    const cN = cell.hasCellState ? this.cN : null;
    for (let k = 0; k < L; k++) {
      const input = k === 0 ? x : dropout ? at(this.dropped, k - 1, `${where} dropped`) : at(this.outs, k - 1, `${where} outs`);
      const out = at(this.outs, k, `${where} outs`);
      for (let d = 0; d < D; d++) directionForward(this.run(k, d, input, lengths), h0, c0, out, hN, cN);
      if (k < L - 1 && dropout) this.drop(k, T * B * D * H, opts.rng as Rng);
    }

    const cache: Cache = { owner: this, generation: this.generation, T, B, x, lengths, dropout };
    const nState = L * D * B * H;
    const result: RecurrentForwardResult = { y: at(this.outs, L - 1, `${where} outs`).subarray(0, T * B * D * H), hN: hN.subarray(0, nState), cache };
    if (cN !== null) result.cN = cN.subarray(0, nState);
    if (record) result.internals = this.takeInternals(T, B);
    return result;
  }

  /** The recorded internals of the forward just run; recording is switched off again. */
  private takeInternals(T: number, B: number): RecurrentInternals {
    const D = this.numDirections;
    const directions = this.dirs.map((w, i) => copyDirectionInternals(w, T, Math.floor(i / D), i % D === 1));
    for (const w of this.dirs) w.preActivations = null;
    return { cell: this.cell.name, gateOrder: this.cell.gateOrder, T, B, H: this.hiddenSize, directions };
  }

  /**
   * Exact BPTT through the cached forward; accumulates (+=) into every Param.grad.
   * @param grads dy [T, B, D*H], dhN [L*D, B, H], dcN [L*D, B, H] (LSTM), each optional
   */
  backward(cache: RecurrentCache, grads: RecurrentGrads, opts: { hGradNorms?: boolean | undefined } = {}): RecurrentBackwardResult {
    const where = `${this.label}.backward`;
    const c = cache as Cache;
    if (c.owner !== this) throw new Error(`${where}: the cache comes from another layer`);
    if (c.generation !== this.generation) throw new Error(`${where}: stale cache (forward was called again since)`);
    const { inputSize: I, hiddenSize: H, numLayers: L, numDirections: D, cell } = this;
    const { T, B, lengths } = c;
    const dy = this.optionalInput(where, 'dy [T, B, D*H]', grads.dy, [T, B, D * H]);
    const dhN = this.optionalInput(where, 'dhN [L*D, B, H]', grads.dhN, [L * D, B, H]);
    if (grads.dcN !== undefined && !cell.hasCellState) throw new Error(`${where}: dcN is only for LSTM`);
    const dcN = this.optionalInput(where, 'dcN [L*D, B, H]', grads.dcN, [L * D, B, H]);

    const norms = opts.hGradNorms === true ? this.norms : null;
    const cellNorms = norms !== null && cell.hasCellState ? this.cellNorms : null;
    const dc0 = cell.hasCellState ? this.dc0 : null;
    for (let k = L - 1; k >= 0; k--) {
      const input = k === 0 ? c.x : c.dropout ? at(this.dropped, k - 1, `${where} dropped`) : at(this.outs, k - 1, `${where} outs`);
      const dyK = k === L - 1 ? dy : at(this.dOuts, k, `${where} dOuts`);
      const dIn = k === 0 ? this.dx : at(this.dOuts, k - 1, `${where} dOuts`);
      for (let d = 0; d < D; d++) {
        const r = this.run(k, d, input, lengths);
        directionBackward(r, dyK, dhN, dcN, dIn, d > 0, this.dh0, dc0, norms, (k * D + d) * T, cellNorms);
      }
      // Inverted dropout backward: the mask that scaled the input of layer k scales its gradient.
      if (k > 0 && c.dropout) this.kernels.mul(1, T * B * D * H, dIn, 0, 0, at(this.masks, k - 1, `${where} masks`), 0, 0, dIn, 0, 0);
    }

    const nState = L * D * B * H;
    const result: RecurrentBackwardResult = { dx: this.dx.subarray(0, T * B * I), dh0: this.dh0.subarray(0, nState) };
    if (dc0 !== null) result.dc0 = dc0.subarray(0, nState);
    if (norms !== null) result.hGradNorms = norms.subarray(0, L * D * T);
    if (cellNorms !== null) result.cGradNorms = cellNorms.subarray(0, L * D * T);
    return result;
  }

  private run(k: number, d: number, x: FloatArray, lengths: Int32Array | null): DirectionRun {
    const D = this.numDirections;
    const H = this.hiddenSize;
    const w = at(this.dirs, k * D + d, `${this.label} directions`);
    return { w, reverse: d === 1, lengths, x, yCol: d * H, ldy: D * H, stateOff: (k * D + d) * w.B * H };
  }

  /** outs[k] ∘ mask → dropped[k], with mask entries 0 (probability p) or 1/(1-p) (inverted dropout). */
  private drop(k: number, n: number, rng: Rng): void {
    const p = this.dropout;
    const what = `${this.label}.drop`;
    const mask = at(this.masks, k, `${what} masks`);
    const keep = 1 / (1 - p);
    for (let i = 0; i < n; i++) mask[i] = rng.next() < p ? 0 : keep;
    this.kernels.mul(1, n, at(this.outs, k, `${what} outs`), 0, 0, mask, 0, 0, at(this.dropped, k, `${what} dropped`), 0, 0);
  }

  /** Grows every buffer to hold a [T, B] batch; never shrinks, so steady shapes allocate nothing. */
  private reserve(T: number, B: number): void {
    const { inputSize: I, hiddenSize: H, numLayers: L, numDirections: D, dtype } = this;
    const grow = (buf: FloatArray, n: number): FloatArray => (buf.length >= n ? buf : allocFloat(dtype, n));
    for (const w of this.dirs) w.reserve(T, B);
    const nOut = T * B * D * H;
    const what = `${this.label}.reserve`;
    for (let k = 0; k < L; k++) this.outs[k] = grow(at(this.outs, k, `${what} outs`), nOut);
    for (let k = 0; k < L - 1; k++) {
      this.dOuts[k] = grow(at(this.dOuts, k, `${what} dOuts`), nOut);
      if (this.dropout > 0) {
        this.masks[k] = grow(at(this.masks, k, `${what} masks`), nOut);
        this.dropped[k] = grow(at(this.dropped, k, `${what} dropped`), nOut);
      }
    }
    const nState = L * D * B * H;
    this.hN = grow(this.hN, nState);
    this.dh0 = grow(this.dh0, nState);
    if (this.cell.hasCellState) {
      this.cN = grow(this.cN, nState);
      this.dc0 = grow(this.dc0, nState);
    }
    this.dx = grow(this.dx, T * B * I);
    if (this.norms.length < L * D * T) this.norms = new Float64Array(L * D * T);
    if (this.cell.hasCellState && this.cellNorms.length < L * D * T) this.cellNorms = new Float64Array(L * D * T);
  }

  private stateInput(where: string, name: string, s: FloatArray | undefined, B: number): FloatArray | null {
    return this.optionalInput(where, `${name} [L*D, B, H]`, s, [this.numLayers * this.numDirections, B, this.hiddenSize]);
  }

  private optionalInput(where: string, what: string, s: FloatArray | undefined, dims: number[]): FloatArray | null {
    if (s === undefined) return null;
    checkDtype(where, what, s, this.dtype);
    checkLength(where, what, s, dims);
    return s;
  }

  /** Copies lengths into the workspace; null when absent or all equal to T (the unmasked fast path). */
  private readLengths(where: string, lengths: ArrayLike<number> | undefined, T: number, B: number): Int32Array | null {
    if (lengths === undefined) return null;
    checkLength(where, 'lengths [B]', lengths, [B]);
    let full = true;
    for (let b = 0; b < B; b++) {
      const n = lengths[b];
      if (n === undefined || !Number.isInteger(n) || n < 0 || n > T) throw new Error(`${where}: lengths[${b}] must be an integer in 0..${T}, got ${n}`);
      if (n !== T) full = false;
    }
    if (full) return null;
    if (this.lengths.length < B) this.lengths = new Int32Array(B);
    for (let b = 0; b < B; b++) this.lengths[b] = lengths[b]!; // each checked above
    return this.lengths.subarray(0, B);
  }
}
