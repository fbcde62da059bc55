// A named trainable parameter: the flat list of these is what optimisers, checkpoints,
// safetensors and ONNX export all read. Names follow PyTorch (`weight_ih_l0`, `bias_hh_l1_reverse`, …).

/** Floating-point buffer a parameter or activation lives in (float32 normally; float64 for gradient checks). */
export type FloatArray = Float32Array | Float64Array;

export interface Param {
  /** PyTorch-style name, unique within a model, e.g. `rnn.weight_ih_l0`. */
  readonly name: string;
  /** Row-major shape, e.g. `[G*H, I]` for `weight_ih_l0`. */
  readonly shape: readonly number[];
  readonly data: FloatArray;
  /** Same length as `data`; backward passes accumulate into it with `+=`, zeroing is explicit. */
  readonly grad: FloatArray;
}

export type Dtype = 'float32' | 'float64';

export function allocFloat(dtype: Dtype, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export function createParam(name: string, shape: readonly number[], dtype: Dtype = 'float32'): Param {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!Number.isInteger(size) || size < 0) throw new Error(`createParam(${name}): invalid shape [${shape.join(', ')}]`);
  return { name, shape: [...shape], data: allocFloat(dtype, size), grad: allocFloat(dtype, size) };
}

export function zeroGrads(params: readonly Param[]): void {
  for (const p of params) p.grad.fill(0);
}
