// One recurrent cell (RNN, LSTM, GRU) stepped one time step at a time with explicit state, and
// backpropagated one step at a time: for decoders whose next input depends on the last output
// (attention on h_{t-1}, feeding back predictions). Reuses the cells' own forwardStep/backwardStep
// and their DirectionWork buffers, so the equations live only in rnn.ts / lstm.ts / gru.ts.
// Parameters are named like PyTorch's nn.RNNCell / nn.LSTMCell / nn.GRUCell.
//
// Shapes: T steps (capacity), B batch, I input, H hidden, G = gates·H.
//
// Forward: begin(B, T, h0, c0), then step(x_t) for t = 0, 1, … (at most T). Backward walks the same
// steps downwards: beginBackward(dhN, dcN), then backwardStep(dh_t) for t = n-1 … 0, which returns
// ∂L/∂x_t at once; gradient that reaches h_{t-1} another way (e.g. through an attention query) is
// added with addHiddenGrad before the next backwardStep. endBackward() adds the weight gradients of
// all steps in one product each and returns ∂L/∂h0, ∂L/∂c0. No masking: padded steps simply get no
// gradient from the loss. Buffers are sized once per (T, B) and reused.

import type { Cell, CellName } from './recurrent-cell';
import type { Kernels } from './kernels';
import type { Dtype, FloatArray, Param } from './param';
import { DirectionWork } from './recurrent-cell';
import { allocFloat, createParam } from './param';
import { jsKernels } from './kernels-js';
import { GRU_CELL } from './gru';
import { LSTM_CELL } from './lstm';
import { RNN_RELU_CELL, RNN_TANH_CELL } from './rnn';
import { checkDtype, checkInteger, checkLength } from './shape';
import { copyDirectionInternals, type DirectionInternals } from './recorded-internals';

export const CELLS: Readonly<Record<CellName, Cell>> = { rnn_tanh: RNN_TANH_CELL, rnn_relu: RNN_RELU_CELL, lstm: LSTM_CELL, gru: GRU_CELL };

export interface CellStepperConfig {
  inputSize: number;
  hiddenSize: number;
  dtype?: Dtype;
  kernels?: Kernels | undefined;
  /** Prepended to the parameter names, e.g. "decoder." → "decoder.weight_ih". */
  namePrefix?: string;
}

export class CellStepper {
  readonly cell: Cell;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly dtype: Dtype;
  /** weight_ih [G, I], weight_hh [G, H], bias_ih [G], bias_hh [G]. */
  readonly params: readonly Param[];

  private readonly k: Kernels;
  private readonly w: DirectionWork;
  private steps = 0; //    forward steps taken since begin
  private backAt = 0; //   next step backwardStep differentiates, counting down
  private capacity = 0;
  private xs: FloatArray; // [T, B, I] inputs of every step (for dW_ih)
  private dx: FloatArray; // [B, I]

  /** @param share another stepper whose parameters this one uses (a generation session beside training) */
  constructor(cell: CellName, config: CellStepperConfig, share?: CellStepper) {
    const where = 'CellStepper(constructor)';
    const { inputSize: I, hiddenSize: H, dtype = 'float32', namePrefix = '' } = config;
    checkInteger(where, 'inputSize', I, 1);
    checkInteger(where, 'hiddenSize', H, 1);
    this.cell = CELLS[cell];
    this.inputSize = I;
    this.hiddenSize = H;
    this.dtype = dtype;
    this.k = config.kernels ?? jsKernels;
    let params: readonly Param[];
    if (share !== undefined) {
      if (share.cell !== this.cell || share.inputSize !== I || share.hiddenSize !== H || share.dtype !== dtype)
        throw new Error(`${where}: the shared stepper has another configuration`);
      params = share.params;
    } else {
      const G = this.cell.gates * H;
      params = [
        createParam(`${namePrefix}weight_ih`, [G, I], dtype),
        createParam(`${namePrefix}weight_hh`, [G, H], dtype),
        createParam(`${namePrefix}bias_ih`, [G], dtype),
        createParam(`${namePrefix}bias_hh`, [G], dtype),
      ];
    }
    this.params = params;
    const [Wih, Whh, bih, bhh] = params as [Param, Param, Param, Param];
    this.w = new DirectionWork(this.cell, this.k, dtype, I, H, Wih, Whh, bih, bhh);
    this.xs = this.dx = allocFloat(dtype, 0);
  }

