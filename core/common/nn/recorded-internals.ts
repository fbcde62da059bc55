// What a recording forward keeps of a recurrent layer or cell: for every layer and direction, the hidden
// state, the cell state (LSTM) and every gate — activation and pre-activation — at every step, copied out
// of the forward pass's own buffers after it ran. These are the values the model computed, never a second
// implementation of the equations; the hidden-state explorer reads them.
//
// Shapes: T steps, B batch, H hidden, G = gates·H with the blocks in `gateOrder` (the cell's, PyTorch's).

import type { CellName } from './cell-names';
import type { FloatArray } from './param';
import type { DirectionWork } from './recurrent-cell';

export interface DirectionInternals {
  /** Layer k (0 = reading the input). */
  readonly layer: number;
  /** The reverse direction of a bidirectional layer (it walks t = T-1 … 0). */
  readonly reverse: boolean;
  /** [T, B, H] h_t in time order; at a padded step (t ≥ lengths[b]) the state carried over from the last valid one. */
  readonly h: FloatArray;
  /** [T, B, H] c_t (LSTM), else null. */
  readonly c: FloatArray | null;
  /** [T, B, G] gate activations: LSTM σ(i), σ(f), tanh(g), σ(o); GRU σ(r), σ(z), tanh(n); RNN h_t itself. */
  readonly gates: FloatArray;
  /** [T, B, G] the values each activation was applied to (GRU n: x_n + r ∘ (W_hn h_{t-1} + b_hn)). */
  readonly preActivations: FloatArray;
}

export interface RecurrentInternals {
  readonly cell: CellName;
  readonly gateOrder: readonly string[];
  readonly T: number;
  readonly B: number;
  readonly H: number;
  /** [L*D], index k*D + d (forward before reverse, as the layer's parameters). */
  readonly directions: readonly DirectionInternals[];
}

/**
 * Copies one direction's internals out of its workspace right after its forward over T steps.
 * State slots (recurrent-cell.ts): forward h_t is in slot t+1, reverse h_t in slot t.
 */
export function copyDirectionInternals(w: DirectionWork, T: number, layer: number, reverse: boolean): DirectionInternals {
  const { B, H, G, cell } = w;
  if (w.preActivations === null) throw new Error('copyDirectionInternals: the forward did not record (preActivations is null)');
  const BH = B * H;
  const first = reverse ? 0 : BH;
  return {
    layer,
    reverse,
    h: w.hs.slice(first, first + T * BH),
    c: cell.hasCellState ? w.cs.slice(first, first + T * BH) : null,
    gates: w.gates.slice(0, T * B * G),
    preActivations: w.preActivations.slice(0, T * B * G),
  };
}
