// Embedding table, PyTorch nn.Embedding: token ids → rows of the weight, forward (gather) and
// backward (scatter-add into the weight's gradient) side by side.
//
// Shapes: N ids (e.g. T*B time-major tokens), V vocabulary, E embedding size. weight [V, E].

import type { Kernels } from './kernels';
import type { Dtype, FloatArray, Param } from './param';
import { allocFloat, createParam } from './param';
import { jsKernels } from './kernels-js';
import { checkDtype, checkInteger, checkLength } from './shape';

export interface EmbeddingConfig {
  numEmbeddings: number;
  embeddingDim: number;
  dtype?: Dtype;
  kernels?: Kernels | undefined;
  /** Prepended to the parameter name, e.g. "embed." → "embed.weight". */
  namePrefix?: string;
}

export interface EmbeddingCache {
  readonly N: number;
}

interface Cache extends EmbeddingCache {
  readonly owner: Embedding;
  readonly generation: number;
  readonly ids: Int32Array;
}

/** y lives in the layer's workspace until the next forward; the cache refers to ids. */
export class Embedding {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly dtype: Dtype;
  /** [V, E] */
  readonly weight: Param;
  readonly params: readonly Param[];

  private readonly k: Kernels;
  private generation = 0;
  private y: FloatArray;

  constructor(config: EmbeddingConfig) {
    const { numEmbeddings, embeddingDim, dtype = 'float32', namePrefix = '' } = config;
    checkInteger('Embedding(constructor)', 'numEmbeddings', numEmbeddings, 1);
    checkInteger('Embedding(constructor)', 'embeddingDim', embeddingDim, 1);
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.dtype = dtype;
    this.k = config.kernels ?? jsKernels;
    this.weight = createParam(`${namePrefix}weight`, [numEmbeddings, embeddingDim], dtype);
    this.params = [this.weight];
    this.y = allocFloat(dtype, 0);
  }

  /**
   * y[n, :] = weight[ids[n], :]
   * @param ids [N] each in 0..V-1
   * @returns y [N, E]
   */
  forward(ids: Int32Array): { y: FloatArray; cache: EmbeddingCache } {
    const { numEmbeddings: V, embeddingDim: E, k } = this;
    const N = ids.length;
    for (let n = 0; n < N; n++) {
      const id = ids[n]!;
      if (id < 0 || id >= V) throw new Error(`Embedding.forward: ids[${n}] = ${id} is outside 0..${V - 1} (vocabulary size ${V})`);
    }
    if (this.y.length < N * E) this.y = allocFloat(this.dtype, N * E);
    for (let n = 0; n < N; n++) k.copy(1, E, this.weight.data, ids[n]! * E, E, this.y, n * E, E);
    const cache: Cache = { owner: this, generation: ++this.generation, N, ids };
    return { y: this.y.subarray(0, N * E), cache };
  }

  /**
   * weight.grad[ids[n], :] += dy[n, :] (repeated ids add up).
   * @param dy [N, E]
   */
  backward(cache: EmbeddingCache, dy: FloatArray): void {
    const { embeddingDim: E, k } = this;
    const c = cache as Cache;
    if (c.owner !== this) throw new Error('Embedding.backward: the cache comes from another layer');
    if (c.generation !== this.generation) throw new Error('Embedding.backward: stale cache (forward was called again since)');
    checkDtype('Embedding.backward', 'dy', dy, this.dtype);
    checkLength('Embedding.backward', 'dy [N, E]', dy, [c.N, E]);
    for (let n = 0; n < c.N; n++) k.axpy(1, E, 1, dy, n * E, E, this.weight.grad, c.ids[n]! * E, E);
  }
}
