import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('Rng', () => {
  it('is deterministic per seed, and nearby seeds give different streams', () => {
    expect(draws(new Rng(42), 50)).toEqual(draws(new Rng(42), 50));
    expect(draws(new Rng(42), 50)).not.toEqual(draws(new Rng(43), 50));
    expect(draws(new Rng(0), 1)[0]).not.toBe(draws(new Rng(1), 1)[0]);
  });

  it('continues the same stream from a saved state, through every kind of draw', () => {
    const rng = new Rng(7);
    draws(rng, 17);
    rng.normal();
    const resumed = Rng.fromState(structuredClone(rng.state()));
    const sample = (r: Rng): number[] => [r.next(), r.normal(), r.int(10), r.uniform(-2, 3), ...r.shuffle([1, 2, 3, 4, 5]), ...draws(r, 5)];
    expect(sample(resumed)).toEqual(sample(rng));
    expect(() => Rng.fromState([0, 0, 0, 0])).toThrow(/all-zero/);
  });

  it('next() and uniform() stay in their half-open ranges', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 5000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      const v = rng.uniform(-1, 2);
      expect(v >= -1 && v < 2).toBe(true);
    }
  });

  it('int(n) is uniform over [0, n)', () => {
    const rng = new Rng(11);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.int(3)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400); // σ ≈ 82
    expect(() => rng.int(0)).toThrow(/Rng.int/);
    expect(() => rng.int(2.5)).toThrow(/Rng.int/);
  });

  it('int(n) has no modulo bias even when n is close to 2³²', () => {
    // n = 3·2³⁰: plain `uint32 % n` would put half the draws below 2³⁰ instead of a third
    const rng = new Rng(12);
    const n = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < 30000; i++) {
      const x = rng.int(n);
      expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      if (x < 2 ** 30) low++;
    }
    expect(Math.abs(low / 30000 - 1 / 3)).toBeLessThan(0.015); // σ ≈ 0.0027
  });

  it('normal() has mean 0 and variance 1', () => {
    const rng = new Rng(13);
    let sum = 0;
    let sumSquares = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSquares += z * z;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.03); // σ ≈ 0.007
    expect(Math.abs(sumSquares / n - mean * mean - 1)).toBeLessThan(0.05); // σ ≈ 0.01
  });

  it('shuffle() returns a permutation of its input, in place', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = new Rng(14).shuffle(items);
    expect(shuffled).toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(shuffled).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('choice() is the element at one int(length) draw, and refuses an empty or sparse list', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const a = new Rng(9),
      b = new Rng(9);
    for (let i = 0; i < 50; i++) expect(a.choice(items)).toBe(items[b.int(items.length)]);
    expect(() => new Rng(1).choice([])).toThrow('Rng.int: n must be an integer in 1..2^32, got 0');
    expect(() => new Rng(1).choice(new Array<string>(3))).toThrow(/Rng.choice: items\[\d\] is undefined/);
  });
});