  get stepsTaken(): number {
    return this.steps;
  }

  /**
   * Starts a sequence of up to T steps from h0 (c0 for LSTM), [B, H] each, null = zeros.
   * @param record keep the gate pre-activations too, so `recorded()` can give every step's internals
   */
  begin(B: number, T: number, h0: FloatArray | null, c0: FloatArray | null, record = false): void {
    const where = 'CellStepper.begin';
    const { inputSize: I, w } = this;
    checkInteger(where, 'B', B, 1);
    checkInteger(where, 'T', T, 1);
    w.reserve(T, B);
    if (this.xs.length < T * B * I) this.xs = allocFloat(this.dtype, T * B * I);
    if (this.dx.length < B * I) this.dx = allocFloat(this.dtype, B * I);
    w.preActivations = record ? allocFloat(this.dtype, T * B * w.G) : null;
    this.capacity = T;
    this.steps = 0;
    this.backAt = 0;
    if (c0 !== null && !this.cell.hasCellState) throw new Error(`${where}: c0 is only for LSTM`);
    this.setState(where, 'h0', h0, w.hs, B);
    if (this.cell.hasCellState) this.setState(where, 'c0', c0, w.cs, B);
  }

  /** dst[0 .. B*H] = src, or zeros when src is null. */
  private setState(where: string, name: string, src: FloatArray | null, dst: FloatArray, B: number): void {
    const BH = B * this.hiddenSize;
    if (src === null) {
      this.k.fill(1, BH, 0, dst, 0, 0);
      return;
    }
    checkDtype(where, name, src, this.dtype);
    checkLength(where, `${name} [B, H]`, src, [B, this.hiddenSize]);
    this.k.copy(1, BH, src, 0, 0, dst, 0, 0);
  }

  /**
   * One step: h_t, c_t from x_t and the previous state; h_t is then at stateOffset(t + 1) of `states`.
   * @param x holds x_t [B, I] at xOff
   */
  step(x: FloatArray, xOff: number): void {
    const { w, k, inputSize: I } = this;
    const { B, G } = w;
    const t = this.steps;
    if (t >= this.capacity) throw new Error(`CellStepper.step: all ${this.capacity} steps reserved by begin are taken`);
    if (x.length < xOff + B * I) throw new Error(`CellStepper.step: x holds ${x.length} values, needs [B, I] = [${B}, ${I}] at offset ${xOff}`);
    k.copy(1, B * I, x, xOff, 0, this.xs, t * B * I, 0);
    const g = t * B * G;
    k.matmulNT(B, G, I, x, xOff, I, w.Wih.data, 0, I, w.gates, g, G, false); // gates[t] = x_t · W_ihᵀ + b_ih
    k.addBiasRows(B, G, w.gates, g, G, w.bih.data, 0);
    this.cell.forwardStep(w, t, t * B * w.H, (t + 1) * B * w.H);
    this.steps++;
  }

  /** Copies of h_t, c_t and the gates of the steps taken since a recording begin, [steps, B, ·] (layer 0, forward). */
  recorded(): DirectionInternals {
    return copyDirectionInternals(this.w, this.steps, 0, false);
  }

  /** [T+1, B, H] hidden states by step: h0, h_1, … (the workspace; valid until the next begin). */
  get states(): FloatArray {
    return this.w.hs;
  }

  /** Offset of the state after t steps in `states`. */
  stateOffset(t: number): number {
    return t * this.w.B * this.w.H;
  }

  /** [B, H] hidden state after t steps (t = 0: h0). */
  h(t: number): FloatArray {
    const BH = this.w.B * this.w.H;
    return this.w.hs.subarray(t * BH, (t + 1) * BH);
  }

  /** [B, H] cell state after t steps (LSTM), else null. */
  c(t: number): FloatArray | null {
    if (!this.cell.hasCellState) return null;
    const BH = this.w.B * this.w.H;
    return this.w.cs.subarray(t * BH, (t + 1) * BH);
  }

  /** [n*B, H] the hidden states h_1 … h_n of the steps taken, contiguous (time-major). */
  outputs(): FloatArray {
    const BH = this.w.B * this.w.H;
    return this.w.hs.subarray(BH, (this.steps + 1) * BH);
  }

