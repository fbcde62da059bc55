// Welford's running statistics against the two-pass formulas, and the z-score of a constant column.
import { describe, expect, it } from 'vitest';
import { denormalise, normalise, RunningStats } from '../../../../../core/common/data/import/normaliser';

describe('RunningStats', () => {
  it('matches the two-pass mean and population variance, even far from zero', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => 1e9 + Math.sin(i) * 3);
    const stats = new RunningStats();
    xs.forEach((x) => stats.add(x));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
    expect(stats.mean).toBeCloseTo(mean, 4);
    expect(stats.variance).toBeCloseTo(variance, 6);
    const z = stats.zScore('x');
    expect(denormalise(normalise(xs[5]!, z), z)).toBeCloseTo(xs[5]!, 4);
  });

  it('scales a constant column by 1, so it maps to 0 instead of dividing by zero', () => {
    const stats = new RunningStats();
    [4, 4, 4].forEach((x) => stats.add(x));
    expect(stats.zScore('c')).toEqual({ name: 'c', mean: 4, std: 1 });
  });
});
