// Gradient clipping (by global L2 norm, by value), the global gradient norm, and a NaN/Inf scan
// that names the first bad parameter so a diverged run can be stopped with a useful message.

import type { Param } from '../nn/param';

/** ‖g‖₂ over all parameters' gradients together, accumulated in float64. */
export function globalGradNorm(params: readonly Param[]): number {
  let sumSquares = 0;
  for (const p of params) {
    const g = p.grad;
    for (let i = 0; i < g.length; i++) sumSquares += g[i]! * g[i]!;
  }
  return Math.sqrt(sumSquares);
}

/**
 * Rescales all gradients together so their global norm is at most `maxNorm`, as PyTorch's
 * clip_grad_norm_: scale = maxNorm / (norm + 1e-6), applied only when < 1 (the 1e-6 guards
 * a zero norm and leaves the clipped norm a hair under maxNorm). Pascanu, Mikolov & Bengio 2013.
 * A NaN or infinite norm leaves the gradients untouched (PyTorch would multiply them by NaN or 0):
 * check the returned value with Number.isFinite and stop the run.
 * @returns the global norm before clipping
 */
export function clipGradNorm(params: readonly Param[], maxNorm: number): number {
  if (!(maxNorm > 0 && Number.isFinite(maxNorm))) throw new Error(`clipGradNorm: maxNorm must be a finite number > 0, got ${maxNorm}`);
  const norm = globalGradNorm(params);
  const scale = maxNorm / (norm + 1e-6);
  if (Number.isFinite(norm) && scale < 1) {
    for (const p of params) {
      const g = p.grad;
      for (let i = 0; i < g.length; i++) g[i]! *= scale;
    }
  }
  return norm;
}

/**
 * Clamps every gradient element to [-clipValue, clipValue], as PyTorch's clip_grad_value_.
 * NaN elements stay NaN, so findNonFinite still sees them.
 * @returns the global norm before clipping, for logging alongside clipGradNorm's
 */
export function clipGradValue(params: readonly Param[], clipValue: number): number {
  if (!(clipValue > 0 && Number.isFinite(clipValue))) throw new Error(`clipGradValue: clipValue must be a finite number > 0, got ${clipValue}`);
  const norm = globalGradNorm(params);
  for (const p of params) {
    const g = p.grad;
    for (let i = 0; i < g.length; i++) {
      if (g[i]! > clipValue) g[i] = clipValue;
      else if (g[i]! < -clipValue) g[i] = -clipValue;
    }
  }
  return norm;
}

export interface NonFinite {
  /** Name of the first parameter (in list order) holding a NaN or ±Inf. */
  readonly name: string;
  /** Whether it was found in the values or in the gradient. */
  readonly where: 'data' | 'grad';
  /** Flat index of the first offending element, and its value. */
  readonly index: number;
  readonly value: number;
}

/**
 * Finds the first NaN or ±Inf, checking each parameter's data then its grad (or only the
 * one asked for), in list order; null when everything is finite.
 */
export function findNonFinite(params: readonly Param[], check: 'data' | 'grad' | 'both' = 'both'): NonFinite | null {
  for (const p of params) {
    for (const where of ['data', 'grad'] as const) {
      if (check !== 'both' && check !== where) continue;
      const values = p[where];
      for (let i = 0; i < values.length; i++) {
        // v − v is 0 for finite v and NaN for NaN and ±Inf: one test for both
        if (values[i]! - values[i]! !== 0) return { name: p.name, where, index: i, value: values[i]! };
      }
    }
  }
  return null;
}
