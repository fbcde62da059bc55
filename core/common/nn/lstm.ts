// LSTM (PyTorch nn.LSTM, Hochreiter & Schmidhuber 1997 with a forget gate, Gers et al. 2000): one
// step forward and backward of the cell, and the `LSTM` layer built on it.
//
// Shapes: T time, B batch, I input, H hidden, G = 4H fused gates in LSTM_GATE_ORDER.
//
//   [i, f, g, o] = x_t · W_ihᵀ + b_ih + h_{t-1} · W_hhᵀ + b_hh   (pre-activations, [B, 4H])
//   i, f, o = σ(·)   g = tanh(·)
//   c_t = f ∘ c_{t-1} + i ∘ g
//   h_t = o ∘ tanh(c_t)

import type { Cell, DirectionWork } from './recurrent-cell';
import type { RecurrentConfig } from './recurrent';
import { RecurrentLayer } from './recurrent';

/**
 * Row blocks of weight_ih / weight_hh / biases, H rows each, in PyTorch's order: input gate,
 * forget gate, cell candidate, output gate. (ONNX stores [i, o, f, c]: see fixtures/README.md.)
 */
export const LSTM_GATE_ORDER = ['i', 'f', 'g', 'o'] as const;

const GI = LSTM_GATE_ORDER.indexOf('i');
const GF = LSTM_GATE_ORDER.indexOf('f');
const GG = LSTM_GATE_ORDER.indexOf('g');
const GO = LSTM_GATE_ORDER.indexOf('o');

export const LSTM_CELL: Cell = {
  name: 'lstm',
  gateOrder: LSTM_GATE_ORDER,
  gateActivations: ['sigmoid', 'sigmoid', 'tanh', 'sigmoid'],
  gates: LSTM_GATE_ORDER.length,
  hasCellState: true,
  usesExtra: true, // extra[t] = tanh(c_t)
  separateHiddenGateGrads: false,
  directHiddenGrad: false,

  forwardStep(w: DirectionWork, t: number, prev: number, out: number): void {
    const { k, B, H, G, gates, hs, cs, extra } = w;
    const g = t * B * G; // gates[t]: [B, 4H], holds x_t · W_ihᵀ + b_ih on entry
    const e = t * B * H;
    const i0 = g + GI * H,
      f0 = g + GF * H,
      g0 = g + GG * H,
      o0 = g + GO * H;
    k.addBiasRows(B, G, gates, g, G, w.bhh.data, 0);
    k.matmulNT(B, G, H, hs, prev, H, w.Whh.data, 0, H, gates, g, G, true); // += h_{t-1} · W_hhᵀ, all gates in one product
    if (w.preActivations !== null) k.copy(B, G, gates, g, G, w.preActivations, g, G);
    k.sigmoid(B, H, gates, i0, G, gates, i0, G);
    k.sigmoid(B, H, gates, f0, G, gates, f0, G);
    k.tanh(B, H, gates, g0, G, gates, g0, G);
    k.sigmoid(B, H, gates, o0, G, gates, o0, G);
    for (let b = 0; b < B; b++) {
      const r = b * G,
        s = b * H;
      for (let j = 0; j < H; j++) {
        cs[out + s + j] = gates[f0 + r + j]! * cs[prev + s + j]! + gates[i0 + r + j]! * gates[g0 + r + j]!; // c_t
      }
    }
    k.tanh(B, H, cs, out, H, extra, e, H);
    k.mul(B, H, gates, o0, G, extra, e, H, hs, out, H); // h_t = o ∘ tanh(c_t)
  },

  backwardStep(w: DirectionWork, t: number, prev: number): void {
    const { k, B, H, G, gates, cs, extra, dGates, dh, dc, dcPrev, dcTotal } = w;
    const g = t * B * G;
    const e = t * B * H;
    const i0 = g + GI * H,
      f0 = g + GF * H,
      g0 = g + GG * H,
      o0 = g + GO * H;
    for (let b = 0; b < B; b++) {
      const r = b * G,
        s = b * H;
      for (let j = 0; j < H; j++) {
        const dhj = dh[s + j]!;
        const tc = extra[e + s + j]!; //                                  tanh(c_t)
        const dct = dc[s + j]! + dhj * gates[o0 + r + j]! * (1 - tc * tc); // ∂L/∂c_t: from c_{t+1} and from h_t
        if (dcTotal !== null) dcTotal[s + j] = dct;
        dGates[o0 + r + j] = dhj * tc; //                                 ∂L/∂o
        dGates[i0 + r + j] = dct * gates[g0 + r + j]!; //                  ∂L/∂i
        dGates[g0 + r + j] = dct * gates[i0 + r + j]!; //                  ∂L/∂g
        dGates[f0 + r + j] = dct * cs[prev + s + j]!; //                   ∂L/∂f
        dcPrev[s + j] = dct * gates[f0 + r + j]!; //                       ∂L/∂c_{t-1}
      }
    }
    // Through the nonlinearities to the pre-activations.
    k.sigmoidBackward(B, H, gates, i0, G, dGates, i0, G);
    k.sigmoidBackward(B, H, gates, f0, G, dGates, f0, G);
    k.tanhBackward(B, H, gates, g0, G, dGates, g0, G);
    k.sigmoidBackward(B, H, gates, o0, G, dGates, o0, G);
  },
};

/** nn.LSTM: weight_ih_l{k}[_reverse] [4H, in_k], weight_hh [4H, H], bias_ih [4H], bias_hh [4H]. */
export class LSTM extends RecurrentLayer {
  constructor(config: RecurrentConfig) {
    super(LSTM_CELL, 'LSTM', config);
  }
}
