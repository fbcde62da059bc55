// Elman RNN (PyTorch nn.RNN): one step forward and backward of the tanh and ReLU cells, and the
// `RNN` layer (stacked, bidirectional, variable lengths) built on them.
//
// Shapes: T time, B batch, I input, H hidden, G = H (one gate block).
//
//   h_t = act(x_t · W_ihᵀ + b_ih + h_{t-1} · W_hhᵀ + b_hh)      act = tanh or max(0, ·)

import type { Cell, DirectionWork } from './recurrent-cell';
import type { RecurrentConfig } from './recurrent';
import { RecurrentLayer } from './recurrent';

/** The single block of rows of weight_ih / weight_hh ("h": the candidate state itself). */
export const RNN_GATE_ORDER = ['h'] as const;

export type RnnNonlinearity = 'tanh' | 'relu';

function rnnCell(nonlinearity: RnnNonlinearity): Cell {
  const relu = nonlinearity === 'relu';
  return {
    name: relu ? 'rnn_relu' : 'rnn_tanh',
    gateOrder: RNN_GATE_ORDER,
    gateActivations: [nonlinearity],
    gates: RNN_GATE_ORDER.length,
    hasCellState: false,
    usesExtra: false,
    separateHiddenGateGrads: false,
    directHiddenGrad: false,

    forwardStep(w: DirectionWork, t: number, prev: number, out: number): void {
      const { k, B, H, gates, hs } = w;
      const g = t * B * H; // gates[t]: [B, H], holds x_t · W_ihᵀ + b_ih on entry
      k.addBiasRows(B, H, gates, g, H, w.bhh.data, 0);
      k.matmulNT(B, H, H, hs, prev, H, w.Whh.data, 0, H, gates, g, H, true); // += h_{t-1} · W_hhᵀ
      if (w.preActivations !== null) k.copy(B, H, gates, g, H, w.preActivations, g, H);
      if (relu) k.relu(B, H, gates, g, H, gates, g, H);
      else k.tanh(B, H, gates, g, H, gates, g, H);
      k.copy(B, H, gates, g, H, hs, out, H); // h_t (gates[t] keeps it for the derivative)
    },

    backwardStep(w: DirectionWork, t: number): void {
      const { k, B, H, gates, dGates, dh } = w;
      const g = t * B * H;
      k.copy(B, H, dh, 0, H, dGates, g, H); // dpre = dh ∘ act'(pre), act' written through h_t
      if (relu) k.reluBackward(B, H, gates, g, H, dGates, g, H);
      else k.tanhBackward(B, H, gates, g, H, dGates, g, H);
    },
  };
}

export const RNN_TANH_CELL: Cell = rnnCell('tanh');
export const RNN_RELU_CELL: Cell = rnnCell('relu');

export interface RnnConfig extends RecurrentConfig {
  /** Default 'tanh', as PyTorch. */
  nonlinearity?: RnnNonlinearity;
}

/** nn.RNN: parameters weight_ih_l{k}[_reverse] [H, in_k], weight_hh [H, H], bias_ih [H], bias_hh [H]. */
export class RNN extends RecurrentLayer {
  constructor(config: RnnConfig) {
    super(config.nonlinearity === 'relu' ? RNN_RELU_CELL : RNN_TANH_CELL, 'RNN', config);
  }
}
