// Token picking: greedy, temperature → 0 equals greedy, top-1 equals greedy, sampled frequencies
// follow softmax(z / τ) over the top-k, one generator draw per sampled token; from probabilities, the
// same draws as from their logarithms.

import { describe, expect, it } from 'vitest';
import { PickScratch, checkStrategy, pickFromProbabilities, pickToken, type DecodingStrategy } from '../../../../core/common/generate/pick';
import { argmaxRow } from '../../../../core/common/generate/pick';
import { Rng } from '../../../../core/common/random/rng';

const V = 6;

function randomLogits(rng: Rng, rows: number): Float32Array {
  return Float32Array.from({ length: rows * V }, () => rng.uniform(-3, 3));
}

describe('pickToken', () => {
  it('temperature → 0 and top-1 sampling pick the arg-max, like greedy', () => {
    const rng = new Rng(1);
    const rows = 500;
    const logits = randomLogits(rng, rows);
    const scratch = new PickScratch(V);
    for (let b = 0; b < rows; b++) {
      const greedy = pickToken(logits, b, V, { kind: 'greedy' }, undefined, scratch);
      expect(greedy).toBe(argmaxRow(logits, b, V));
      expect(pickToken(logits, b, V, { kind: 'sample', temperature: 1e-6 }, rng, scratch)).toBe(greedy);
      expect(pickToken(logits, b, V, { kind: 'sample', temperature: 0 }, rng, scratch)).toBe(greedy);
      expect(pickToken(logits, b, V, { kind: 'sample', temperature: 1, topK: 1 }, rng, scratch)).toBe(greedy);
    }
  });

  it('samples softmax(z / τ) over the k largest logits', () => {
    const logits = Float32Array.from([0.5, 2, -1, 1.5, 0, 1]);
    const scratch = new PickScratch(V);
    const rng = new Rng(2);
    for (const [temperature, topK] of [
      [1, undefined],
      [0.5, undefined],
      [2, 3],
    ] as const) {
      const keep = topK === undefined ? [0, 1, 2, 3, 4, 5] : [1, 3, 5];
      const weights = logits.map((z, v) => (keep.includes(v) ? Math.exp(z / temperature) : 0));
      const total = weights.reduce((a, b) => a + b, 0);
      const counts = new Array<number>(V).fill(0);
      const n = 20000;
      for (let i = 0; i < n; i++) counts[pickToken(logits, 0, V, { kind: 'sample', temperature, topK }, rng, scratch)]!++;
      for (let v = 0; v < V; v++) {
        const p = weights[v]! / total;
        expect(Math.abs(counts[v]! / n - p), `τ=${temperature} k=${topK} token ${v}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
      }
    }
  });

  it('draws exactly one number per sampled token, none when greedy', () => {
    const logits = randomLogits(new Rng(3), 1);
    const scratch = new PickScratch(V);
    const a = new Rng(9),
      b = new Rng(9);
    pickToken(logits, 0, V, { kind: 'greedy' }, a, scratch);
    pickToken(logits, 0, V, { kind: 'sample', temperature: 0.7, topK: 2 }, a, scratch);
    b.next();
    expect(a.next()).toBe(b.next());
  });

  it('checks the strategy', () => {
    expect(() => checkStrategy('f', { kind: 'sample', temperature: -1 }, new Rng(1))).toThrow(/temperature/);
    expect(() => checkStrategy('f', { kind: 'sample', temperature: 1, topK: 0 }, new Rng(1))).toThrow(/topK/);
    expect(() => checkStrategy('f', { kind: 'sample', temperature: 1 }, undefined)).toThrow(/needs an rng/);
    expect(() => checkStrategy('f', { kind: 'greedy' }, undefined)).not.toThrow();
  });
});

describe('pickFromProbabilities (an exported model’s softmax output)', () => {
  const probs = Float32Array.of(0.1, 0.6, 0.3, 0, /* row 2 */ 0.25, 0.25, 0.5, 0);
  const sample = (temperature: number, topK?: number): DecodingStrategy => ({ kind: 'sample', temperature, ...(topK === undefined ? {} : { topK }) });

  it('is the arg-max when greedy, at temperature 0 or with top-1', () => {
    const scratch = new PickScratch(4);
    expect(pickFromProbabilities(probs, 0, 4, { kind: 'greedy' }, undefined, scratch)).toBe(1);
    expect(pickFromProbabilities(probs, 4, 4, sample(0), new Rng(1), scratch)).toBe(2);
    for (let s = 0; s < 20; s++) expect(pickFromProbabilities(probs, 0, 4, sample(2, 1), new Rng(s), scratch)).toBe(1);
  });

  it('samples p^(1/τ) among the top k, never a zero-probability token', () => {
    const rng = new Rng(5);
    const scratch = new PickScratch(4);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[pickFromProbabilities(probs, 0, 4, sample(1, 2), rng, scratch)]!++;
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect((counts[1] as number) / 4000).toBeCloseTo(2 / 3, 1); // 0.6 / (0.6 + 0.3)
    const hot = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) hot[pickFromProbabilities(probs, 0, 4, sample(0.5), rng, scratch)]!++;
    expect(hot[3]).toBe(0);
    expect((hot[1] as number) / 4000).toBeCloseTo(0.36 / 0.46, 1); // 0.6² / (0.1² + 0.6² + 0.3²)
  });

  it('draws what pickToken draws from the log-probabilities, from the same seed', () => {
    const scratch = new PickScratch(4);
    const logits = Float64Array.from(probs.subarray(4, 8), (p) => Math.log(p));
    const fromProbs = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 30 }, () => pickFromProbabilities(probs, 4, 4, sample(1.3), rng, scratch));
    };
    const fromLogits = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 30 }, () => pickToken(logits, 0, 4, sample(1.3), rng, new PickScratch(4)));
    };
    expect(fromProbs(9)).toEqual(fromLogits(9));
    expect(fromProbs(9)).not.toEqual(fromProbs(10));
  });

  it('refuses a row outside the probabilities', () => {
    expect(() => pickFromProbabilities(probs, 6, 4, { kind: 'greedy' }, undefined, new PickScratch(4))).toThrow(/outside the 8 probabilities/);
  });

  it('refuses to sample without an rng, naming the temperature (greedy needs none)', () => {
    const logits = Float32Array.from([0.5, 2, -1, 1.5]);
    expect(() => pickToken(logits, 0, 4, { kind: 'sample', temperature: 0.7 }, undefined, new PickScratch(4))).toThrow(
      'pickToken: sampling at temperature 0.7 needs an rng',
    );
    expect(pickToken(logits, 0, 4, { kind: 'greedy' }, undefined, new PickScratch(4))).toBe(1);
  });
});
