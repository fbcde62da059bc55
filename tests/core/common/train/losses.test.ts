import { describe, expect, it } from 'vitest';
import { mseLoss, softmaxCrossEntropy } from '../../../../core/common/train/losses';
import { Rng } from '../../../../core/common/random/rng';

function randomArray(rng: Rng, n: number, scale = 1): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = scale * rng.normal();
  return a;
}

/** Checks analytic against central-difference gradients of loss(x), in float64. */
function expectGradientMatches(x: Float64Array, loss: () => number, analytic: Float64Array): void {
  const h = 1e-6;
  for (let i = 0; i < x.length; i++) {
    const saved = x[i]!;
    x[i] = saved + h;
    const plus = loss();
    x[i] = saved - h;
    const minus = loss();
    x[i]! = saved;
    const numeric = (plus - minus) / (2 * h);
    expect(Math.abs(numeric - analytic[i]!)).toBeLessThan(1e-7 + 1e-6 * Math.abs(numeric));
  }
}

describe('softmaxCrossEntropy', () => {
  const N = 6;
  const V = 5;

  it('has the gradient its finite differences say, with weights, a masked row and an ignored target', () => {
    const rng = new Rng(1);
    const logits = randomArray(rng, N * V, 2);
    const targets = Int32Array.from([0, 4, -100, 2, 1, 3]);
    const weights = Float64Array.from([1, 0.5, 1, 0, 2, 1]);
    const dLogits = new Float64Array(N * V);
    const result = softmaxCrossEntropy(logits, targets, V, dLogits, { weights });
    expect(result.weight).toBe(1 + 0.5 + 0 + 2 + 1); // the ignored and the zero-weight rows do not count
    expectGradientMatches(logits, () => softmaxCrossEntropy(logits, targets, V, null, { weights }).loss, dLogits);
  });

  it('gives masked and ignored rows no loss and zero gradient', () => {
    const rng = new Rng(2);
    const logits = randomArray(rng, N * V);
    const targets = Int32Array.from([1, 2, -1, 3, 4, 0]);
    const mask = Uint8Array.from([1, 0, 1, 1, 0, 1]);
    const dLogits = new Float64Array(N * V).fill(7);
    const before = softmaxCrossEntropy(logits, targets, V, dLogits, { weights: mask }).loss;
    for (const row of [1, 2, 4]) {
      for (let v = 0; v < V; v++) expect(dLogits[row * V + v]).toBe(0);
      logits[row * V]! += 10; // changing a dropped row's logits must not change the loss
    }
    expect(softmaxCrossEntropy(logits, targets, V, null, { weights: mask }).loss).toBe(before);
  });

  it('is the mean of −log softmax over valid rows', () => {
    const logits = Float64Array.from([0, Math.log(3), 5, 5]); // [2, 2]
    const targets = Int32Array.from([1, 0]);
    const expected = (-Math.log(3 / 4) - Math.log(1 / 2)) / 2;
    expect(softmaxCrossEntropy(logits, targets, 2, null).loss).toBeCloseTo(expected, 14);
  });

  it('equals log V for uniform logits and stays finite for huge ones (log-sum-exp)', () => {
    const targets = Int32Array.from([3]);
    expect(softmaxCrossEntropy(new Float64Array(V), targets, V, null).loss).toBeCloseTo(Math.log(V), 14);
    const huge = Float64Array.from([1000, 1001, 999, 1000, 1002]);
    const shifted = huge.map((z) => z - 1000);
    const d = new Float64Array(V);
    const loss = softmaxCrossEntropy(huge, targets, V, d).loss;
    expect(loss).toBeCloseTo(softmaxCrossEntropy(shifted, targets, V, null).loss, 12);
    expect(Number.isFinite(loss)).toBe(true);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14); // softmax − onehot sums to 0
  });

  it('is not poisoned by NaN or Inf logits in masked or ignored rows', () => {
    const logits = Float64Array.from([Number.NaN, 0, Infinity, 0, 1, 2, -Infinity, Number.NaN]); // [4, 2]
    const d = new Float64Array(8);
    const r = softmaxCrossEntropy(logits, Int32Array.from([0, -100, 1, 0]), 2, d, { weights: [0, 1, 1, 0] });
    expect(r.loss).toBeCloseTo(Math.log(1 + Math.exp(-1)), 14);
    expect(d.every(Number.isFinite)).toBe(true);
  });

  it('returns zero loss, weight and gradient when every row is masked', () => {
    const d = new Float64Array(2 * V).fill(1);
    const r = softmaxCrossEntropy(new Float64Array(2 * V).fill(3), Int32Array.from([1, 2]), V, d, { weights: [0, 0] });
    expect(r).toEqual({ loss: 0, weight: 0 });
    expect(d.every((v) => v === 0)).toBe(true);
  });

  it('refuses wrong shapes, out-of-range targets and negative weights, naming itself', () => {
    const logits = new Float64Array(2 * V);
    expect(() => softmaxCrossEntropy(logits, Int32Array.from([0, 1, 2]), V, null)).toThrow(/softmaxCrossEntropy: logits has 10 values, expected \[3, 5\]/);
    expect(() => softmaxCrossEntropy(logits, Int32Array.from([0, V]), V, null)).toThrow(/targets\[1\] = 5/);
    expect(() => softmaxCrossEntropy(logits, Int32Array.from([0, 1]), V, new Float64Array(3))).toThrow(/dLogits/);
    expect(() => softmaxCrossEntropy(logits, Int32Array.from([0, 1]), V, null, { weights: [1, -1] })).toThrow(/weights\[1\]/);
  });
});

