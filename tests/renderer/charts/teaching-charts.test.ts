// The teaching charts' data: a log axis gets gaps for values it cannot show, the profile is indexed from t = 1, and
// the store's curve thinning keeps the newest points and the first one.
import { describe, expect, it } from 'vitest';
import { lossChartOption, profileChartOption, thin } from '../../../renderer/src/charts/teaching-charts';
import { appendPoints } from '../../../renderer/src/stores/teaching-store';

const colors = { text: '#000', grid: '#ccc' };

describe('teaching charts', () => {
  it('draws non-positive and non-finite values as gaps on the log axes', () => {
    const loss = lossChartOption(
      [
        [1, 0.5],
        [2, null],
        [3, 0],
      ],
      colors,
    );
    expect(loss.yAxis.type).toBe('log');
    expect(loss.series[0]?.data).toEqual([
      [1, 0.5],
      [2, null],
      [3, null],
    ]);
    expect(profileChartOption([0.1, Number.NaN], colors).series[0]?.data).toEqual([
      [1, 0.1],
      [2, null],
    ]);
    expect(profileChartOption(null, colors).series[0]?.data).toEqual([]);
  });

  it('draws at most the limit of points, the first and last among them', () => {
    const points = Array.from({ length: 1001 }, (_, i) => i);
    const drawn = thin(points, 100);
    expect(drawn.length).toBeLessThanOrEqual(101);
    expect([drawn[0], drawn.at(-1)]).toEqual([0, 1000]);
    expect(thin(points.slice(0, 50), 100)).toHaveLength(50);
  });

  it('thins the older half of a curve past its limit and keeps every new point', () => {
    const curve = Array.from({ length: 8 }, (_, i) => [i + 1, 1] as const);
    const next = appendPoints(
      curve,
      [
        [9, 1],
        [10, 1],
      ],
      8,
    );
    expect(next.length).toBeLessThanOrEqual(8);
    expect(next.at(0)?.[0]).toBe(1);
    expect(next.slice(-5).map(([s]) => s)).toEqual([6, 7, 8, 9, 10]);
  });
});
