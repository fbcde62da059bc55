import { describe, expect, it } from 'vitest';
import { median } from '../../bench/median';

describe('bench median', () => {
  it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('refuses an empty list instead of reporting NaN', () => {
    expect(() => median([])).toThrow('median: no values (nothing was measured)');
  });
});
