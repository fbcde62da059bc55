// `seqlab sweep` on a dataset imported with `seqlab data import`: the sweep's base names it by id, each trial
// trains on it; a trial that does not fit it is refused with exit 2 before anything is created.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetInfo, SweepDetail } from '../../../../core/common/api/entities';
import { createCliFixture, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

describe('seqlab sweep on an imported dataset', () => {
  it('trains every trial on the dataset, and refuses a trial that does not fit it', async () => {
    writeFileSync(join(fx.dir, 'levels.csv'), 'time,level\n' + Array.from({ length: 120 }, (_, t) => `${t},${Math.sin(t / 3).toFixed(4)}`).join('\n') + '\n');
    const imported = await fx.run(['data', 'import', 'levels.csv', '--window', '5', '--columns', 'level', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const { dataset } = imported.json<{ dataset: DatasetInfo }>();
    const base = {
      seed: 2,
      task: { dataset: dataset.id },
      model: { cell: 'gru', hiddenSize: 3 },
      training: { steps: 6, batchSize: 4, evalEvery: 3, evalBatches: 1, checkpointEvery: 3, gradNormsEvery: 0 },
    };

    const bad = await fx.run(['sweep', fx.writeJson('bad.json', { base, grid: { 'task.params.window': [4, 60] } })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/trials\.2\.task\.params\.window: .*does not fit in the smallest split/);
    expect((await fx.run(['list', '--json'])).json<{ runs: unknown[] }>().runs).toEqual([]);

    const outcome = await fx.run(['sweep', fx.writeJson('sizes.json', { base, grid: { 'model.hiddenSize': [2, 3] }, concurrency: 2 }), '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const { sweep } = outcome.json<{ sweep: SweepDetail }>();
    expect(sweep.runs.map((r) => [r.status, r.step, r.params['model.hiddenSize']])).toEqual([
      ['completed', 6, 2],
      ['completed', 6, 3],
    ]);
    expect(sweep.spec).toMatchObject({ base: { task: { dataset: dataset.id } } });
  }, 180_000);
});
