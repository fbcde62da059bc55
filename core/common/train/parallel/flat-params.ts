// Moves a model's parameters and gradients into caller-provided flat float32 buffers (e.g. views of
// SharedArrayBuffers, so worker threads train one set of weights), laid out in list order.
//
// Layers read `param.data` / `param.grad` afresh at every call and never keep their own references,
// so rebinding the two fields is safe between batches; optimiser state is keyed by name, not buffer.
import type { FloatArray, Param } from '../../nn/param';

/** Σ sizes: the length of the flat buffers. */
export function flatLength(params: readonly Param[]): number {
  let n = 0;
  for (const p of params) n += p.data.length;
  return n;
}

/**
 * Points every param's `data` and `grad` at consecutive subarrays of `data` and `grad`.
 * @param data [flatLength] values; the params' current values are copied in first when `copyValues`
 * @param grad [flatLength] gradients (left as they are)
 */
export function bindFlatParams(params: readonly Param[], data: Float32Array, grad: Float32Array, opts: { copyValues: boolean }): void {
  const n = flatLength(params);
  if (data.length !== n || grad.length !== n)
    throw new Error(`bindFlatParams: the model has ${n} parameter values but data has ${data.length} and grad ${grad.length}`);
  let offset = 0;
  for (const p of params) {
    if (!(p.data instanceof Float32Array)) throw new Error(`bindFlatParams: ${p.name} is ${p.data.constructor.name}; only float32 models can share parameters`);
    const size = p.data.length;
    const dataView = data.subarray(offset, offset + size);
    if (opts.copyValues) dataView.set(p.data);
    const mutable = p as { data: FloatArray; grad: FloatArray };
    mutable.data = dataView;
    mutable.grad = grad.subarray(offset, offset + size);
    offset += size;
  }
}