describe('mseLoss', () => {
  it('has the gradient its finite differences say, with a row mask over [N, D]', () => {
    const rng = new Rng(3);
    const pred = randomArray(rng, 4 * 3);
    const target = randomArray(rng, 4 * 3);
    const mask = Float64Array.from([1, 0, 1, 0.5]);
    const dPred = new Float64Array(12);
    const result = mseLoss(pred, target, dPred, mask);
    expect(result.weight).toBe(2.5 * 3);
    expectGradientMatches(pred, () => mseLoss(pred, target, null, mask).loss, dPred);
    for (let d = 3; d < 6; d++) expect(dPred[d]).toBe(0);
  });

  it('is the plain mean of squared errors without a mask', () => {
    const pred = Float64Array.from([1, 2, 3, 4]);
    const target = Float64Array.from([0, 2, 5, 4]);
    const dPred = new Float64Array(4);
    expect(mseLoss(pred, target, dPred)).toEqual({ loss: (1 + 0 + 4 + 0) / 4, weight: 4 });
    expect(Array.from(dPred)).toEqual([0.5, 0, -1, 0]);
  });

  it('ignores masked elements entirely (element mask as long as pred)', () => {
    const pred = Float64Array.from([1, 100, 3]);
    const target = Float64Array.from([0, 0, 3]);
    const dPred = new Float64Array(3);
    expect(mseLoss(pred, target, dPred, Uint8Array.from([1, 0, 1])).loss).toBe(0.5);
    expect(dPred[1]).toBe(0);
  });

  it('is not poisoned by NaN in masked rows', () => {
    const dPred = new Float64Array(4);
    const r = mseLoss(Float64Array.from([Number.NaN, Infinity, 1, 2]), Float64Array.from([0, 0, 0, 0]), dPred, [0, 1]);
    expect(r.loss).toBe(2.5);
    expect(Array.from(dPred)).toEqual([0, 0, 1, 2]);
  });

  it('is zero with zero gradient when everything is masked, and refuses mismatched shapes', () => {
    const dPred = new Float64Array(2).fill(5);
    expect(mseLoss(Float64Array.from([1, 2]), new Float64Array(2), dPred, [0, 0])).toEqual({ loss: 0, weight: 0 });
    expect(Array.from(dPred)).toEqual([0, 0]);
    expect(() => mseLoss(new Float64Array(3), new Float64Array(2), null)).toThrow(/mseLoss: pred has 3/);
    expect(() => mseLoss(new Float64Array(6), new Float64Array(6), null, [1, 1, 1, 1])).toThrow(/does not divide/);
  });
});
