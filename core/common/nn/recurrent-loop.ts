// The time loop of one direction of one recurrent layer, forward and backward (BPTT), shared by
// every cell: the cell computes one step, this file walks time, masks padding and does the big
// matmuls that cover all steps at once.
//
// Shapes: T time, B batch, I input (of this layer), H hidden, D directions, G fused gates.
//
// Variable lengths are handled by masking: every step runs on the whole batch, and a row whose
// step is padding (t >= lengths[b]) keeps its previous state. For the forward direction that
// freezes the state after the row's last valid step; for the reverse direction (walking t = T-1..0)
// it keeps h0 until the row's own last step t = lengths[b]-1, where the row really starts. In the
// backward pass padded rows pass ∂L/∂h straight through and get zero gate gradients, so no
// gradient reaches padded inputs and none comes from padded outputs.

import type { DirectionWork } from './recurrent-cell';
import { allocFloat, type FloatArray } from './param';

/** Where one direction of one layer reads and writes in the layer-level buffers. */
export interface DirectionRun {
  readonly w: DirectionWork;
  readonly reverse: boolean;
  /** [B] valid steps per row, or null when every row has all T steps. */
  readonly lengths: Int32Array | null;
  /** [T, B, I] input of this layer. */
  readonly x: FloatArray;
  /** [T, B, D*H] output of this layer (and its gradient in backward): this direction owns columns yCol .. yCol+H-1. */
  readonly yCol: number;
  readonly ldy: number;
  /** Offset of this layer's and direction's [B, H] block in h0 / hN / dh0 … [L*D, B, H]. */
  readonly stateOff: number;
}

/** Element offsets of the state slots read and written at time t (see recurrent-cell.ts). */
function prevSlot(r: DirectionRun, t: number): number {
  return (r.reverse ? t + 1 : t) * r.w.B * r.w.H;
}
function outSlot(r: DirectionRun, t: number): number {
  return (r.reverse ? t : t + 1) * r.w.B * r.w.H;
}

/**
 * Forward of one direction over all T steps.
 * @param h0 [L*D, B, H] initial hidden states (this direction's block at r.stateOff), null = zeros
 * @param c0 [L*D, B, H] initial cell states (LSTM), null = zeros
 * @param y  [T, B, D*H] layer output; padded steps are set to exactly 0
 * @param hN [L*D, B, H] receives the final hidden state; cN likewise (LSTM)
 */
export function directionForward(r: DirectionRun, h0: FloatArray | null, c0: FloatArray | null, y: FloatArray, hN: FloatArray, cN: FloatArray | null): void {
  const { w, reverse, lengths, x, stateOff } = r;
  const { k, cell, T, B, H, G, gates, hs, cs } = w;
  const I = w.inputSize;
  const BH = B * H;

  // Input projection of every step in one matmul: gates[T*B, G] = X[T*B, I] · W_ihᵀ + b_ih.
  k.matmulNT(T * B, G, I, x, 0, I, w.Wih.data, 0, I, gates, 0, G, false);
  k.addBiasRows(T * B, G, gates, 0, G, w.bih.data, 0);

  const first = reverse ? T * BH : 0;
  setBlock(w, hs, first, h0, stateOff);
  if (cell.hasCellState) setBlock(w, cs, first, c0, stateOff);

  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const prev = prevSlot(r, t);
    const out = outSlot(r, t);
    cell.forwardStep(w, t, prev, out);
    if (lengths !== null) {
      for (let b = 0; b < B; b++) {
        if (t < lengths[b]!) continue;
        k.copy(1, H, hs, prev + b * H, H, hs, out + b * H, H);
        if (cell.hasCellState) k.copy(1, H, cs, prev + b * H, H, cs, out + b * H, H);
      }
    }
  }

  // y[t, b, yCol : yCol+H] = h_t, or 0 at padded steps.
  for (let t = 0; t < T; t++) {
    const out = outSlot(r, t);
    const yt = t * B * r.ldy + r.yCol;
    if (lengths === null) {
      k.copy(B, H, hs, out, H, y, yt, r.ldy);
      continue;
    }
    for (let b = 0; b < B; b++) {
      if (t < lengths[b]!) k.copy(1, H, hs, out + b * H, H, y, yt + b * r.ldy, H);
      else k.fill(1, H, 0, y, yt + b * r.ldy, H);
    }
  }

  // Thanks to the masking, the last slot written holds every row's final state.
  const last = reverse ? 0 : T * BH;
  k.copy(1, BH, hs, last, BH, hN, stateOff, BH);
  if (cN !== null) k.copy(1, BH, cs, last, BH, cN, stateOff, BH);
}

