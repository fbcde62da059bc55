// A chart's CSV: the raw plotted points with a header naming run, series and x-axis.
import { describe, expect, it } from 'vitest';
import { chartCsv } from '../../../renderer/src/charts/chart-csv';

describe('chartCsv', () => {
  it('writes one row per point in full precision, an empty cell for a missing value, quoting what needs it', () => {
    const csv = chartCsv('step', [
      { run: 'run 1 · lstm, small', series: 'train/loss', x: [1, 2], values: [0.1 + 0.2, null] },
      { run: 'run 1 · lstm, small', series: 'val/loss', x: [2], values: [Number.NaN] },
    ]);
    expect(csv).toBe(
      'run,series,step,value\r\n"run 1 · lstm, small",train/loss,1,0.30000000000000004\r\n"run 1 · lstm, small",train/loss,2,\r\n"run 1 · lstm, small",val/loss,2,NaN\r\n',
    );
  });

  it('refuses a series whose x and values differ in length', () => {
    expect(() => chartCsv('step', [{ run: 'r', series: 's', x: [1], values: [] }])).toThrow('s has 1 x values for 0 values');
  });
});
