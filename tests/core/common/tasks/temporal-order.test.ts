import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { TEMPORAL_ORDER_VOCABULARY, temporalOrderLabels, temporalOrderSample } from '../../../../core/common/tasks/temporal-order';

function read(rng: Rng, length: number, classes: 4 | 8): { text: string; label: number } {
  const e = temporalOrderSample(rng, length, classes);
  if (e.input.kind !== 'tokens' || e.target.kind !== 'sequence-class') throw new Error('wrong kind');
  return { text: TEMPORAL_ORDER_VOCABULARY.decodeText(e.input.ids), label: e.target.id };
}

describe('temporal order', () => {
  it.each([
    [
      4,
      [
        [9, 19],
        [49, 59],
      ],
    ],
    [
      8,
      [
        [9, 19],
        [32, 42],
        [65, 75],
      ],
    ],
  ] as const)('with %i classes puts X / Y only in the paper windows and labels their order', (classes, windows) => {
    const rng = new Rng(classes);
    const n = 4000;
    const counts = new Array<number>(classes).fill(0);
    const lengths = new Set<number>();
    const wrong: string[] = [];
    for (let i = 0; i < n; i++) {
      const { text, label } = read(rng, 100, classes);
      lengths.add(text.length);
      const relevant = [...text.matchAll(/[XY]/g)];
      const inWindows =
        relevant.length === windows.length && relevant.every((m, k) => (m.index ?? -1) >= windows[k]![0] && (m.index ?? Infinity) <= windows[k]![1]);
      const framed = /^B[abcdXY]+E$/.test(text);
      if (!inWindows || !framed || temporalOrderLabels(classes)[label] !== relevant.map((m) => m[0]).join('')) wrong.push(`${text} → ${label}`);
      counts[label]!++;
    }
    expect(wrong).toEqual([]);
    expect(Math.min(...lengths)).toBe(100);
    expect(Math.max(...lengths)).toBe(110);
    // classes are balanced: each within ±4 standard deviations of n / K
    for (const c of counts) expect(Math.abs(c - n / classes)).toBeLessThan(4 * Math.sqrt(n / classes));
  });

  it('labels 4 classes XX, XY, YX, YY in id order', () => {
    expect(temporalOrderLabels(4)).toEqual(['XX', 'XY', 'YX', 'YY']);
    expect(temporalOrderLabels(8)[5]).toBe('YXY');
  });
});
