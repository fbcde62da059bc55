// The Studies view's figure option: a line per series through the means, faint min and max lines where seeds
// differ, the baseline dashed across the panel, log axes as the figure asks with values ≤ 0 left as gaps.
import { describe, expect, it } from 'vitest';
import { axisNumber, studyFigureOption } from '../../../renderer/src/charts/study-chart';

const colors = { text: '#111', grid: '#eee' };
const figure = {
  id: 'loss',
  title: 'MSE against T',
  xLabel: 'T',
  yLabel: 'final MSE',
  xLog: false,
  yLog: true,
  baselineNote: null,
  panels: [
    {
      label: null,
      series: [
        {
          label: 'LSTM',
          points: [
            { x: 30, mean: 0.001, min: 0.0005, max: 0.0015, sd: 0.0007, n: 2 },
            { x: 100, mean: 0.01, min: 0.01, max: 0.01, sd: null, n: 1 },
          ],
        },
        { label: 'tanh', points: [{ x: 30, mean: 0, min: 0, max: 0, sd: null, n: 1 }] },
      ],
      baselines: [{ value: 1 / 6, metric: 'val/loss' }],
    },
  ],
};

describe('studyFigureOption', () => {
  it('draws means, min and max where seeds differ, and the baseline across the x range', () => {
    const panel = figure.panels[0];
    if (!panel) throw new Error('no panel');
    const option = studyFigureOption(figure, panel, colors);
    expect(option.yAxis.type).toBe('log');
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      [
        'LSTM',
        [
          [30, 0.001],
          [100, 0.01],
        ],
      ],
      [
        'LSTM',
        [
          [30, 0.0005],
          [100, 0.01],
        ],
      ],
      [
        'LSTM',
        [
          [30, 0.0015],
          [100, 0.01],
        ],
      ],
      // 0 cannot sit on a log axis: a gap, not a guess
      ['tanh', [[30, null]]],
      [
        'baseline 0.1667',
        [
          [30, 1 / 6],
          [100, 1 / 6],
        ],
      ],
    ]);
    expect(option.series[4]?.lineStyle).toMatchObject({ type: 'dashed' });
  });
});

describe('axisNumber', () => {
  it('writes tiny and huge ticks in exponent form, others plainly', () => {
    expect([axisNumber(1e-20), axisNumber(0.001), axisNumber(0.25), axisNumber(200), axisNumber(1e6), axisNumber(0)]).toEqual([
      '1e-20',
      '0.001',
      '0.25',
      '200',
      '1e+6',
      '0',
    ]);
  });
});
