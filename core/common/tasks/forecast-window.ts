// Sliding-window forecasting examples: W past values in, the next H values out (one-step when H = 1,
// direct multi-step otherwise), and the persistence baseline every forecaster must beat.
//
// Legend: W window (input steps), H horizon (outputs). Input x [W, 1]; target [H] read at the window's last step.
import type { SequenceExample } from '../data/example';
import type { Causality } from './task';

/** Every window forecaster's declaration: the targets come after the window, so no direction of reading sees them. */
export const FORECAST_CAUSALITY: Causality = {
  causal: false,
  reason: 'its target is the H values after the window, none of which is an input, so reading the window in both directions cannot reveal them',
};

/** The window series[start, start + W) and the H values after it. */
export function windowExample(series: ArrayLike<number>, start: number, window: number, horizon: number): SequenceExample {
  if (start < 0 || start + window + horizon > series.length)
    throw new Error(`windowExample: [${start}, ${start + window + horizon}) is outside the series of ${series.length}`);
  const x = new Float32Array(window);
  for (let t = 0; t < window; t++) x[t] = series[start + t]!; // inside the series: checked above
  const y = new Float32Array(horizon);
  for (let h = 0; h < horizon; h++) y[h] = series[start + window + h]!;
  return { kind: 'sequence', input: { kind: 'dense', features: 1, x }, target: { kind: 'sequence-values', outputs: horizon, values: y } };
}

/**
 * MSE of persistence (repeat the last seen value for all H outputs), averaged over every window that fits
 * in series[from, to): Σ_s Σ_h (x[s+W+h] − x[s+W−1])² / (windows·H). Values are rounded to float32 as batches hold them.
 */
export function persistenceMse(series: ArrayLike<number>, from: number, to: number, window: number, horizon: number): number {
  if (from < 0 || to > series.length) throw new Error(`persistenceMse: [${from}, ${to}) is outside the series of ${series.length}`);
  let sum = 0;
  let count = 0;
  for (let s = from; s + window + horizon <= to; s++) {
    const last = Math.fround(series[s + window - 1]!);
    for (let h = 0; h < horizon; h++) {
      const d = Math.fround(series[s + window + h]!) - last;
      sum += d * d;
      count++;
    }
  }
  if (count === 0) throw new Error(`persistenceMse: no window of ${window} + ${horizon} fits in [${from}, ${to})`);
  return sum / count;
}
