// Choosing tokens from probabilities: greedy is the arg-max, top-1 and temperature 0 are greedy,
// sampling follows p^(1/τ) and is reproducible from a seed.

import { describe, expect, it } from 'vitest';
import { argmaxAt, sampleToken } from '../../../../core/common/model/token-sampling';
import { Rng } from '../../../../core/common/random/rng';

const probs = Float32Array.of(0.1, 0.6, 0.3, 0, /* row 2 */ 0.25, 0.25, 0.5, 0);

describe('sampleToken', () => {
  it('is the arg-max at temperature 0 or with top-1', () => {
    expect(argmaxAt(probs, 0, 4)).toBe(1);
    expect(sampleToken(probs, 4, 4, { temperature: 0 }, new Rng(1))).toBe(2);
    for (let s = 0; s < 20; s++) expect(sampleToken(probs, 0, 4, { temperature: 2, topK: 1 }, new Rng(s))).toBe(1);
  });

  it('samples p^(1/τ) among the top k, never a zero-probability token', () => {
    const rng = new Rng(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[sampleToken(probs, 0, 4, { temperature: 1, topK: 2 }, rng)]++;
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect((counts[1] as number) / 4000).toBeCloseTo(2 / 3, 1); // 0.6 / (0.6 + 0.3)
    const hot = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) hot[sampleToken(probs, 0, 4, { temperature: 0.5 }, rng)]++;
    expect((hot[1] as number) / 4000).toBeCloseTo(0.36 / 0.46, 1); // 0.6² / (0.1² + 0.6² + 0.3²)
  });

  it('draws the same tokens from the same seed', () => {
    const draw = (seed: number) => { const rng = new Rng(seed); return Array.from({ length: 30 }, () => sampleToken(probs, 4, 4, { temperature: 1.3 }, rng)); };
    expect(draw(9)).toEqual(draw(9));
  });
});
