import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketByLength, paddingWaste } from '../../../../core/common/data/bucketing';
import { Rng } from '../../../../core/common/random/rng';

describe('bucketByLength', () => {
  it('uses every index once, in batches of at most B whose length ranges do not overlap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), fc.integer(), (lengths, batchSize, seed) => {
        const batches = bucketByLength(lengths, batchSize, new Rng(seed));
        expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
        expect(batches.every((b) => b.length >= 1 && b.length <= batchSize)).toBe(true);
        expect(batches.filter((b) => b.length < batchSize).length).toBeLessThanOrEqual(1);
        // consecutive slices of the sorted order: once ordered by their shortest member, ranges only touch
        const ranges = batches.map((b) => [Math.min(...b.map((i) => lengths[i])), Math.max(...b.map((i) => lengths[i]))]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        for (let k = 1; k < ranges.length; k++) expect(ranges[k - 1][1]).toBeLessThanOrEqual(ranges[k][0]);
      }),
    );
  });

  it('is deterministic per seed and shuffles the batch order across seeds', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 50));
    expect(bucketByLength(lengths, 8, new Rng(1))).toEqual(bucketByLength(lengths, 8, new Rng(1)));
    expect(bucketByLength(lengths, 8, new Rng(1))).not.toEqual(bucketByLength(lengths, 8, new Rng(2)));
  });

  it('wastes far less padding than random batches', () => {
    const rng = new Rng(5);
    const lengths = Array.from({ length: 512 }, () => 1 + rng.int(100));
    const random = rng.shuffle(lengths.map((_, i) => i));
    const randomBatches = Array.from({ length: 32 }, (_, k) => random.slice(k * 16, (k + 1) * 16));
    const bucketed = paddingWaste(lengths, bucketByLength(lengths, 16, rng));
    expect(bucketed).toBeLessThan(paddingWaste(lengths, randomBatches) / 10);
  });

  it('refuses a batch size below 1', () => {
    expect(() => bucketByLength([1, 2], 0, new Rng(1))).toThrow(/batchSize must be a positive integer, got 0/);
  });
});
