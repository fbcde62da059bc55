// Sweeps over an imported dataset, through the dispatcher on a temporary SQLite file: every trial resolves
// `task.dataset` as a single run does (the dataset's task, its window, the run recorded against the dataset)
// and trains in the real runner's workers; a trial that does not fit the data, or a missing dataset, is refused
// by trial and field with nothing created.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResponse } from '../../../../core/common/api/contract';
import type { SweepDetail } from '../../../../core/common/api/entities';
import type { ApiErrorBody } from '../../../../core/common/api/result';
import { callApi, createTestBackend, refusalOf } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
let dir: string;
beforeAll(() => {
  env = createTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'seqlab-sweep-data-'));
});
afterAll(async () => {
  await env.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

const refusal = (name: string, payload: unknown): Promise<ApiErrorBody> => refusalOf(env.backend, name, payload);

const csv = 'hour,temp\n' + Array.from({ length: 150 }, (_, t) => `${t},${(20 + 4 * Math.sin(t / 5)).toFixed(3)}`).join('\n') + '\n';
const training = { steps: 8, batchSize: 4, evalEvery: 4, evalBatches: 1, checkpointEvery: 4, gradNormsEvery: 0 };

function ended(runIds: readonly number[]): Promise<void> {
  const waiting = new Set(runIds);
  return new Promise((resolve) => {
    const unsubscribe = env.backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event !== 'run.status' || !['completed', 'failed', 'diverged', 'stopped'].includes(p.status)) return;
      waiting.delete(p.runId);
      if (waiting.size === 0) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('sweeps over an imported dataset', () => {
  it('resolves the dataset for every trial and trains each on it', async () => {
    writeFileSync(join(dir, 'temps.csv'), csv);
    const { dataset } = await call<ApiResponse<'datasets.import'>>('datasets.import', {
      path: join(dir, 'temps.csv'),
      options: { kind: 'series', columns: ['temp'], window: 8 },
    });
    const experiment = await call<{ id: number }>('experiments.create', { name: 'sweep on data' });
    const sweep = {
      name: 'window',
      base: { seed: 3, task: { dataset: dataset.id }, model: { cell: 'gru', hiddenSize: 3 }, training },
      grid: { 'task.params.window': [4, 6] },
    };
    const { sweepId, runIds } = await call<{ sweepId: number; runIds: number[] }>('sweeps.create', { experimentId: experiment.id, sweep });
    expect(runIds).toHaveLength(2);
    for (const [i, runId] of runIds.entries()) {
      const run = env.backend.store.runs.get(runId);
      expect(run?.datasetId).toBe(dataset.id);
      expect((run?.spec as { task: unknown }).task).toEqual({ id: 'dataset-series', dataset: dataset.id, params: { window: [4, 6][i], horizon: 1 } });
    }
    await ended(runIds);
    const detail = await call<SweepDetail>('sweeps.get', { id: sweepId });
    expect(detail.runs.map((r) => [r.status, r.step, r.params['task.params.window']])).toEqual([
      ['completed', 8, 4],
      ['completed', 8, 6],
    ]);
    expect(detail.runs.every((r) => r.results.finalValLoss !== null)).toBe(true);
  }, 180_000);

  it('refuses a trial whose window does not fit the data, and a dataset that does not exist, creating nothing', async () => {
    const [dataset] = await call<ApiResponse<'datasets.list'>>('datasets.list', {});
    const experiment = await call<{ id: number }>('experiments.create', { name: 'bad sweeps' });
    const base = { task: { dataset: dataset?.id }, model: { cell: 'gru', hiddenSize: 3 }, training };
    const before = env.backend.store.runs.list({}).length;

    const tooLong = await refusal('sweeps.create', { experimentId: experiment.id, sweep: { base, grid: { 'task.params.window': [4, 40] } } });
    expect(tooLong.code).toBe('invalid-request');
    expect(tooLong.issues).toEqual([{ path: 'sweep.trials.2.task.params.window', message: expect.stringContaining('does not fit in the smallest split') }]);

    const missing = await refusal('sweeps.create', {
      experimentId: experiment.id,
      sweep: { base: { ...base, task: { dataset: 999 } }, grid: { 'model.hiddenSize': [2, 3] } },
    });
    expect(missing.issues?.[0]).toEqual({ path: 'sweep.base.task.dataset', message: expect.stringContaining('there is no dataset #999') });

    // a grid over the dataset itself: each trial reads its own (here one exists, one does not)
    const mixed = await refusal('sweeps.create', { experimentId: experiment.id, sweep: { base, grid: { 'task.dataset': [dataset?.id, 998] } } });
    expect(mixed.issues).toEqual([{ path: 'sweep.trials.2.task.dataset', message: expect.stringContaining('there is no dataset #998') }]);
    expect(env.backend.store.runs.list({})).toHaveLength(before);
  });
});
