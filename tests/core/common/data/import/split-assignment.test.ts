// Seeded split assignment: exact sizes, the same for the same seed, different for another, and uniform.
import { describe, expect, it } from 'vitest';
import { assignSplits, splitCounts } from '../../../../../core/common/data/import/split-assignment';

describe('split assignment', () => {
  it('gives 80/10/10 with at least one example in each split', () => {
    expect(splitCounts(3)).toEqual({ train: 1, validation: 1, test: 1 });
    expect(splitCounts(1000)).toEqual({ train: 800, validation: 100, test: 100 });
    expect(() => splitCounts(2)).toThrow(/at least 3/);
  });

  it('assigns exactly those sizes, reproducibly from the seed', () => {
    const a = assignSplits(997, 7);
    expect([0, 1, 2].map((s) => a.filter((c) => c === s).length)).toEqual([797, 100, 100]);
    expect(assignSplits(997, 7)).toEqual(a);
    expect(assignSplits(997, 8)).not.toEqual(a);
  });

  it('puts every example in validation with probability ≈ 10% (no position bias)', () => {
    const hits = new Float64Array(50);
    for (let seed = 0; seed < 2000; seed++) assignSplits(50, seed).forEach((c, i) => (hits[i]! += c === 1 ? 1 : 0));
    for (const h of hits) {
      expect(h / 2000).toBeGreaterThan(0.07);
      expect(h / 2000).toBeLessThan(0.13);
    }
  });
});
