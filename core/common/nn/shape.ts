// Entry checks for flat tensors: a flat array carries no shape, so every exported function states
// the shape it expects and checks the length (and dtype) against it, naming itself in the error.

import type { Dtype, FloatArray } from './param';

/**
 * Throws unless `values` holds exactly the product of `dims` numbers.
 * @param where  function name for the message, e.g. "LSTM.forward"
 * @param what   tensor name and shape legend, e.g. "x [T, B, I]"
 */
export function checkLength(where: string, what: string, values: ArrayLike<number>, dims: readonly number[]): void {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (values.length !== expected) {
    throw new Error(`${where}: ${what} must be [${dims.join(', ')}] = ${expected} values, got ${values.length}`);
  }
}

/** Throws unless `values` is the typed array of `dtype` (mixing float32 and float64 is a bug). */
export function checkDtype(where: string, what: string, values: FloatArray, dtype: Dtype): void {
  const ok = dtype === 'float64' ? values instanceof Float64Array : values instanceof Float32Array;
  if (!ok)
    throw new Error(
      `${where}: ${what} must be a ${dtype === 'float64' ? 'Float64Array' : 'Float32Array'} (layer dtype ${dtype}), got ${values.constructor.name}`,
    );
}

/** Throws unless n is an integer ≥ min. */
export function checkInteger(where: string, what: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) throw new Error(`${where}: ${what} must be an integer >= ${min}, got ${n}`);
}
