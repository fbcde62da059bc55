import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { addingProblem, markedPairSample, multiplicationProblem } from '../../../../core/common/tasks/marked-pair';

/** Marked positions and target of one sample. */
function inspect(rng: Rng, length: number, operation: 'sum' | 'product'): { marked: number[]; values: number[]; target: number } {
  const e = markedPairSample(rng, length, operation);
  if (e.input.kind !== 'dense' || e.target.kind !== 'sequence-values') throw new Error('wrong kind');
  const x = e.input.x;
  const marked: number[] = [];
  for (let t = 0; t < length; t++) {
    if (x[2 * t + 1] !== 0 && x[2 * t + 1] !== 1) throw new Error(`marker x[${t}, 1] = ${x[2 * t + 1]} is neither 0 nor 1`);
    if (x[2 * t + 1] === 1) marked.push(t);
  }
  return { marked, values: marked.map((t) => x[2 * t]!), target: e.target.values[0]! };
}

function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, variance: values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length };
}

describe('adding problem', () => {
  it('marks exactly two values, one in each half, and targets their sum (property over T)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer(), (T, seed) => {
        const { marked, values, target } = inspect(new Rng(seed), T, 'sum');
        expect(marked).toHaveLength(2);
        expect(marked[0]).toBeLessThan(Math.floor(T / 2));
        expect(marked[1]).toBeGreaterThanOrEqual(Math.floor(T / 2));
        expect(target).toBeCloseTo(values[0]! + values[1]!, 6);
      }),
    );
  });

  it('has targets with mean 1 and variance 1/6, and the always-1 baseline measures ≈ 0.167', () => {
    const task = addingProblem.create({ length: 20 });
    const rng = new Rng(2024);
    const targets: number[] = [];
    for (let i = 0; i < 100; i++) {
      const batch = task.batch(rng, 200);
      if (batch.kind !== 'sequence' || batch.target.kind !== 'sequence-values') throw new Error('wrong kind');
      targets.push(...batch.target.values);
    }
    const { mean, variance } = moments(targets); // n = 20 000: standard error of the mean ≈ 0.003
    expect(mean).toBeCloseTo(1, 1);
    expect(Math.abs(mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1 / 6)).toBeLessThan(0.008);
    const baselineMse = targets.reduce((a, y) => a + (y - 1) ** 2, 0) / targets.length;
    expect(Math.abs(baselineMse - 0.1667)).toBeLessThan(0.008);
    expect(task.baseline).toMatchObject({ metric: 'mse', value: 1 / 6 });
  });

  it('places the markers uniformly within each half', () => {
    const rng = new Rng(9);
    const firstCounts = new Array<number>(5).fill(0);
    const secondCounts = new Array<number>(5).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const { marked } = inspect(rng, 10, 'sum');
      firstCounts[marked[0]!]!++;
      secondCounts[marked[1]! - 5]!++;
    }
    for (const c of [...firstCounts, ...secondCounts]) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it('refuses a length below 2', () => {
    expect(() => markedPairSample(new Rng(1), 1, 'sum')).toThrow(/length must be an integer >= 2, got 1/);
  });
});

describe('multiplication problem', () => {
  it('targets the product, with mean 1/4 and variance 7/144, the baseline it declares', () => {
    const rng = new Rng(77);
    const targets: number[] = [];
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const { values, target } = inspect(rng, 8, 'product');
      worst = Math.max(worst, Math.abs(target - values[0]! * values[1]!));
      targets.push(target);
    }
    expect(worst).toBeLessThan(1e-6);
    const { mean, variance } = moments(targets);
    expect(Math.abs(mean - 0.25)).toBeLessThan(0.006);
    expect(Math.abs(variance - 7 / 144)).toBeLessThan(0.003);
    expect(multiplicationProblem.create({ length: 8 }).baseline.value).toBeCloseTo(7 / 144, 10);
  });
});
