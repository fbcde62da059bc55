// Linear (dense) layer, PyTorch nn.Linear: y = x · Wᵀ + b over N rows at once (e.g. all T*B
// time-major steps of a sequence), forward and backward side by side.
//
// Shapes: N rows, I in features, O out features. weight [O, I], bias [O].

import type { Kernels } from './kernels';
import type { Dtype, FloatArray, Param } from './param';
import { allocFloat, createParam } from './param';
import { jsKernels } from './kernels-js';
import { checkDtype, checkInteger, checkLength } from './shape';

export interface LinearConfig {
  inFeatures: number;
  outFeatures: number;
  /** Default true (also when undefined). */
  bias?: boolean | undefined;
  dtype?: Dtype;
  kernels?: Kernels | undefined;
  /** Prepended to the parameter names, e.g. "head." → "head.weight", "head.bias". */
  namePrefix?: string;
}

export interface LinearCache {
  readonly N: number;
}

interface Cache extends LinearCache {
  readonly owner: Linear;
  readonly generation: number;
  readonly x: FloatArray;
}

/** y and dx live in the layer's workspace until the next forward / backward; the cache refers to x. */
export class Linear {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly dtype: Dtype;
  /** [O, I] */
  readonly weight: Param;
  /** [O], or null without bias. */
  readonly bias: Param | null;
  readonly params: readonly Param[];

  private readonly k: Kernels;
  private generation = 0;
  private y: FloatArray;
  private dx: FloatArray;

  constructor(config: LinearConfig) {
    const { inFeatures, outFeatures, dtype = 'float32', namePrefix = '' } = config;
    checkInteger('Linear(constructor)', 'inFeatures', inFeatures, 1);
    checkInteger('Linear(constructor)', 'outFeatures', outFeatures, 1);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.dtype = dtype;
    this.k = config.kernels ?? jsKernels;
    this.weight = createParam(`${namePrefix}weight`, [outFeatures, inFeatures], dtype);
    this.bias = config.bias === false ? null : createParam(`${namePrefix}bias`, [outFeatures], dtype);
    this.params = this.bias ? [this.weight, this.bias] : [this.weight];
    this.y = this.dx = allocFloat(dtype, 0);
  }

  /**
   * y = x · Wᵀ + b
   * @param x [N, I]
   * @returns y [N, O]
   */
  forward(x: FloatArray, N: number): { y: FloatArray; cache: LinearCache } {
    const { inFeatures: I, outFeatures: O, k } = this;
    checkInteger('Linear.forward', 'N', N, 1);
    checkDtype('Linear.forward', 'x', x, this.dtype);
    checkLength('Linear.forward', 'x [N, I]', x, [N, I]);
    if (this.y.length < N * O) this.y = allocFloat(this.dtype, N * O);
    const y = this.y;
    k.matmulNT(N, O, I, x, 0, I, this.weight.data, 0, I, y, 0, O, false); // y = x · Wᵀ
    if (this.bias) k.addBiasRows(N, O, y, 0, O, this.bias.data, 0); //     + b
    const cache: Cache = { owner: this, generation: ++this.generation, N, x };
    return { y: y.subarray(0, N * O), cache };
  }

  /**
   * dW += dyᵀ · x, db += Σ_n dy, dx = dy · W
   * @param dy [N, O]
   * @returns dx [N, I]
   */
  backward(cache: LinearCache, dy: FloatArray): { dx: FloatArray } {
    const { inFeatures: I, outFeatures: O, k } = this;
    const c = cache as Cache;
    if (c.owner !== this) throw new Error('Linear.backward: the cache comes from another layer');
    if (c.generation !== this.generation) throw new Error('Linear.backward: stale cache (forward was called again since)');
    const { N, x } = c;
    checkDtype('Linear.backward', 'dy', dy, this.dtype);
    checkLength('Linear.backward', 'dy [N, O]', dy, [N, O]);
    k.matmulTN(O, I, N, dy, 0, O, x, 0, I, this.weight.grad, 0, I, true); // dW += dyᵀ · x
    if (this.bias) k.sumRows(N, O, dy, 0, O, this.bias.grad, 0); //          db += Σ_n dy
    if (this.dx.length < N * I) this.dx = allocFloat(this.dtype, N * I);
    k.matmul(N, I, O, dy, 0, O, this.weight.data, 0, I, this.dx, 0, I, false); // dx = dy · W
    return { dx: this.dx.subarray(0, N * I) };
  }
}
