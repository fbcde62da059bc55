import { describe, expect, it } from 'vitest';
import { accuracy, perplexity, weightedMean } from '../../../../core/common/train/metrics';
import { softmaxCrossEntropy } from '../../../../core/common/train/losses';

describe('accuracy', () => {
  const logits = Float64Array.from([
    0.1,
    0.9,
    0.0, // argmax 1
    2.0,
    2.0,
    1.0, // tie: argmax 0
    0.0,
    0.0,
    3.0, // argmax 2
    5.0,
    0.0,
    0.0, // argmax 0
  ]);

  it('counts rows whose arg-max is the target, ties going to the lowest index', () => {
    expect(accuracy(logits, Int32Array.from([1, 0, 1, 0]), 3)).toEqual({ value: 3 / 4, weight: 4 });
    expect(accuracy(logits, Int32Array.from([1, 1, 2, 0]), 3).value).toBe(3 / 4);
  });

  it('skips masked rows and ignored targets', () => {
    expect(accuracy(logits, Int32Array.from([1, 0, 1, -100]), 3, [1, 1, 0, 1])).toEqual({ value: 1, weight: 2 });
    expect(accuracy(logits, Int32Array.from([-1, -1, -1, -1]), 3)).toEqual({ value: 0, weight: 0 });
  });

  it('refuses mismatched shapes', () => {
    expect(() => accuracy(logits, Int32Array.from([0, 0]), 3)).toThrow(/accuracy: logits has 12 values/);
  });
});

describe('perplexity', () => {
  it('is V for uniform predictions and 1 for certain ones', () => {
    const V = 7;
    const ce = softmaxCrossEntropy(new Float64Array(3 * V), Int32Array.from([0, 3, 6]), V, null).loss;
    expect(perplexity(ce)).toBeCloseTo(V, 12);
    expect(perplexity(0)).toBe(1);
  });
});

describe('weightedMean', () => {
  it('weights each batch by how many rows it counted', () => {
    expect(
      weightedMean([
        { loss: 1, weight: 3 },
        { value: 3, weight: 1 },
        { loss: 100, weight: 0 },
      ]),
    ).toEqual({ value: 1.5, weight: 4 });
    expect(weightedMean([])).toEqual({ value: 0, weight: 0 });
  });
});
