// The runs API through the dispatcher, with a real runner, worker threads and SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import { BackendService } from '../../../../core/node/backend/backend-service';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { callApi, createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
let statuses: ApiEvent<'run.status'>[];
beforeEach(() => {
  env = createTestBackend();
  statuses = [];
  env.backend.events.subscribe((event, payload) => {
    if (event === 'run.status') statuses.push(payload as ApiEvent<'run.status'>);
  });
});
afterEach(() => env.dispose());

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

const tinySpec = (steps: number) => ({
  seed: 2,
  task: { id: 'adding-problem', params: { length: 6 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 5 },
});

/** Resolves on the first status event of the run with that status, including ones already seen. */
function waitForStatus(runId: number, status: string): Promise<ApiEvent<'run.status'>> {
  const seen = statuses.find((s) => s.runId === runId && s.status === status);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const unsubscribe = env.backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && p.runId === runId && p.status === status) {
        unsubscribe();
        resolve(p);
      }
    });
  });
}

describe('runs API', () => {
  it('creates a run from a spec, trains it in a worker, and serves its metrics', async () => {
    const experiment = await call('experiments.create', { name: 'GRU on adding' });
    const progress: ApiEvent<'run.progress'>[] = [];
    env.backend.events.subscribe((event, payload) => {
      if (event === 'run.progress') progress.push(payload as ApiEvent<'run.progress'>);
    });
    const run = await call('runs.create', { experimentId: experiment.id, spec: tinySpec(20) });
    expect(run).toMatchObject({ totalSteps: 20, name: 'gru on adding-problem' });
    expect(['queued', 'running']).toContain(run.status);
    await waitForStatus(run.id as number, 'completed');

    const detail = await call('runs.get', { id: run.id });
    expect(detail).toMatchObject({ status: 'completed', step: 20 });
    expect((detail.spec as { model: { hiddenSize: number } }).model.hiddenSize).toBe(4);
    expect(detail.metricNames).toEqual(expect.arrayContaining(['train/loss']));
    const metrics = await env.backend.dispatcher.dispatch('runs.metrics', { id: run.id, names: ['train/loss'] });
    expect(metrics.ok && (metrics.value as { steps: number[] }[])[0]?.steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Each point's wall time travels with it (charts by wall or relative time): one per step, in logging order.
    const wallTimes = metrics.ok ? (metrics.value as { wallTimes?: number[] }[])[0]?.wallTimes : undefined;
    expect(wallTimes).toHaveLength(20);
    expect(wallTimes?.every((t, i) => t > 1e12 && (i === 0 || t >= (wallTimes[i - 1] ?? Infinity)))).toBe(true);
    expect(progress.length).toBeGreaterThan(0);

    // Gradient norms per time step were sampled at step 1 and every 5 steps, over T = 6 steps of one layer.
    const norms = await call('runs.gradientNorms', { id: run.id });
    expect(norms).toMatchObject({ layers: ['l0'], timeSteps: 6, sampledSteps: [1, 5, 10, 15, 20] });
    // A GRU has no cell state: no ‖∂L/∂c_t‖ grids, said as null rather than empty grids.
    expect(norms.cellValues).toBeNull();
    const grid = (norms.values as (number | null)[][])[0] as (number | null)[];
    expect(grid).toHaveLength(6);
    expect(grid.every((v) => v !== null && v >= 0)).toBe(true);
    expect(progress.at(-1)?.totalSteps).toBe(20);
  });

  it('logs an LSTM’s ‖∂L/∂c_t‖ beside its ‖∂L/∂h_t‖, and serves both grids on the same layers and steps', async () => {
    const experiment = await call('experiments.create', { name: 'LSTM cell-state gradients' });
    const spec = { ...tinySpec(10), model: { cell: 'lstm', hiddenSize: 4, numLayers: 2, bidirectional: true } };
    const run = await call('runs.create', { experimentId: experiment.id, spec });
    await waitForStatus(run.id as number, 'completed');
    const detail = await call<{ metricNames: string[] }>('runs.get', { id: run.id });
    expect(detail.metricNames).toEqual(expect.arrayContaining(['grad_c/l0/t0', 'grad_c/l1_reverse/t5', 'grad_h/l1_reverse/t5']));
    // The per-time-step norms are not learning curves: the metric history (charts, CSV) leaves both kinds out.
    const history = await call<{ names: string[] }>('runs.history', { id: run.id });
    expect(history.names).toContain('train/grad_norm');
    expect(history.names.some((name) => /^grad_[hc]\//.test(name))).toBe(false);
    const norms = await call<{ layers: string[]; sampledSteps: number[]; values: (number | null)[][]; cellValues: (number | null)[][] | null }>(
      'runs.gradientNorms',
      { id: run.id },
    );
    expect(norms).toMatchObject({ layers: ['l0', 'l0_reverse', 'l1', 'l1_reverse'], timeSteps: 6, sampledSteps: [1, 5, 10] });
    expect(norms.cellValues).toHaveLength(3);
    for (const [i, grid] of (norms.cellValues ?? []).entries()) {
      expect(grid).toHaveLength(norms.values[i]?.length ?? -1);
      expect(grid.every((v) => v !== null && v > 0)).toBe(true);
    }
  });

  it('refuses an invalid spec with every issue named under spec.', async () => {
    const experiment = await call('experiments.create', { name: 'bad specs' });
    const result = await env.backend.dispatcher.dispatch('runs.create', {
      experimentId: experiment.id,
      spec: { task: { id: 'adding-problem', params: { length: 1 } }, model: { hiddenSize: -2 } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['spec.model.hiddenSize']));
    expect(await call('runs.list', {})).toEqual([]);
  });

  it('stops a run and refuses to delete an active one', async () => {
    const experiment = await call('experiments.create', { name: 'long' });
    const run = await call('runs.create', { experimentId: experiment.id, spec: tinySpec(100_000) });
    await waitForStatus(run.id as number, 'running');
    const refused = await env.backend.dispatcher.dispatch('runs.delete', { id: run.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const stopped = waitForStatus(run.id as number, 'stopped');
    await call('runs.stop', { id: run.id });
    await stopped;
    expect(await call('runs.delete', { id: run.id })).toEqual({ deleted: true });
  });
});

describe('runs across restarts', () => {
  it('starts runs that were still queued when the backend last closed', async () => {
    const experiment = await call('experiments.create', { name: 'restart' });
    const parsed = parseExperimentSpec(tinySpec(5));
    if (!parsed.ok) throw new Error('tiny spec should be valid');
    // A queued run in the store, as if the app had closed before a worker was free for it.
    const stored = env.backend.store.runs.create({ experimentId: experiment.id as number, name: 'waiting', spec: parsed.spec, totalSteps: 5 });
    const second = new BackendService({ databasePath: env.databasePath, host: 'cli', concurrency: 1 });
    try {
      expect([...second.runner.activeRunIds, ...second.runner.queuedRunIds]).toContain(stored.id);
    } finally {
      await second.close();
    }
  });
});
