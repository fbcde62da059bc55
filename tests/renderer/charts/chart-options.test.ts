// The chart option builders: pure data in, ECharts options out.
import { describe, expect, it } from 'vitest';
import { attentionHeatmapOption, curveChartOption } from '../../../renderer/src/charts/chart-options';

const colors = { text: '#000', grid: '#ccc' };

describe('curveChartOption', () => {
  it('draws one line per series, with [step, value] points', () => {
    const option = curveChartOption(
      [
        { label: 'run 1 · loss', steps: [1, 2, 3], values: [0.9, 0.5, 0.2] },
        { label: 'run 2 · loss', steps: [1, 2], values: [1.1, 0.7] },
      ],
      { yName: 'loss', colors },
    );
    expect(option.series.map((s) => s.name)).toEqual(['run 1 · loss', 'run 2 · loss']);
    expect(option.series[0]?.data).toEqual([
      [1, 0.9],
      [2, 0.5],
      [3, 0.2],
    ]);
    expect(option.yAxis.type).toBe('value');
  });

  it('turns NaN, Inf and (on a log axis) non-positive values into gaps rather than breaking the chart', () => {
    const option = curveChartOption([{ label: 'diverged', steps: [1, 2, 3, 4], values: [0.5, 0, Number.NaN, Infinity] }], {
      yName: 'loss',
      logY: true,
      colors,
    });
    expect(option.yAxis.type).toBe('log');
    expect(option.series[0]?.data).toEqual([
      [1, 0.5],
      [2, null],
      [3, null],
      [4, null],
    ]);
  });

  it('marks the points of sparse curves (a lone validation point would be invisible), not of dense ones', () => {
    const dense = { label: 'train', steps: Array.from({ length: 500 }, (_, i) => i + 1), values: Array.from({ length: 500 }, () => 1) };
    const option = curveChartOption([dense, { label: 'val', steps: [40], values: [0.3] }], { yName: 'loss', colors });
    expect(option.series.map((s) => s.showSymbol)).toEqual([false, true]);
  });

  it('writes ticks and tooltip values in the one number format, one style per axis', () => {
    const option = curveChartOption([{ label: 'loss', steps: [0, 10_000, 20_000], values: [2.5, 0.0004, 0.1] }], { yName: 'loss', colors });
    expect([0, 10_000, 20_000].map(option.xAxis.axisLabel.formatter)).toEqual(['0', '10k', '20k']);
    expect([0.0001, 0.01, 1].map(option.yAxis.axisLabel.formatter)).toEqual(['1e-4', '1e-2', '1e0']);
    expect(option.tooltip.valueFormatter(0.123456)).toBe('0.123');
  });
});

describe('attentionHeatmapOption', () => {
  it('puts source tokens on x, generated tokens on y (first at the top) and α in each cell', () => {
    const option = attentionHeatmapOption(
      ['a', 'b', 'c'],
      ['c', 'b'],
      [
        [0.1, 0.2, 0.7],
        [0.2, 0.6, 0.2],
      ],
      colors,
    );
    expect(option.xAxis.data).toEqual(['a', 'b', 'c']);
    expect(option.yAxis).toMatchObject({ data: ['c', 'b'], inverse: true });
    expect(option.series[0]?.data).toEqual([
      [0, 0, 0.1],
      [1, 0, 0.2],
      [2, 0, 0.7],
      [0, 1, 0.2],
      [1, 1, 0.6],
      [2, 1, 0.2],
    ]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 1 });
    expect(option.tooltip.formatter({ value: [2, 0, 0.7] })).toBe('c ← c: α = 0.7');
  });

  it('refuses weights that do not match the tokens', () => {
    expect(() => attentionHeatmapOption(['a'], ['x', 'y'], [[1]], colors)).toThrow(/1 rows of weights for 2 generated/);
    expect(() => attentionHeatmapOption(['a', 'b'], ['x'], [[1]], colors)).toThrow(/row 0 has 1 weights for 2 source/);
  });
});
