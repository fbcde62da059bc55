// Per-time-step gradient norms ‖∂L/∂h_t‖ of a training step, one series per recurrent layer (and
// direction, or the decoder), labelled as the metric names expect (metric-names.ts: grad_h/<layer>/t<t>).
import type { HGradNorms } from '../models/sequence/batch-gradient';
import { layerLabel } from './metric-names';

export interface LayerGradNorms {
  /** `l0`, `l0_reverse`, `l1`, … (a recurrent stack or an encoder), or `decoder`. */
  readonly layer: string;
  /** Time index of values[0] within the sequence (later than 0 for a truncated-BPTT window). */
  readonly t0: number;
  /** ‖∂L/∂h_t‖ for t = t0, t0 + 1, …; may be a view valid only until the next step. */
  readonly values: ArrayLike<number>;
}

/** The decoder's series label. */
export const DECODER_LAYER = 'decoder';

/**
 * Splits a stack's [L*D, steps] grid (row = layer * D + direction, recurrent.ts) into labelled series.
 * @param numDirections 2 for bidirectional stacks
 */
export function stackGradNorms(norms: HGradNorms, numDirections: number): LayerGradNorms[] {
  const series: LayerGradNorms[] = [];
  for (let row = 0; row < norms.rows; row++) {
    const layer = layerLabel(Math.floor(row / numDirections), row % numDirections === 1);
    series.push({ layer, t0: norms.t0, values: norms.values.subarray(row * norms.steps, (row + 1) * norms.steps) });
  }
  return series;
}
