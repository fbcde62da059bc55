// Linear layer: forward by hand, gradients by central differences, entry checks.

import { describe, expect, it } from 'vitest';
import { Linear } from '../../../../core/common/nn/dense';
import { zeroGrads } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';
import { dot, expectGradient, randomArray } from './gradcheck';

describe('Linear', () => {
  it('computes y = x · Wᵀ + b with PyTorch names and shapes', () => {
    const lin = new Linear({ inFeatures: 2, outFeatures: 3, dtype: 'float64', namePrefix: 'head.' });
    expect(lin.params.map((p) => [p.name, p.shape])).toEqual([
      ['head.weight', [3, 2]],
      ['head.bias', [3]],
    ]);
    lin.weight.data.set([1, 2, 3, 4, 5, 6]);
    lin.bias!.data.set([0.5, 0, -1]);
    const { y } = lin.forward(Float64Array.of(1, -1, 2, 0.5), 2);
    expect(Array.from(y)).toEqual([1 - 2 + 0.5, 3 - 4, 5 - 6 - 1, 2 + 1 + 0.5, 6 + 2, 10 + 3 - 1]);
  });

  it.each([true, false])('matches central differences (bias %s)', (bias) => {
    const rng = new Rng(4);
    const N = 5,
      I = 6,
      O = 7; // not multiples of the 4×4 matmul tile
    const lin = new Linear({ inFeatures: I, outFeatures: O, bias, dtype: 'float64' });
    for (const p of lin.params) p.data.set(randomArray(rng, p.data.length));
    const x = randomArray(rng, N * I),
      r = randomArray(rng, N * O);
    const loss = () => dot(lin.forward(x, N).y, r);
    zeroGrads(lin.params);
    const dx = Float64Array.from(lin.backward(lin.forward(x, N).cache, r).dx);
    for (const p of lin.params) expectGradient(p.name, loss, p.data, Float64Array.from(p.grad));
    expectGradient('x', loss, x, dx);
  });

  it('accumulates parameter gradients with +=', () => {
    const lin = new Linear({ inFeatures: 2, outFeatures: 2, dtype: 'float64' });
    lin.weight.data.set([1, 0, 0, 1]);
    const x = Float64Array.of(1, 2),
      dy = Float64Array.of(1, 1);
    lin.backward(lin.forward(x, 1).cache, dy);
    lin.backward(lin.forward(x, 1).cache, dy);
    expect(Array.from(lin.weight.grad)).toEqual([2, 4, 2, 4]);
    expect(Array.from(lin.bias!.grad)).toEqual([2, 2]);
  });

  it('checks shapes at entry', () => {
    const lin = new Linear({ inFeatures: 3, outFeatures: 2 });
    expect(() => lin.forward(new Float32Array(7), 2)).toThrow('Linear.forward: x [N, I] must be [2, 3] = 6 values, got 7');
    const f = lin.forward(new Float32Array(6), 2);
    expect(() => lin.backward(f.cache, new Float32Array(5))).toThrow('Linear.backward: dy [N, O] must be [2, 2] = 4 values, got 5');
  });
});
