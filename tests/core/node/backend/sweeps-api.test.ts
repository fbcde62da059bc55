// The sweeps API through the dispatcher: one queued run per trial, the sweep's concurrency limit held
// by the scheduler (also across a restart), and the sweep read back with values and results.
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { SweepDetail } from '../../../../core/common/api/entities';
import { parseSweepSpec } from '../../../../core/common/spec/sweep-spec';
import { BackendService } from '../../../../core/node/backend/backend-service';
import { openStore } from '../../../../core/node/store/store';
import { createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

const call = async <T = Record<string, unknown>>(backend: BackendService, name: string, payload: unknown): Promise<T> => {
  const result = await backend.dispatcher.dispatch(name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
};

const base = (steps: number) => ({
  task: { id: 'adding-problem', params: { length: 5 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 0 },
});

function waitForStatus(backend: BackendService, runId: number, status: string): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && p.runId === runId && p.status === status) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('sweeps API', () => {
  it('creates one queued run per trial and starts at most `concurrency` of them, the next when one ends', async () => {
    const experiment = await call<{ id: number }>(env.backend, 'experiments.create', { name: 'sweep' });
    const sweep = { base: base(100_000), grid: { 'model.hiddenSize': [2, 3, 4] }, concurrency: 1 };
    const { sweepId, runIds } = await call<{ sweepId: number; runIds: number[] }>(env.backend, 'sweeps.create', { experimentId: experiment.id, sweep });
    expect(runIds).toHaveLength(3);
    const withRunner = () => [...env.backend.runner.activeRunIds, ...env.backend.runner.queuedRunIds];
    expect(withRunner()).toEqual([runIds[0]]);

    const secondRunning = waitForStatus(env.backend, runIds[1] as number, 'running');
    await call(env.backend, 'runs.stop', { id: runIds[0] });
    await secondRunning;
    expect(withRunner()).toEqual([runIds[1]]);

    const detail = await call<SweepDetail>(env.backend, 'sweeps.get', { id: sweepId });
    expect(detail).toMatchObject({ id: sweepId, strategy: 'grid', fields: ['model.hiddenSize'], concurrency: 1 });
    expect(detail.runs.map((r) => [r.id, r.status, r.params['model.hiddenSize']])).toEqual([
      [runIds[0], 'stopped', 2],
      [runIds[1], 'running', 3],
      [runIds[2], 'queued', 4],
    ]);
  });

  it('keeps a sweep within its limit when a restarted backend picks up its queued runs', async () => {
    // A sweep whose four runs were all still queued when the app closed.
    const path = join(dirname(env.databasePath), 'restart.db');
    const store = openStore(path);
    const experiment = store.experiments.create({ name: 'restart' });
    if (!experiment.ok) throw new Error(experiment.message);
    const parsed = parseSweepSpec({ base: base(100_000), grid: { seed: [1, 2, 3, 4] }, concurrency: 2 });
    if (!parsed.ok) throw new Error('the sweep should be valid');
    const sweep = store.sweeps.create({ experimentId: experiment.value.id, spec: parsed.sweep });
    const runIds = parsed.trials.map((t) => store.runs.create({ experimentId: experiment.value.id, name: `#${t.index}`, spec: t.spec, sweepId: sweep.id }).id);
    store.close();

    const restarted = new BackendService({ databasePath: path, host: 'serve', concurrency: 4 });
    try {
      expect([...restarted.runner.activeRunIds, ...restarted.runner.queuedRunIds]).toEqual(runIds.slice(0, 2));
    } finally {
      await restarted.close();
    }
  });

  it('refuses an invalid sweep with each issue under sweep., and stores nothing', async () => {
    const experiment = await call<{ id: number }>(env.backend, 'experiments.create', { name: 'bad' });
    const result = await env.backend.dispatcher.dispatch('sweeps.create', {
      experimentId: experiment.id,
      sweep: { base: base(10), grid: { 'model.hiddenSize': [0] } },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'sweep.trials.1.model.hiddenSize' }] } });
    expect(await call<unknown[]>(env.backend, 'runs.list', {})).toEqual([]);
    expect(await env.backend.dispatcher.dispatch('sweeps.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
