// Pearson and Spearman against values worked by hand; undefined cases are null, not NaN.
import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, spearman } from '../../../../../core/common/runs/compare/correlation';

describe('correlation', () => {
  it('pearson: exact lines give ±1, a worked example its value', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    // x̄ = 2, ȳ = 3; Σdxdy = 3, Σdx² = 2, Σdy² = 8 → 3 / 4
    expect(pearson([1, 2, 3], [1, 5, 3])).toBeCloseTo(0.5, 12);
  });

  it('spearman: monotone but not linear is 1; ties take the mean rank', () => {
    expect(pearson([1, 2, 3, 4], [1, 10, 100, 1000])).toBeLessThan(1);
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000])).toBe(1);
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('is null for fewer than two pairs or a constant sample', () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
  });
});
