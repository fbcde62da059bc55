// What one recurrent cell (RNN, LSTM, GRU) plugs into the shared time loop: the `Cell` contract
// for one time step forward and backward, and `DirectionWork`, the buffers of one direction of
// one layer that the step reads and writes.
//
// Shapes: T time, B batch, I input (of this layer), H hidden, G fused gates (H RNN, 4H LSTM, 3H GRU).
//
// State slots. `hs` (and `cs`) hold T+1 states of [B, H], indexed by time so that every
// h_{t-1} of the sequence is one contiguous [T*B, H] block (one matmul for dW_hh):
//   forward direction: slot 0 = h0,   slot t+1 = h_t   →  h_{t-1} in slot t
//   reverse direction: slot T = h0,   slot t   = h_t   →  "previous" (h_{t+1}) in slot t+1
// A step receives the element offsets `prev` and `out` of these two slots.

import type { Kernels } from './kernels';
import type { Dtype, FloatArray, Param } from './param';
import { allocFloat } from './param';

import type { CellName } from './cell-names';

export type { CellName };

export type GateActivation = 'sigmoid' | 'tanh' | 'relu';

export interface Cell {
  readonly name: CellName;
  /** The gate blocks of a [.., G] row in order (PyTorch's): LSTM i, f, g, o; GRU r, z, n; RNN h. */
  readonly gateOrder: readonly string[];
  /** The function forwardStep applies to each block's pre-activation, in gateOrder (tests recompute gates with it). */
  readonly gateActivations: readonly GateActivation[];
  /** Number of fused gate blocks: G = gates * H. */
  readonly gates: number;
  /** LSTM: a cell state c travels beside h. */
  readonly hasCellState: boolean;
  /** The step keeps a [B, H] per-step value in `extra` (LSTM tanh(c_t), GRU W_hn h_{t-1} + b_hn). */
  readonly usesExtra: boolean;
  /**
   * GRU: the recurrent weights see different gate gradients than the input weights
   * (r multiplies W_hn h + b_hn), so backward fills `dGatesHh` separately; otherwise it aliases `dGates`.
   */
  readonly separateHiddenGateGrads: boolean;
  /** GRU: backwardStep writes a direct ∂h_t/∂h_{t-1} term (z ∘ dh) into dhPrev before W_hh's share is added. */
  readonly directHiddenGrad: boolean;

  /**
   * One step at time t. On entry gates[t] = x_t · W_ihᵀ + b_ih  [B, G]. On exit gates[t] holds the
   * gate activations the backward needs, hs[out] = h_t, cs[out] = c_t (LSTM), extra[t] cell-specific.
   * When w.preActivations is set, the step also copies each gate's pre-activation there (same layout as gates).
   */
  forwardStep(w: DirectionWork, t: number, prev: number, out: number): void;

  /**
   * Backward of one step. Reads dh = ∂L/∂h_t (all paths) and dc = ∂L/∂c_t (LSTM). Writes the
   * pre-activation gate gradients dGates[t] (and dGatesHh[t]), dcPrev = ∂L/∂c_{t-1} (LSTM), and the
   * direct part of ∂L/∂h_{t-1} into dhPrev when `directHiddenGrad`; the time loop adds dGatesHh[t] · W_hh.
   */
  backwardStep(w: DirectionWork, t: number, prev: number, out: number): void;
}

function grow(buf: FloatArray, size: number, dtype: Dtype): FloatArray {
  return buf.length >= size ? buf : allocFloat(dtype, size);
}

/**
 * Buffers of one direction of one layer. Sized by `reserve(T, B)` before a forward call and only
 * ever grown, so calls with the same (or a smaller) batch shape allocate nothing.
 */
export class DirectionWork {
  readonly H: number;
  readonly G: number;
  T = 0;
  B = 0;

  /** [T, B, G] input projection on entry to a step, gate activations after it. */
  gates: FloatArray;
  /**
   * [T, B, G] or null: set only by a recording forward (the explorer), so the cells keep each gate's
   * pre-activation (the value its σ / tanh / ReLU is applied to) beside the activations; null costs nothing.
   */
  preActivations: FloatArray | null = null;
  /** [T+1, B, H] hidden states in time slots (see the module comment). */
  hs: FloatArray;
  /** [T+1, B, H] cell states (LSTM only; empty otherwise). */
  cs: FloatArray;
  /** [T, B, H] per-step extra: LSTM tanh(c_t), GRU W_hn h_{t-1} + b_hn; unused for RNN. */
  extra: FloatArray;
  /** [B, G] scratch for h_{t-1} · W_hhᵀ + b_hh (GRU). */
  hProj: FloatArray;
  /** [T, B, G] gradients of the gate pre-activations, as seen by W_ih and b_ih. */
  dGates: FloatArray;
  /** [T, B, G] the same as seen by W_hh and b_hh (GRU; the very same buffer as dGates otherwise). */
  dGatesHh: FloatArray;
  /** [B, H] ∂L/∂h_t and ∂L/∂c_t of the step being differentiated. */
  dh: FloatArray;
  dc: FloatArray;
  /** [B, H] ∂L/∂h_{t-1} and ∂L/∂c_{t-1}: the dhNext / dcNext carried to the step before. */
  dhPrev: FloatArray;
  dcPrev: FloatArray;
  /**
   * [B, H] or null: set only when a backward samples ‖∂L/∂c_t‖ (LSTM), so the cell leaves there the whole gradient
   * reaching c_t (through c_{t+1} and through h_t) of the step just differentiated; null costs nothing.
   */
  dcTotal: FloatArray | null = null;

  constructor(
    readonly cell: Cell,
    readonly k: Kernels,
    readonly dtype: Dtype,
    readonly inputSize: number,
    readonly hiddenSize: number,
    /** weight_ih [G, I], weight_hh [G, H], bias_ih [G], bias_hh [G] of this layer and direction. */
    readonly Wih: Param,
    readonly Whh: Param,
    readonly bih: Param,
    readonly bhh: Param,
  ) {
    this.H = hiddenSize;
    this.G = cell.gates * hiddenSize;
    const empty = allocFloat(dtype, 0);
    this.gates = this.hs = this.cs = this.extra = this.hProj = empty;
    this.dGates = this.dGatesHh = this.dh = this.dc = this.dhPrev = this.dcPrev = empty;
  }

  reserve(T: number, B: number): void {
    const { H, G, dtype, cell } = this;
    this.T = T;
    this.B = B;
    this.gates = grow(this.gates, T * B * G, dtype);
    this.hs = grow(this.hs, (T + 1) * B * H, dtype);
    if (cell.hasCellState) this.cs = grow(this.cs, (T + 1) * B * H, dtype);
    if (cell.usesExtra) this.extra = grow(this.extra, T * B * H, dtype);
    this.hProj = grow(this.hProj, B * G, dtype);
    this.dGates = grow(this.dGates, T * B * G, dtype);
    this.dGatesHh = cell.separateHiddenGateGrads ? grow(this.dGatesHh, T * B * G, dtype) : this.dGates;
    this.dh = grow(this.dh, B * H, dtype);
    this.dhPrev = grow(this.dhPrev, B * H, dtype);
    if (cell.hasCellState) {
      this.dc = grow(this.dc, B * H, dtype);
      this.dcPrev = grow(this.dcPrev, B * H, dtype);
    }
  }
}
