import { describe, expect, it } from 'vitest';
import { createParam } from '../../../../core/common/nn/param';
import type { Param } from '../../../../core/common/nn/param';
import { clipGradNorm, clipGradValue, findNonFinite, globalGradNorm } from '../../../../core/common/train/clipping';

function paramsWithGrads(...grads: number[][]): Param[] {
  return grads.map((g, k) => {
    const p = createParam(`p${k}`, [g.length], 'float64');
    p.grad.set(g);
    return p;
  });
}

describe('globalGradNorm', () => {
  it('is the L2 norm over all gradients together', () => {
    expect(globalGradNorm(paramsWithGrads([3, 0], [4]))).toBe(5);
    expect(globalGradNorm([])).toBe(0);
  });
});

describe('clipGradNorm', () => {
  it('scales gradients down to maxNorm when above, keeping their direction, and reports the norm before', () => {
    const params = paramsWithGrads([3, 0], [-4]);
    expect(clipGradNorm(params, 1)).toBe(5);
    expect(globalGradNorm(params)).toBeCloseTo(1, 6); // max_norm·5/(5 + 1e-6)
    expect(globalGradNorm(params)).toBeLessThan(1);
    expect(params[0]!.grad[0]! / params[1]!.grad[0]!).toBeCloseTo(-3 / 4, 14);
  });

  it('leaves gradients untouched when below maxNorm', () => {
    const params = paramsWithGrads([0.3, -0.4]);
    expect(clipGradNorm(params, 0.5 + 2e-6)).toBeCloseTo(0.5, 15);
    expect(Array.from(params[0]!.grad)).toEqual([0.3, -0.4]);
    expect(clipGradNorm(params, 10)).toBeCloseTo(0.5, 15);
    expect(Array.from(params[0]!.grad)).toEqual([0.3, -0.4]);
  });

  it('returns a non-finite norm and leaves the gradients as they were', () => {
    const params = paramsWithGrads([1, Number.NaN], [2]);
    expect(clipGradNorm(params, 1)).toBeNaN();
    expect(params[1]!.grad[0]).toBe(2);
    const exploded = paramsWithGrads([Infinity, 1]);
    expect(clipGradNorm(exploded, 1)).toBe(Infinity);
    expect(Array.from(exploded[0]!.grad)).toEqual([Infinity, 1]);
  });

  it('refuses a non-positive maxNorm', () => {
    expect(() => clipGradNorm([], 0)).toThrow(/maxNorm/);
  });
});

describe('clipGradValue', () => {
  it('clamps each element and reports the norm before clipping', () => {
    const params = paramsWithGrads([3, -4, 0.5]);
    expect(clipGradValue(params, 1)).toBeCloseTo(Math.sqrt(25.25), 14);
    expect(Array.from(params[0]!.grad)).toEqual([1, -1, 0.5]);
    expect(() => clipGradValue(params, -1)).toThrow(/clipValue/);
  });
});

describe('findNonFinite', () => {
  it('names the first parameter with a NaN or Inf, in data or grad', () => {
    const params = paramsWithGrads([1, 2], [3, 4], [5]);
    expect(findNonFinite(params)).toBeNull();
    params[2]!.grad[0] = Number.NaN;
    params[1]!.data[1] = -Infinity;
    expect(findNonFinite(params)).toEqual({ name: 'p1', where: 'data', index: 1, value: -Infinity });
    expect(findNonFinite(params, 'grad')).toMatchObject({ name: 'p2', where: 'grad', index: 0 });
    params[1]!.data[1] = 0;
    expect(findNonFinite(params, 'data')).toBeNull();
  });
});
