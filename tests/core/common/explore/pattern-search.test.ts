// Patterns over the input's steps and the ranking of units by Pearson's r with them: exact r on
// constructed activations, each kind of pattern, and every refusal (a constant pattern above all).
import { describe, expect, it } from 'vitest';
import type { TracedLayer } from '../../../../core/common/explore/model-trace';
import { patternOverSteps, pearson, rankUnits } from '../../../../core/common/explore/pattern-search';

const text = (s: string) => ({ tokens: Array.from(s), values: null });

function layer(part: TracedLayer['part'], H: number, columns: number[][]): TracedLayer {
  const T = columns[0]!.length;
  const h = new Float32Array(T * H);
  columns.forEach((col, j) => col.forEach((v, t) => (h[t * H + j] = v)));
  return { part, layer: 0, reverse: false, cell: 'gru', hiddenSize: H, steps: T, signals: new Map([['h', h]]) };
}

describe('patternOverSteps', () => {
  it('a regex is 1 at the steps its matches cover, over tokens of any length', () => {
    const r = patternOverSteps({ kind: 'regex', source: '[aeiou]', ignoreCase: false }, text('hello world'));
    expect(r.ok && Array.from(r.pattern)).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    const multi = patternOverSteps({ kind: 'regex', source: 'b<', ignoreCase: false }, { tokens: ['a', 'b', '<unk>', 'c'], values: null });
    expect(multi.ok && Array.from(multi.pattern)).toEqual([0, 1, 1, 0]);
    const ci = patternOverSteps({ kind: 'regex', source: 'H', ignoreCase: true }, text('ahha'));
    expect(ci.ok && Array.from(ci.pattern)).toEqual([0, 1, 1, 0]);
  });

  it('positions and value ranges', () => {
    const p = patternOverSteps({ kind: 'positions', from: 1, to: 3 }, text('abcd'));
    expect(p.ok && Array.from(p.pattern)).toEqual([0, 1, 1, 0]);
    const v = patternOverSteps(
      { kind: 'values', feature: 1, min: 0.5, max: 1 },
      { tokens: ['0', '1', '2'], values: { features: 2, x: [0, 0.9, 1, 0.1, 2, 0.5] } },
    );
    expect(v.ok && Array.from(v.pattern)).toEqual([1, 0, 1]);
  });

  it('refuses a constant pattern, saying why and what to do', () => {
    const none = patternOverSteps({ kind: 'regex', source: 'z', ignoreCase: false }, text('abc'));
    expect(none).toEqual({ ok: false, message: expect.stringContaining('0 at every one of the 3 steps') });
    const all = patternOverSteps({ kind: 'positions', from: 0, to: 3 }, text('abc'));
    expect(!all.ok && all.message).toContain('1 at every one of the 3 steps');
    expect(!all.ok && all.message).toContain('1 at some steps and 0 at others');
  });

  it('refuses a bad expression, an empty one, a range outside the input, values on text', () => {
    expect(patternOverSteps({ kind: 'regex', source: '(', ignoreCase: false }, text('ab'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('not valid'),
    });
    expect(patternOverSteps({ kind: 'regex', source: '', ignoreCase: false }, text('ab'))).toMatchObject({ ok: false });
    expect(patternOverSteps({ kind: 'positions', from: 2, to: 5 }, text('abc'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('0 ≤ from < to ≤ 3'),
    });
    expect(patternOverSteps({ kind: 'values', feature: 0, min: 0, max: 1 }, text('abc'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('value inputs'),
    });
  });
});

describe('pearson', () => {
  it('is ±1 on exact linear relations, 0 on orthogonal ones, null on a constant', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [1, 0, 0, -2])).toBeCloseTo(-4.5 / Math.sqrt(5 * 4.75), 12); // Σdxdy / √(Σdx² Σdy²);
    expect(pearson([1, -1, 1, -1], [1, 1, -1, -1])).toBe(0);
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
  });
});

describe('rankUnits', () => {
  it('ranks units by |r| with the pattern, skipping constant units and the decoder', () => {
    const pattern = Float64Array.from([0, 1, 0, 1, 1, 0]);
    const stack = layer('encoder', 3, [
      [0.1, 0.2, 0.1, 0.3, 0.2, 0.1], // partly tracks
      [5, 5, 5, 5, 5, 5], // constant: left out
      [1, -1, 1, -1, -1, 1], // exactly anti-tracks: r = -1
    ]);
    const decoder = layer('decoder', 1, [[0, 1, 0, 1, 1, 0]]);
    const ranking = rankUnits([stack, decoder], 'h', pattern, 10);
    expect(ranking.searched).toBe(3);
    expect(ranking.constant).toBe(1);
    expect(ranking.ranked.map((u) => [u.layer, u.unit])).toEqual([
      [0, 2],
      [0, 0],
    ]);
    expect(ranking.ranked[0]!.r).toBeCloseTo(-1, 6);
    expect(ranking.ranked[1]!.r).toBeCloseTo(pearson(Float32Array.from([0.1, 0.2, 0.1, 0.3, 0.2, 0.1]), pattern)!, 12);
    expect(rankUnits([stack], 'h', pattern, 1).ranked).toHaveLength(1);
    expect(rankUnits([stack], 'c', pattern, 5).searched).toBe(0);
  });
});
