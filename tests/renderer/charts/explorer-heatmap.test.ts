// The explorer heatmap: one cell per (step of the page, unit), labelled by the step's token, coloured over the signal's range.
import { describe, expect, it } from 'vitest';
import { unitsHeatmapOption } from '../../../renderer/src/charts/explorer-heatmap';

const colors = { text: '#000', grid: '#ccc' };

describe('unitsHeatmapOption', () => {
  it('puts unit j at step start + i in cell (i, j) and spans the range', () => {
    const option = unitsHeatmapOption(
      ['a', ' '],
      10,
      [
        [0.1, 0.2],
        [0.3, 0.4],
        [0.5, 0.6],
      ],
      { min: 0, max: 1, fixed: true },
      'f',
      colors,
    );
    expect(option.series[0]?.data).toEqual([
      [0, 0, 0.1],
      [1, 0, 0.2],
      [0, 1, 0.3],
      [1, 1, 0.4],
      [0, 2, 0.5],
      [1, 2, 0.6],
    ]);
    expect(option.xAxis.data).toEqual(['10: a', '11: ␣']);
    expect(option.yAxis.data).toEqual(['0', '1', '2']);
    expect([option.visualMap.min, option.visualMap.max]).toEqual([0, 1]);
  });

  it('refuses values that do not match the page', () => {
    expect(() => unitsHeatmapOption(['a'], 0, [[1, 2]], { min: 0, max: 1, fixed: true }, 'h', colors)).toThrow('unit 0 has 2 values for 1 steps');
  });
});
