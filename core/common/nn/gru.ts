// GRU (PyTorch nn.GRU, Cho et al. 2014, "reset after" form as in cuDNN): one step forward and
// backward of the cell, and the `GRU` layer built on it.
//
// Shapes: T time, B batch, I input, H hidden, G = 3H fused gates in GRU_GATE_ORDER.
//
//   [xr, xz, xn] = x_t · W_ihᵀ + b_ih        [hr, hz, hn] = h_{t-1} · W_hhᵀ + b_hh
//   r = σ(xr + hr)    z = σ(xz + hz)
//   n = tanh(xn + r ∘ hn)                     (r multiplies W_hn h + b_hn, bias included)
//   h_t = (1 - z) ∘ n + z ∘ h_{t-1}

import type { Cell, DirectionWork } from './recurrent-cell';
import type { RecurrentConfig } from './recurrent';
import { RecurrentLayer } from './recurrent';

/** Row blocks of weight_ih / weight_hh / biases, H rows each, in PyTorch's order: reset, update, new. (ONNX: [z, r, h].) */
export const GRU_GATE_ORDER = ['r', 'z', 'n'] as const;

const GR = GRU_GATE_ORDER.indexOf('r');
const GZ = GRU_GATE_ORDER.indexOf('z');
const GN = GRU_GATE_ORDER.indexOf('n');

export const GRU_CELL: Cell = {
  name: 'gru',
  gateOrder: GRU_GATE_ORDER,
  gateActivations: ['sigmoid', 'sigmoid', 'tanh'],
  gates: GRU_GATE_ORDER.length,
  hasCellState: false,
  usesExtra: true, // extra[t] = hn = W_hn h_{t-1} + b_hn, needed for ∂L/∂r
  separateHiddenGateGrads: true, // W_hh's n block sees r ∘ ∂L/∂n_pre, W_ih's sees ∂L/∂n_pre
  directHiddenGrad: true, // h_t depends on h_{t-1} directly through z ∘ h_{t-1}

  forwardStep(w: DirectionWork, t: number, prev: number, out: number): void {
    const { k, B, H, G, gates, hs, extra, hProj } = w;
    const g = t * B * G; // gates[t]: [B, 3H], holds x_t · W_ihᵀ + b_ih on entry
    const e = t * B * H;
    const r0 = GR * H,
      z0 = GZ * H,
      n0 = GN * H; // block offsets within a row
    k.matmulNT(B, G, H, hs, prev, H, w.Whh.data, 0, H, hProj, 0, G, false); // hProj = h_{t-1} · W_hhᵀ, one product
    k.addBiasRows(B, G, hProj, 0, G, w.bhh.data, 0); //                         + b_hh
    k.axpy(B, H, 1, hProj, r0, G, gates, g + r0, G); // xr + hr
    k.axpy(B, H, 1, hProj, z0, G, gates, g + z0, G); // xz + hz
    const pre = w.preActivations;
    if (pre !== null) {
      k.copy(B, H, gates, g + r0, G, pre, g + r0, G); // r pre-activation
      k.copy(B, H, gates, g + z0, G, pre, g + z0, G); // z pre-activation
    }
    k.sigmoid(B, H, gates, g + r0, G, gates, g + r0, G);
    k.sigmoid(B, H, gates, g + z0, G, gates, g + z0, G);
    k.copy(B, H, hProj, n0, G, extra, e, H); // keep hn
    for (let b = 0; b < B; b++) {
      const q = g + b * G,
        s = e + b * H;
      for (let j = 0; j < H; j++) gates[q + n0 + j]! += gates[q + r0 + j]! * extra[s + j]!; // xn + r ∘ hn
    }
    if (pre !== null) k.copy(B, H, gates, g + n0, G, pre, g + n0, G); // n pre-activation
    k.tanh(B, H, gates, g + n0, G, gates, g + n0, G);
    for (let b = 0; b < B; b++) {
      const q = g + b * G,
        s = b * H;
      for (let j = 0; j < H; j++) {
        const z = gates[q + z0 + j]!;
        hs[out + s + j] = (1 - z) * gates[q + n0 + j]! + z * hs[prev + s + j]!; // h_t
      }
    }
  },

  backwardStep(w: DirectionWork, t: number, prev: number): void {
    const { k, B, H, G, gates, hs, extra, dGates, dGatesHh, dh, dhPrev } = w;
    const g = t * B * G;
    const e = t * B * H;
    const r0 = GR * H,
      z0 = GZ * H,
      n0 = GN * H;
    for (let b = 0; b < B; b++) {
      const q = g + b * G,
        s = b * H;
      for (let j = 0; j < H; j++) {
        const dhj = dh[s + j]!;
        const z = gates[q + z0 + j]!;
        dGates[q + n0 + j] = dhj * (1 - z); //                                   ∂L/∂n
        dGates[q + z0 + j] = dhj * (hs[prev + s + j]! - gates[q + n0 + j]!); //   ∂L/∂z
        dhPrev[s + j] = dhj * z; //                                             direct part of ∂L/∂h_{t-1}
      }
    }
    k.tanhBackward(B, H, gates, g + n0, G, dGates, g + n0, G); // ∂L/∂n_pre
    for (let b = 0; b < B; b++) {
      const q = g + b * G,
        s = e + b * H;
      for (let j = 0; j < H; j++) {
        const dnPre = dGates[q + n0 + j]!;
        dGates[q + r0 + j] = dnPre * extra[s + j]!; //          ∂L/∂r = ∂L/∂n_pre ∘ hn
        dGatesHh[q + n0 + j] = dnPre * gates[q + r0 + j]!; //  ∂L/∂hn = ∂L/∂n_pre ∘ r
      }
    }
    k.sigmoidBackward(B, H, gates, g + r0, G, dGates, g + r0, G);
    k.sigmoidBackward(B, H, gates, g + z0, G, dGates, g + z0, G);
    k.copy(B, H, dGates, g + r0, G, dGatesHh, g + r0, G); // r and z pre-activations are shared by both sides
    k.copy(B, H, dGates, g + z0, G, dGatesHh, g + z0, G);
  },
};

/** nn.GRU: weight_ih_l{k}[_reverse] [3H, in_k], weight_hh [3H, H], bias_ih [3H], bias_hh [3H]. */
export class GRU extends RecurrentLayer {
  constructor(config: RecurrentConfig) {
    super(GRU_CELL, 'GRU', config);
  }
}
