// The comparison CSV: one metric of each run at every logged step, numbers exact (round-trip), names quoted.
import { describe, expect, it } from 'vitest';
import { comparisonCsv } from '../../../../../core/common/runs/compare/comparison-csv';

describe('comparisonCsv', () => {
  it('writes each run’s logged values exactly, skips steps without the metric, quotes a name with a comma', () => {
    const exact = 0.1 + 0.2; // 0.30000000000000004: must not come out rounded
    const csv = comparisonCsv(
      [
        {
          runId: 1,
          label: 'lstm, seed 1',
          history: {
            names: ['train/loss', 'val/loss'],
            rows: [
              { step: 1, wallTime: 1000, values: [0.9, null] },
              { step: 2, wallTime: 2000, values: [0.8, exact] },
            ],
          },
        },
        { runId: 2, label: 'gru', history: { names: ['val/loss'], rows: [{ step: 2, wallTime: 3000, values: ['NaN'] }] } },
        { runId: 3, label: 'none', history: { names: ['train/loss'], rows: [{ step: 1, wallTime: 1, values: [1] }] } },
      ],
      'val/loss',
    );
    expect(csv).toBe('run_id,run,step,wall_time_ms,val/loss\r\n1,"lstm, seed 1",2,2000,0.30000000000000004\r\n2,gru,2,3000,NaN\r\n');
    expect(Number(csv.split('\r\n')[1]!.split(',').at(-1))).toBe(exact);
  });
});