/**
 * Backward (exact BPTT over all T steps) of one direction; accumulates into W_ih, W_hh, b_ih, b_hh grads.
 * @param dy  [T, B, D*H] ∂L/∂y of this layer (null = 0); padded steps are ignored
 * @param dhN [L*D, B, H] ∂L/∂hN (null = 0); dcN likewise (LSTM)
 * @param dx  [T, B, I] receives ∂L/∂x (overwritten, or added to when accumulateDx)
 * @param dh0 [L*D, B, H] receives ∂L/∂h0; dc0 likewise (LSTM)
 * @param norms [L*D, T] receives ‖∂L/∂h_t‖ at norms[normsOff + t] (over this direction's valid rows), or null
 * @param cNorms [L*D, T] likewise ‖∂L/∂c_t‖ (LSTM: the whole gradient reaching the cell state), or null
 */
export function directionBackward(
  r: DirectionRun,
  dy: FloatArray | null,
  dhN: FloatArray | null,
  dcN: FloatArray | null,
  dx: FloatArray,
  accumulateDx: boolean,
  dh0: FloatArray,
  dc0: FloatArray | null,
  norms: Float64Array | null,
  normsOff: number,
  cNorms: Float64Array | null = null,
): void {
  const { w, reverse, lengths, x, stateOff } = r;
  const { k, cell, T, B, H, G, hs, dGates, dGatesHh } = w;
  const I = w.inputSize;
  const BH = B * H;

  // dhNext (kept in dhPrev between steps) starts as ∂L/∂hN, the gradient of the last state produced.
  setBlock(w, w.dhPrev, 0, dhN, stateOff);
  if (cell.hasCellState) setBlock(w, w.dc, 0, dcN, stateOff);
  if (cNorms !== null && !cell.hasCellState) throw new Error(`directionBackward: ‖∂L/∂c_t‖ asked of a ${cell.name}, which has no cell state`);
  // Only a sampled backward pays for ‖∂L/∂c_t‖: the cell writes ∂L/∂c_t into dcTotal while it is set.
  const dcTotal = cNorms === null ? null : allocFloat(w.dtype, BH);
  w.dcTotal = dcTotal;

  for (let s = T - 1; s >= 0; s--) {
    const t = reverse ? T - 1 - s : s;
    const prev = prevSlot(r, t);
    const out = outSlot(r, t);
    const sq = gatherHiddenGrad(r, dy, t, norms !== null);
    if (norms !== null) norms[normsOff + t] = Math.sqrt(sq);

    cell.backwardStep(w, t, prev, out);
    if (cNorms !== null && dcTotal !== null) cNorms[normsOff + t] = Math.sqrt(validSumSquares(r, dcTotal, t));
    const g = t * B * G;
    if (lengths !== null) {
      for (let b = 0; b < B; b++) {
        if (t < lengths[b]!) continue;
        k.fill(1, G, 0, dGates, g + b * G, G);
        if (cell.separateHiddenGateGrads) k.fill(1, G, 0, dGatesHh, g + b * G, G);
      }
    }
    // dhPrev (+)= dGates_hh[t] · W_hh   [B, G] · [G, H]
    k.matmul(B, H, G, dGatesHh, g, G, w.Whh.data, 0, H, w.dhPrev, 0, H, cell.directHiddenGrad);
    if (lengths !== null) {
      for (let b = 0; b < B; b++) {
        if (t < lengths[b]!) continue;
        k.copy(1, H, w.dh, b * H, H, w.dhPrev, b * H, H);
        if (cell.hasCellState) k.copy(1, H, w.dc, b * H, H, w.dcPrev, b * H, H);
      }
    }
    if (cell.hasCellState) {
      const dcNext = w.dcPrev;
      w.dcPrev = w.dc;
      w.dc = dcNext;
    }
  }
  k.copy(1, BH, w.dhPrev, 0, BH, dh0, stateOff, BH);
  if (dc0 !== null) k.copy(1, BH, w.dc, 0, BH, dc0, stateOff, BH);

  // Weight gradients of all steps in one matmul each (rows are (t, b) pairs, K = T*B):
  const TB = T * B;
  const hPrevAll = reverse ? BH : 0; // slots of h_{t-1} for t = 0..T-1, contiguous
  k.matmulTN(G, H, TB, dGatesHh, 0, G, hs, hPrevAll, H, w.Whh.grad, 0, H, true); // dW_hh += Σ_t dG_hhᵀ · h_{t-1}
  k.sumRows(TB, G, dGatesHh, 0, G, w.bhh.grad, 0); //                                  db_hh += Σ_t dG_hh
  k.matmulTN(G, I, TB, dGates, 0, G, x, 0, I, w.Wih.grad, 0, I, true); //               dW_ih += Σ_t dGᵀ · x_t
  k.sumRows(TB, G, dGates, 0, G, w.bih.grad, 0); //                                    db_ih += Σ_t dG
  k.matmul(TB, I, G, dGates, 0, G, w.Wih.data, 0, I, dx, 0, I, accumulateDx); //          dx (+)= dG · W_ih
}

