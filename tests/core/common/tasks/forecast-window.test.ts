import { describe, expect, it } from 'vitest';
import { persistenceMse, windowExample } from '../../../../core/common/tasks/forecast-window';

describe('forecast windows', () => {
  const series = Float64Array.from({ length: 20 }, (_, i) => i * i);

  it('takes W values in and the next H values out', () => {
    const e = windowExample(series, 3, 4, 2);
    if (e.input.kind !== 'dense' || e.target.kind !== 'sequence-values') throw new Error('wrong kind');
    expect(Array.from(e.input.x)).toEqual([9, 16, 25, 36]);
    expect(Array.from(e.target.values)).toEqual([49, 64]);
    expect(() => windowExample(series, 15, 4, 2)).toThrow(/\[15, 21\) is outside the series of 20/);
  });

  it('scores persistence over every window in range', () => {
    // x = 2t: the last value misses the h-th next by 2(h + 1), for every window
    const line = Float64Array.from({ length: 10 }, (_, t) => 2 * t);
    expect(persistenceMse(line, 0, 10, 3, 2)).toBeCloseTo((4 + 16) / 2, 10);
    expect(() => persistenceMse(line, 0, 4, 3, 2)).toThrow(/no window/);
  });

  it('refuses a range past the series instead of scoring missing values as NaN', () => {
    const line = Float64Array.from({ length: 10 }, (_, t) => 2 * t);
    expect(() => persistenceMse(line, 0, 12, 3, 2)).toThrow('persistenceMse: [0, 12) is outside the series of 10');
    expect(() => persistenceMse(line, -1, 10, 3, 2)).toThrow('persistenceMse: [-1, 10) is outside the series of 10');
  });
});
