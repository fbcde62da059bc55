// sweeps.list through the dispatcher on a real SQLite file: newest first, filtered by experiment, each
// sweep with its strategy, fields, trial count and how many of its runs are in each status; and sweeps.stop.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { SweepSummary } from '../../../../core/common/api/entities';
import { callApi, createTestBackend, refusalOf } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

// Long enough that nothing finishes during the test: the statuses are the scheduler's, not the trainer's.
const base = {
  task: { id: 'adding-problem', params: { length: 5 } },
  model: { cell: 'gru', hiddenSize: 4 },
  training: { steps: 100_000, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 0 },
};

describe('sweeps.list', () => {
  it('lists sweeps newest first with trial counts and runs per status, optionally of one experiment', async () => {
    const first = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'first' });
    const second = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'second' });
    const grid = await callApi<{ sweepId: number; runIds: number[] }>(env.backend, 'sweeps.create', {
      experimentId: first.id,
      sweep: { name: 'width × lr', base, grid: { 'model.hiddenSize': [2, 3], 'training.learningRate': [0.01, 0.001] }, concurrency: 1 },
    });
    const random = await callApi<{ sweepId: number; runIds: number[] }>(env.backend, 'sweeps.create', {
      experimentId: second.id,
      sweep: { base, random: { trials: 2, fields: { seed: [1, 2, 3] } } },
    });
    const stopped = new Promise<void>((resolve) => {
      const unsubscribe = env.backend.events.subscribe((event, payload) => {
        const p = payload as ApiEvent<'run.status'>;
        if (event === 'run.status' && p.runId === grid.runIds[0] && p.status === 'stopped') {
          unsubscribe();
          resolve();
        }
      });
    });
    await callApi(env.backend, 'runs.stop', { id: grid.runIds[0] });
    await stopped;

    const all = await callApi<SweepSummary[]>(env.backend, 'sweeps.list', {});
    expect(all.map((s) => s.id)).toEqual([random.sweepId, grid.sweepId].sort((a, b) => b - a));

    const [ofFirst] = await callApi<SweepSummary[]>(env.backend, 'sweeps.list', { experimentId: first.id });
    expect(ofFirst).toMatchObject({
      id: grid.sweepId,
      experimentId: first.id,
      name: 'width × lr',
      strategy: 'grid',
      fields: ['model.hiddenSize', 'training.learningRate'],
      trialCount: 4,
    });
    expect(typeof ofFirst?.createdAt).toBe('number');
    const counts: Partial<Record<string, number>> = ofFirst?.statusCounts ?? {};
    expect(counts).toMatchObject({ stopped: 1, completed: 0, failed: 0 });
    expect((counts.running ?? 0) + (counts.queued ?? 0)).toBe(3);
    expect(Object.values(counts).reduce((a: number, b) => a + (b ?? 0), 0)).toBe(4);

    const ofSecond = await callApi<SweepSummary[]>(env.backend, 'sweeps.list', { experimentId: second.id });
    expect(ofSecond).toHaveLength(1);
    expect(ofSecond[0]).toMatchObject({ id: random.sweepId, name: `Sweep ${random.sweepId}`, strategy: 'random', fields: ['seed'], trialCount: 2 });
    // (the app-wide single worker may already have taken one of them)
    const secondCounts = ofSecond[0]?.statusCounts;
    expect((secondCounts?.queued ?? 0) + (secondCounts?.running ?? 0)).toBe(2);
  });

  it('is empty for an experiment without sweeps and refuses a malformed filter', async () => {
    const experiment = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'none' });
    expect(await callApi(env.backend, 'sweeps.list', { experimentId: experiment.id })).toEqual([]);
    expect(await refusalOf(env.backend, 'sweeps.list', { experimentId: 0 })).toMatchObject({ code: 'invalid-request' });
  });

  it('lists a damaged sweep beside the readable one, carrying the storage error that names the field; sweeps.get refuses it', async () => {
    const experiment = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'damaged' });
    // stopped at once: what is read is the stored record (its concurrency 0 below fails the sweep schema)
    const sweep = { base, grid: { 'model.hiddenSize': [2, 3] }, concurrency: 1 };
    const good = await callApi<{ sweepId: number; runIds: number[] }>(env.backend, 'sweeps.create', {
      experimentId: experiment.id,
      sweep: { ...sweep, name: 'good' },
    });
    const bad = await callApi<{ sweepId: number; runIds: number[] }>(env.backend, 'sweeps.create', {
      experimentId: experiment.id,
      sweep: { ...sweep, name: 'bad' },
    });
    await callApi(env.backend, 'sweeps.stop', { id: good.sweepId });
    await callApi(env.backend, 'sweeps.stop', { id: bad.sweepId });
    const db = new Database(env.databasePath);
    try {
      db.prepare("UPDATE sweeps SET spec = json_set(spec, '$.concurrency', 0) WHERE id = ?").run(bad.sweepId);
    } finally {
      db.close();
    }

    const listed = await callApi<SweepSummary[]>(env.backend, 'sweeps.list', { experimentId: experiment.id });
    expect(listed.map((s) => s.id)).toEqual([bad.sweepId, good.sweepId]);
    expect(listed[1]).toMatchObject({ name: 'good', strategy: 'grid', fields: ['model.hiddenSize'], trialCount: 2, problem: null });
    const damaged = listed[0];
    expect(damaged).toMatchObject({ id: bad.sweepId, name: `Sweep ${bad.sweepId}`, strategy: null, fields: [], trialCount: null });
    expect(damaged?.problem).toMatch(new RegExp(`^The stored spec of sweep ${bad.sweepId} does not pass the spec schema`));
    expect(damaged?.problem).toContain('concurrency');
    expect(Object.values(damaged?.statusCounts ?? {}).reduce((a: number, b) => a + (b ?? 0), 0)).toBe(2);

    const refused = await refusalOf(env.backend, 'sweeps.get', { id: bad.sweepId });
    expect(refused).toMatchObject({ code: 'storage', message: damaged?.problem });
  });

  it('stops a sweep: its training and waiting runs all end stopped, and none starts after', async () => {
    const experiment = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'stopping' });
    const sweep = await callApi<{ sweepId: number; runIds: number[] }>(env.backend, 'sweeps.create', {
      experimentId: experiment.id,
      sweep: { base, grid: { 'model.hiddenSize': [2, 3, 4] }, concurrency: 1 },
    });
    const ended = new Set<number>();
    const allEnded = new Promise<void>((resolve) => {
      const unsubscribe = env.backend.events.subscribe((event, payload) => {
        const p = payload as ApiEvent<'run.status'>;
        if (event === 'run.status' && sweep.runIds.includes(p.runId) && p.status === 'stopped') ended.add(p.runId);
        if (ended.size === sweep.runIds.length) {
          unsubscribe();
          resolve();
        }
      });
    });
    expect(await callApi(env.backend, 'sweeps.stop', { id: sweep.sweepId })).toEqual({ stopped: 3 });
    await allEnded;
    // Give the scheduler its chance to (wrongly) start a waiting trial.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [summary] = await callApi<SweepSummary[]>(env.backend, 'sweeps.list', { experimentId: experiment.id });
    expect(summary?.statusCounts).toMatchObject({ stopped: 3, queued: 0, running: 0, paused: 0 });
    expect(await callApi(env.backend, 'sweeps.stop', { id: sweep.sweepId })).toEqual({ stopped: 0 });
    expect(await refusalOf(env.backend, 'sweeps.stop', { id: 999 })).toMatchObject({ code: 'not-found' });
  });
});