/** Σ x² over the rows of a [B, H] block still inside their sequence at step t (every row when unmasked). */
function validSumSquares(r: DirectionRun, block: FloatArray, t: number): number {
  const { w, lengths } = r;
  if (lengths === null) return w.k.sumSquares(w.B * w.H, block, 0);
  let sq = 0;
  for (let b = 0; b < w.B; b++) if (t < lengths[b]!) sq += w.k.sumSquares(w.H, block, b * w.H);
  return sq;
}

/** dst[off .. off+B*H] = src[srcOff .. srcOff+B*H], or zeros when src is null. */
function setBlock(w: DirectionWork, dst: FloatArray, off: number, src: FloatArray | null, srcOff: number): void {
  const BH = w.B * w.H;
  if (src === null) w.k.fill(1, BH, 0, dst, off, BH);
  else w.k.copy(1, BH, src, srcOff, BH, dst, off, BH);
}

/** dh = dy[t] (valid rows only) + dhNext; returns Σ dh² over the valid rows when `norm` is set, else 0. */
function gatherHiddenGrad(r: DirectionRun, dy: FloatArray | null, t: number, norm: boolean): number {
  const { w, lengths, yCol, ldy } = r;
  const { k, B, H, dh, dhPrev } = w;
  const yt = t * B * ldy + yCol;
  k.copy(B, H, dhPrev, 0, H, dh, 0, H);
  if (lengths === null) {
    if (dy !== null) k.axpy(B, H, 1, dy, yt, ldy, dh, 0, H);
    return norm ? k.sumSquares(B * H, dh, 0) : 0;
  }
  let sq = 0;
  for (let b = 0; b < B; b++) {
    if (t >= lengths[b]!) continue;
    if (dy !== null) k.axpy(1, H, 1, dy, yt + b * ldy, ldy, dh, b * H, H);
    if (norm) sq += k.sumSquares(H, dh, b * H);
  }
  return sq;
}
