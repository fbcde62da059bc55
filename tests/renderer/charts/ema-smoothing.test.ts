// TensorBoard's debiased EMA.
import { describe, expect, it } from 'vitest';
import { emaSmooth } from '../../../renderer/src/charts/ema-smoothing';

describe('emaSmooth', () => {
  it('is debiased: the first point is the first value, then m/(1 − wⁿ)', () => {
    const w = 0.5;
    const smoothed = emaSmooth([4, 2, 1], w);
    // m1 = 2 → 2/0.5 = 4; m2 = 1 + 1 = 2 → 2/0.75; m3 = 1 + 0.5 = 1.5 → 1.5/0.875
    expect(smoothed[0]).toBe(4);
    expect(smoothed[1]).toBeCloseTo(2 / 0.75, 12);
    expect(smoothed[2]).toBeCloseTo(1.5 / 0.875, 12);
  });

  it('leaves non-finite values where they are without letting them into the average', () => {
    const smoothed = emaSmooth([1, Number.NaN, 3], 0.5);
    expect(smoothed[1]).toBeNaN();
    // as if the NaN were absent: m = 0.5, then 0.25 + 1.5 = 1.75 over 1 − 0.25
    expect(smoothed[2]).toBeCloseTo(1.75 / 0.75, 12);
  });

  it('returns the values unchanged at weight 0 and for a constant curve', () => {
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    expect(emaSmooth([0.1, 0.1, 0.1], 0.9)).toEqual([0.1, 0.1, 0.1]);
  });

  it('refuses a weight outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow('weight must be in [0, 1)');
    expect(() => emaSmooth([1], -0.1)).toThrow('weight must be in [0, 1)');
  });
});
