// Deltas against a pinned baseline run, judged by the metric's direction.
import { describe, expect, it } from 'vitest';
import { baselineDeltas } from '../../../../../core/common/runs/compare/baseline-deltas';

describe('baselineDeltas', () => {
  const values = new Map<number, number | null>([
    [1, 0.5],
    [2, 0.25],
    [3, null],
    [4, 0.5],
  ]);

  it('states value − baseline, relative to |baseline|, better when lower for a loss', () => {
    const deltas = baselineDeltas(values, 1, 'lower');
    expect(deltas.get(1)).toEqual({ delta: 0, relative: 0, verdict: 'equal' });
    expect(deltas.get(2)).toEqual({ delta: -0.25, relative: -0.5, verdict: 'better' });
    expect(deltas.get(3)).toEqual({ delta: null, relative: null, verdict: null });
    expect(deltas.get(4)?.verdict).toBe('equal');
  });

  it('flips the verdict for a higher-is-better metric and gives none for a metric without direction', () => {
    expect(baselineDeltas(values, 1, 'higher').get(2)?.verdict).toBe('worse');
    expect(baselineDeltas(values, 1, null).get(2)).toEqual({ delta: -0.25, relative: -0.5, verdict: null });
  });

  it('gives no relative delta against a zero baseline, and refuses a baseline not compared', () => {
    expect(
      baselineDeltas(
        new Map([
          [1, 0],
          [2, 1],
        ]),
        1,
        'lower',
      ).get(2),
    ).toEqual({ delta: 1, relative: null, verdict: 'worse' });
    expect(() => baselineDeltas(values, 9, 'lower')).toThrow(/baseline run 9/);
  });
});
