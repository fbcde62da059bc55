// Test helpers: central finite differences in float64 and seeded random tensors.

import { expect } from 'vitest';
import type { FloatArray } from '../../../../core/common/nn/param';
import type { Rng } from '../../../../core/common/random/rng';

/** Central difference (f(v+eps) - f(v-eps)) / 2eps of `loss` with respect to data[i]. */
export function centralDifference(loss: () => number, data: FloatArray, i: number, eps = 1e-6): number {
  const old = data[i]!;
  data[i] = old + eps;
  const up = loss();
  data[i] = old - eps;
  const down = loss();
  data[i] = old;
  return (up - down) / (2 * eps);
}

/**
 * Expects every entry of `analytic` to match the central difference of `loss` with respect to
 * `data` to `tol` · max(1, |numeric|). Returns how many entries were checked.
 */
export function expectGradient(label: string, loss: () => number, data: FloatArray, analytic: ArrayLike<number>, tol = 1e-7): number {
  expect(analytic.length, `${label}: gradient length`).toBe(data.length);
  for (let i = 0; i < data.length; i++) {
    const numeric = centralDifference(loss, data, i);
    const err = Math.abs(analytic[i]! - numeric) / Math.max(1, Math.abs(numeric));
    if (!(err <= tol)) expect.fail(`${label}[${i}]: analytic ${analytic[i]} vs numeric ${numeric} (err ${err.toExponential(2)})`);
  }
  return data.length;
}

export function randomArray(rng: Rng, n: number, lo = -1, hi = 1): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(lo, hi);
  return a;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
