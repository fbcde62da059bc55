// Embedding: gather forward, scatter-add backward (repeated ids add up), id range errors.

import { describe, expect, it } from 'vitest';
import { Embedding } from '../../../../core/common/nn/embedding';
import { zeroGrads } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';
import { dot, expectGradient, randomArray } from './gradcheck';

describe('Embedding', () => {
  it('gathers rows and scatter-adds gradients, repeated ids summing', () => {
    const emb = new Embedding({ numEmbeddings: 4, embeddingDim: 2, dtype: 'float64' });
    expect(emb.params.map((p) => [p.name, p.shape])).toEqual([['weight', [4, 2]]]);
    emb.weight.data.set([0, 1, 10, 11, 20, 21, 30, 31]);
    const { y, cache } = emb.forward(Int32Array.of(2, 0, 2));
    expect(Array.from(y)).toEqual([20, 21, 0, 1, 20, 21]);
    emb.backward(cache, Float64Array.of(1, 2, 3, 4, 5, 6));
    expect(Array.from(emb.weight.grad)).toEqual([3, 4, 0, 0, 1 + 5, 2 + 6, 0, 0]);
  });

  it('matches central differences', () => {
    const rng = new Rng(9);
    const emb = new Embedding({ numEmbeddings: 5, embeddingDim: 3, dtype: 'float64' });
    emb.weight.data.set(randomArray(rng, 15));
    const ids = Int32Array.of(4, 1, 1, 0, 4, 3),
      r = randomArray(rng, 6 * 3);
    zeroGrads(emb.params);
    emb.backward(emb.forward(ids).cache, r);
    expectGradient('weight', () => dot(emb.forward(ids).y, r), emb.weight.data, Float64Array.from(emb.weight.grad));
  });

  it('throws a clear error for ids out of range', () => {
    const emb = new Embedding({ numEmbeddings: 65, embeddingDim: 4 });
    expect(() => emb.forward(Int32Array.of(3, 65))).toThrow('Embedding.forward: ids[1] = 65 is outside 0..64 (vocabulary size 65)');
    expect(() => emb.forward(Int32Array.of(-1))).toThrow(/ids\[0\] = -1/);
  });
});
