import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { mackeyGlass } from '../../../../core/common/tasks/mackey-glass';
import { mackeyGlassForecast } from '../../../../core/common/tasks/mackey-glass-forecast';
import { splitRange } from '../../../../core/common/data/series-split';

describe('Mackey–Glass forecasting', () => {
  const params = { tau: 17, window: 30, horizon: 3, sampleInterval: 1, seriesLength: 2000 };
  const task = mackeyGlassForecast.create(params);
  const series = Float32Array.from(mackeyGlass({ length: 2000 }));

  it('cuts each window and its continuation from the split it was asked for', () => {
    const rng = new Rng(3);
    for (const split of ['train', 'validation', 'test'] as const) {
      const [from, to] = splitRange(2000, split);
      for (let i = 0; i < 50; i++) {
        const e = task.sample(rng, split);
        if (e.kind !== 'sequence' || e.input.kind !== 'dense' || e.target.kind !== 'sequence-values') throw new Error('wrong kind');
        const { x } = e.input;
        const start = series.findIndex((v, k) => v === x[0] && series[k + 1] === x[1]);
        expect(start).toBeGreaterThanOrEqual(from);
        expect(start + 33).toBeLessThanOrEqual(to);
        expect(Array.from(e.target.values)).toEqual(Array.from(series.subarray(start + 30, start + 33)));
      }
    }
  });

  it('reports the persistence MSE that repeating the last value measures on validation batches', () => {
    const batch = task.batch(new Rng(4), 2000, 'validation');
    if (batch.kind !== 'sequence' || batch.input.kind !== 'dense' || batch.target.kind !== 'sequence-values') throw new Error('wrong kind');
    const { x } = batch.input;
    let sum = 0;
    for (let b = 0; b < 2000; b++) {
      const last = x[(29 * 2000 + b) * 1]!;
      for (let h = 0; h < 3; h++) sum += (batch.target.values[b * 3 + h]! - last) ** 2;
    }
    const measured = sum / 6000;
    expect(Math.abs(measured - task.baseline.value) / task.baseline.value).toBeLessThan(0.15);
  });
});
