// Per-time-step gradient norms ‖∂L/∂h_t‖ (and, for an LSTM, ‖∂L/∂c_t‖) of a training step, one series per recurrent
// layer (and direction, or the decoder) and state, labelled as the metric names expect (metric-names.ts:
// grad_h/<layer>/t<t>, grad_c/<layer>/t<t>).
import { layerLabel, type GradState } from './metric-names';

export interface LayerGradNorms {
  /** `l0`, `l0_reverse`, `l1`, … (a recurrent stack or an encoder), or `decoder`. */
  readonly layer: string;
  /** Whose gradient: the hidden state h_t, or an LSTM's cell state c_t. */
  readonly state: GradState;
  /** Time index of values[0] within the sequence (later than 0 for a truncated-BPTT window). */
  readonly t0: number;
  /** ‖∂L/∂h_t‖ for t = t0, t0 + 1, …; may be a view valid only until the next step. */
  readonly values: ArrayLike<number>;
}

/** The decoder's series label. */
export const DECODER_LAYER = 'decoder';

/**
 * Splits a recurrent stack's grid of norms into labelled series (views of `values`).
 * @param values [L*D, steps], row = layer * D + direction (recurrent.ts)
 * @param t0 time index of column 0 within the sequence
 * @param numDirections D: 2 for bidirectional stacks
 * @param state whose gradient the grid holds: 'h' (‖∂L/∂h_t‖) or 'c' (‖∂L/∂c_t‖, LSTM)
 */
export function stackGradNorms(values: Float64Array, rows: number, t0: number, numDirections: number, state: GradState = 'h'): LayerGradNorms[] {
  const steps = rows > 0 ? values.length / rows : 0;
  if (!Number.isInteger(steps)) throw new Error(`stackGradNorms: ${values.length} values do not split into ${rows} rows`);
  const series: LayerGradNorms[] = [];
  for (let row = 0; row < rows; row++) {
    const layer = layerLabel(Math.floor(row / numDirections), row % numDirections === 1);
    series.push({ layer, state, t0, values: values.subarray(row * steps, (row + 1) * steps) });
  }
  return series;
}
