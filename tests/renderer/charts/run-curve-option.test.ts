// A run chart: option (rebuilt on settings) and series updates (rebuilt on points).
import { describe, expect, it } from 'vitest';
import { curveAxisStyles, runCurveOption, runCurveUpdates } from '../../../renderer/src/charts/run-curve-option';

const colors = { text: '#000', grid: '#ccc' };
const loss = { label: 'Training loss', series: { name: 'train/loss', steps: [1, 2, 3], values: [4, 0, 1], wallTimes: [1000, 2000, 4000] } };
const raw = { smoothing: 0, logY: false, xAxis: 'step' as const };
const styles = { x: 'plain' as const, y: 'plain' as const };

describe('runCurveOption', () => {
  it('draws a raw line per curve, and with smoothing the smoothed line over a faint raw one of the same colour', () => {
    const plain = runCurveOption(['Training loss'], { yName: 'loss', view: raw, styles, baseline: null, colors });
    expect(plain.series.map((s) => s.id)).toEqual(['Training loss:raw']);
    expect(plain.series[0]?.lineStyle?.opacity).toBe(1);
    const smoothed = runCurveOption(['Training loss'], { yName: 'loss', view: { ...raw, smoothing: 0.6 }, styles, baseline: null, colors });
    expect(smoothed.series.map((s) => [s.id, s.name])).toEqual([
      ['Training loss:raw', 'Training loss (raw)'],
      ['Training loss:smoothed', 'Training loss'],
    ]);
    expect(smoothed.series[0]?.lineStyle?.opacity).toBeLessThan(0.5);
    expect(smoothed.series[0]?.color).toBe(smoothed.series[1]?.color);
  });

  it('switches the y-axis to log and the x-axis to time, and draws the baseline as a labelled line', () => {
    const option = runCurveOption(['Validation loss'], {
      yName: 'loss',
      view: { smoothing: 0, logY: true, xAxis: 'wall' },
      styles,
      baseline: { label: 'task baseline', value: 0.1667 },
      colors,
    });
    expect(option.yAxis.type).toBe('log');
    expect(option.xAxis.type).toBe('time');
    const first = option.series[0];
    const markLine = first && 'markLine' in first ? first.markLine : undefined;
    expect(markLine?.data).toEqual([{ yAxis: 0.1667, name: 'task baseline' }]);
    expect(markLine?.label.formatter).toBe('task baseline 0.167');
  });

  it('formats ticks in the style it is given and the tooltip in the one number format', () => {
    const option = runCurveOption(['Training loss'], { yName: 'loss', view: raw, styles: { x: 'si', y: 'scientific' }, baseline: null, colors });
    expect(option.xAxis.axisLabel?.formatter(20_000)).toBe('20k');
    expect(option.yAxis.axisLabel.formatter(0.01)).toBe('1e-2');
    expect(option.tooltip.formatter([{ seriesName: 'Training loss', marker: '', value: [1200, 0.123456] }])).toBe('step 1200<br>Training loss: 0.123');
  });
});

describe('runCurveUpdates', () => {
  it('sends [x, y] points with gaps where the log axis cannot draw, and the smoothed points beside them', () => {
    const updates = runCurveUpdates([loss], { smoothing: 0.5, logY: true, xAxis: 'relative' }, 1000);
    expect(updates[0]).toEqual({
      id: 'Training loss:raw',
      data: [
        [0, 4],
        [1, null],
        [3, 1],
      ],
      showSymbol: true,
    });
    // smoothing sees the raw 0: 4, then (1 + 0)/0.75, then (0.5·1 + 0.5)/0.875
    expect(updates[1]?.id).toBe('Training loss:smoothed');
    expect(updates[1]?.data).toEqual([
      [0, 4],
      [1, 1 / 0.75],
      [3, 1 / 0.875],
    ]);
  });

  it('gives the axes one tick style over what they show', () => {
    const big = { label: 'l', series: { name: 'train/loss', steps: [0, 20_000], values: [0.0002, 1] } };
    expect(curveAxisStyles([big], raw, null)).toEqual({ x: 'si', y: 'scientific' });
  });
});