  /** Starts the backward pass at the last step taken; dhN, dcN [B, H] are ∂L/∂ of the final state (null = 0). */
  beginBackward(dhN: FloatArray | null, dcN: FloatArray | null): void {
    const { w, k } = this;
    const BH = w.B * w.H;
    if (dhN === null) k.fill(1, BH, 0, w.dhPrev, 0, 0);
    else k.copy(1, BH, dhN, 0, 0, w.dhPrev, 0, 0);
    if (this.cell.hasCellState) {
      if (dcN === null) k.fill(1, BH, 0, w.dc, 0, 0);
      else k.copy(1, BH, dcN, 0, 0, w.dc, 0, 0);
    }
    this.backAt = this.steps;
  }

  /**
   * Backward of the latest step not yet differentiated (t = n-1, then n-2, …).
   * @param dy ∂L/∂h_t from outside the recurrence as a [B, H] block at dyOff with row stride ldy (null = 0)
   * @returns ∂L/∂x_t [B, I], valid until the next backward step
   */
  backwardStep(dy: FloatArray | null, dyOff: number, ldy: number): FloatArray {
    const { w, k, cell, inputSize: I } = this;
    const { B, H, G } = w;
    if (this.backAt <= 0) throw new Error('CellStepper.backwardStep: every step taken is already differentiated');
    const t = --this.backAt;
    k.copy(B, H, w.dhPrev, 0, H, w.dh, 0, H); //             dh = dhNext
    if (dy !== null) k.axpy(B, H, 1, dy, dyOff, ldy, w.dh, 0, H); //  + ∂L/∂h_t from outside
    cell.backwardStep(w, t, t * B * H, (t + 1) * B * H);
    const g = t * B * G;
    k.matmul(B, H, G, w.dGatesHh, g, G, w.Whh.data, 0, H, w.dhPrev, 0, H, cell.directHiddenGrad); // dhPrev (+)= dG_hh · W_hh
    if (cell.hasCellState) {
      const dcNext = w.dcPrev;
      w.dcPrev = w.dc;
      w.dc = dcNext;
    }
    k.matmul(B, I, G, w.dGates, g, G, w.Wih.data, 0, I, this.dx, 0, I, false); // dx_t = dG · W_ih
    return this.dx.subarray(0, B * I);
  }

  /** ‖∂L/∂h_t‖ over the whole batch, of the step the last backwardStep differentiated. */
  hiddenGradNorm(): number {
    const { w } = this;
    return Math.sqrt(this.k.sumSquares(w.B * w.H, w.dh, 0));
  }

  /** Adds g [B, H] (block at off, row stride ld) to ∂L/∂h_{t-1}, the gradient carried to the step below. */
  addHiddenGrad(g: FloatArray, off: number, ld: number): void {
    const { w } = this;
    this.k.axpy(w.B, w.H, 1, g, off, ld, w.dhPrev, 0, w.H);
  }

  /**
   * Accumulates the weight gradients of all steps taken and returns ∂L/∂h0 (and ∂L/∂c0 for LSTM),
   * [B, H] views valid until the next backward.
   */
  endBackward(): { dh0: FloatArray; dc0: FloatArray | null } {
    const { w, k, inputSize: I } = this;
    const { B, H, G } = w;
    if (this.backAt !== 0) throw new Error(`CellStepper.endBackward: ${this.backAt} step(s) are not differentiated yet`);
    const TB = this.steps * B;
    k.matmulTN(G, H, TB, w.dGatesHh, 0, G, w.hs, 0, H, w.Whh.grad, 0, H, true); // dW_hh += Σ_t dG_hhᵀ · h_{t-1}
    k.sumRows(TB, G, w.dGatesHh, 0, G, w.bhh.grad, 0); //                           db_hh += Σ_t dG_hh
    k.matmulTN(G, I, TB, w.dGates, 0, G, this.xs, 0, I, w.Wih.grad, 0, I, true); //  dW_ih += Σ_t dGᵀ · x_t
    k.sumRows(TB, G, w.dGates, 0, G, w.bih.grad, 0); //                             db_ih += Σ_t dG
    const BH = B * H;
    return { dh0: w.dhPrev.subarray(0, BH), dc0: this.cell.hasCellState ? w.dc.subarray(0, BH) : null };
  }
}
