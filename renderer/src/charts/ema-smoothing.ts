// Exponential moving average as TensorBoard smooths scalars, debiased so the first points are not pulled to 0.

/** The smoothing weight w in [0, 1): 0 leaves a curve as it is; 0.99 averages over about the last 100 points. */
export const SMOOTHING_LIMITS = { min: 0, max: 0.99, step: 0.01 } as const;

/**
 * s_k = (m_k) / (1 − w^n_k), m_k = w·m_{k−1} + (1 − w)·x_k, over the finite values only (n_k counts them): the
 * running average divided by the weight it has accumulated, so the first smoothed point equals the first value.
 * A non-finite value (NaN from a diverged step, a gap) stays as it is and leaves the average untouched; a constant
 * curve stays constant (TensorBoard's rule, so rounding does not wobble it).
 * @param values [n] one series in x order
 * @returns [n]
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= SMOOTHING_LIMITS.min && weight < 1)) throw new RangeError(`emaSmooth: weight must be in [0, 1), got ${weight}`);
  if (weight === 0 || values.every((v) => v === values[0])) return [...values];
  const smoothed: number[] = new Array<number>(values.length);
  let average = 0;
  let finiteCount = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) {
      smoothed[i] = value;
      continue;
    }
    average = weight * average + (1 - weight) * value;
    finiteCount++;
    smoothed[i] = average / (1 - weight ** finiteCount);
  }
  return smoothed;
}
