// The gradient heatmap: log colour scale shared by every snapshot, row names, the unmeasured lead of truncated BPTT.
import { describe, expect, it } from 'vitest';
import { gradientColorRange, gradientHeatmapOption, gradientRowLabel, unmeasuredLead } from '../../../renderer/src/charts/gradient-heatmap';

const colors = { text: '#000', grid: '#ccc' };
const base = { rowLabels: ['layer 1 →', 'layer 1 ←'], range: { min: -1, max: 2 }, quantity: 'h' as const, leadNote: null, colors };

describe('gradientHeatmapOption', () => {
  it('places ‖∂L/∂h_t‖ on a log10 scale by (t, row), keeping the value for the tooltip; zero and unmeasured cells are empty', () => {
    const option = gradientHeatmapOption({ ...base, values: [1, 10, 100, 0, 0.1, null], rows: 2, steps: 3 });
    expect(option.series[0]?.data).toEqual([
      [0, 0, 0, 1],
      [1, 0, 1, 10],
      [2, 0, 2, 100],
      [0, 1, null, 0],
      [1, 1, -1, 0.1],
      [2, 1, null, null],
    ]);
    expect(option.yAxis.data).toEqual(['layer 1 →', 'layer 1 ←']);
    expect(option.tooltip.formatter({ value: [1, 1, -1, 0.1] })).toBe('‖∂L/∂hₜ‖ of layer 1 ←, t = 1: 0.1');
    expect(option.tooltip.formatter({ value: [2, 1, null, null] })).toBe('‖∂L/∂hₜ‖ of layer 1 ←, t = 2: not measured');
  });

  it('uses the colour range it is given, not the snapshot’s own, with the legend beside the plot rather than under the axis', () => {
    const option = gradientHeatmapOption({ ...base, values: [1, 1, 1, 1], rows: 2, steps: 2, range: { min: -3, max: 4 } });
    expect([option.visualMap.min, option.visualMap.max]).toEqual([-3, 4]);
    expect(option.visualMap.orient).toBe('vertical');
    expect(option.grid.right).toBeGreaterThanOrEqual(option.visualMap.itemWidth + 48);
    expect([option.visualMap.formatter(-3), option.visualMap.formatter(4)]).toEqual(['0.001', '10k']);
  });

  it('names the unmeasured leading steps on the chart when given words for them', () => {
    const values = [null, null, 1, 2, null, null, 3, 4];
    const option = gradientHeatmapOption({ ...base, values, rows: 2, steps: 4, leadNote: 'truncated BPTT' });
    expect(option.series[0]?.markArea?.data).toEqual([[{ xAxis: '0' }, { xAxis: '1' }]]);
    expect(option.series[0]?.markArea?.label.formatter).toBe('truncated BPTT');
    expect(gradientHeatmapOption({ ...base, values: [1, 2, 3, 4], rows: 2, steps: 2, leadNote: 'x' }).series[0]?.markArea).toBeUndefined();
  });

  it('refuses values that do not fill rows × steps, and labels that do not name every row', () => {
    expect(() => gradientHeatmapOption({ ...base, values: [1, 2, 3], rows: 2, steps: 2 })).toThrow('3 values for 2 × 2');
    expect(() => gradientHeatmapOption({ ...base, rowLabels: ['a'], values: [1, 2], rows: 2, steps: 1 })).toThrow('1 row labels for 2 rows');
  });

  it("leaves room for long labels such as an encoder–decoder's", () => {
    expect(gradientHeatmapOption({ ...base, rowLabels: ['l0', 'l1'], values: [1, 2], rows: 2, steps: 1 }).grid.left).toBe(72);
    expect(gradientHeatmapOption({ ...base, rowLabels: ['encoder layer 1 ←', 'decoder'], values: [1, 2], rows: 2, steps: 1 }).grid.left).toBe(12 + 7 * 17);
  });
});

describe('gradientColorRange', () => {
  it('spans every positive finite value of every snapshot', () => {
    expect(gradientColorRange([[1, 10, null], [0.01, 0, Number.NaN], [1000]])).toEqual({ min: -2, max: 3 });
  });
  it('gives a unit range to a constant or empty set', () => {
    expect(gradientColorRange([[10, 10]])).toEqual({ min: 1, max: 2 });
    expect(gradientColorRange([[null, 0]])).toEqual({ min: 0, max: 1 });
  });
});

describe('gradientRowLabel', () => {
  it('counts layers from 1 with the direction as an arrow, and says encoder beside a decoder', () => {
    expect(gradientRowLabel('l0', false)).toBe('layer 1 →');
    expect(gradientRowLabel('l1_reverse', false)).toBe('layer 2 ←');
    expect(gradientRowLabel('l0', true)).toBe('encoder layer 1 →');
    expect(gradientRowLabel('decoder', true)).toBe('decoder');
  });
});

describe('unmeasuredLead', () => {
  it('is the run of leading steps with no value in any row', () => {
    expect(unmeasuredLead([null, null, 1, null, 5, 2], 2, 3)).toBe(1);
    expect(unmeasuredLead([1, 2, 3, 4], 2, 2)).toBeNull();
    expect(unmeasuredLead([null, null], 1, 2)).toBeNull();
  });
});
