import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { smallestSplit, splitRange, windowStart } from '../../../../core/common/data/series-split';

describe('series splits', () => {
  it('partition the series in time order, 80 / 10 / 10', () => {
    expect(splitRange(1000, 'train')).toEqual([0, 800]);
    expect(splitRange(1000, 'validation')).toEqual([800, 900]);
    expect(splitRange(1000, 'test')).toEqual([900, 1000]);
    expect(smallestSplit(1000)).toBe(100);
  });

  it('draw windows wholly inside their split, reaching both ends (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 5000 }),
        fc.constantFrom('train', 'validation', 'test'),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        (length, split, span, seed) => {
          const [from, to] = splitRange(length, split);
          const rng = new Rng(seed);
          for (let i = 0; i < 20; i++) {
            const s = windowStart(rng, length, split, span);
            expect(s).toBeGreaterThanOrEqual(from);
            expect(s + span).toBeLessThanOrEqual(to);
          }
        },
      ),
      { numRuns: 200 },
    );
    const rng = new Rng(1);
    const starts = new Set(Array.from({ length: 400 }, () => windowStart(rng, 100, 'validation', 5)));
    expect(starts).toEqual(new Set([80, 81, 82, 83, 84, 85]));
  });

  it('refuses a window longer than the split', () => {
    expect(() => windowStart(new Rng(1), 100, 'test', 11)).toThrow(/a window of 11 does not fit in the test split \[90, 100\)/);
  });
});
