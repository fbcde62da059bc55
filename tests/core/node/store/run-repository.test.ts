// Runs: creation in `queued`, filters, status stamps, the status CHECK, and start-up interruption.

import { describe, expect, test } from 'vitest';
import { INTERRUPTED_MESSAGE } from '../../../../core/node/store/run-repository';
import type { Store } from '../../../../core/node/store/store';
import { ENDED_STATUSES, RUN_STATUSES, type RunStatus } from '../../../../core/node/store/types';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();

function experiment(store: Store, name = 'e'): number {
  const result = store.experiments.create({ name });
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}

describe('RunRepository', () => {
  test('create stores the spec as a queued run, and get returns it', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    const spec = { model: { cell: 'lstm', hidden: 32 }, train: { steps: 500, lr: 0.01 } };
    const run = store.runs.create({ experimentId, name: 'lstm-32', spec, totalSteps: 500 });
    expect(run).toEqual({
      id: run.id,
      experimentId,
      name: 'lstm-32',
      spec,
      status: 'queued',
      error: null,
      step: 0,
      totalSteps: 500,
      createdAt: fx.clock.now,
      startedAt: null,
      endedAt: null,
      activeMs: 0,
      runningSince: null,
      divergence: null,
      warnings: [],
      datasetId: null,
      parentRunId: null,
      sweepId: null,
      tags: [],
      notes: '',
    });
    expect(store.runs.get(run.id)).toEqual(run);
    expect(store.runs.get(run.id + 100)).toBeUndefined();
  });

  test('list filters by experiment, sweep and statuses, newest first, with paging', () => {
    const store = fx.open();
    const a = experiment(store, 'a');
    const b = experiment(store, 'b');
    const sweep = store.sweeps.create({ experimentId: a, spec: {} });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      fx.clock.now += 10;
      ids.push(store.runs.create({ experimentId: i < 3 ? a : b, name: `r${i}`, spec: {}, sweepId: i === 1 ? sweep.id : null }).id);
    }
    store.runs.updateStatus(ids[0]!, 'running');
    store.runs.updateStatus(ids[1]!, 'failed', 'boom');
    const names = (filter: Parameters<Store['runs']['list']>[0]): string[] => store.runs.list(filter).map((r) => r.name);
    expect(names({})).toEqual(['r3', 'r2', 'r1', 'r0']);
    expect(names({ experimentId: a })).toEqual(['r2', 'r1', 'r0']);
    expect(names({ sweepId: sweep.id })).toEqual(['r1']);
    expect(names({ statuses: ['running', 'failed'] })).toEqual(['r1', 'r0']);
    expect(names({ experimentId: b, statuses: ['queued'] })).toEqual(['r3']);
    expect(names({ statuses: [] })).toEqual([]);
    expect(names({ limit: 2, offset: 1 })).toEqual(['r2', 'r1']);
  });

  test('updateStatus stamps startedAt once, endedAt on ended statuses, and stores the error', () => {
    const store = fx.open();
    const run = store.runs.create({ experimentId: experiment(store), name: 'r', spec: {} });
    const start = fx.clock.now + 100;
    fx.clock.now = start;
    expect(store.runs.updateStatus(run.id, 'running')).toMatchObject({ startedAt: start, endedAt: null });
    fx.clock.now += 100;
    expect(store.runs.updateStatus(run.id, 'paused')).toMatchObject({ startedAt: start, endedAt: null });
    fx.clock.now += 100;
    expect(store.runs.updateStatus(run.id, 'running')).toMatchObject({ startedAt: start, endedAt: null });
    fx.clock.now += 100;
    expect(store.runs.updateStatus(run.id, 'diverged', 'loss became NaN at step 812')).toMatchObject({
      status: 'diverged',
      error: 'loss became NaN at step 812',
      startedAt: start,
      endedAt: fx.clock.now,
    });
    // Running again (a resume) clears the end and the old error.
    expect(store.runs.updateStatus(run.id, 'running')).toMatchObject({ error: null, endedAt: null, startedAt: start });
    expect(store.runs.updateStatus(run.id + 1, 'running')).toBeUndefined();
  });

  test('every ended status, and only those, stamps endedAt', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    for (const status of RUN_STATUSES) {
      const run = store.runs.create({ experimentId, name: status, spec: {} });
      const updated = store.runs.updateStatus(run.id, status);
      expect([status, updated?.endedAt]).toEqual([status, ENDED_STATUSES.includes(status) ? fx.clock.now : null]);
    }
  });

  test('the status CHECK rejects an unknown status', () => {
    const store = fx.open();
    const run = store.runs.create({ experimentId: experiment(store), name: 'r', spec: {} });
    expect(() => store.runs.updateStatus(run.id, 'exploded' as RunStatus)).toThrow(/CHECK constraint/);
    expect(store.runs.get(run.id)?.status).toBe('queued');
  });

  test('updateProgress records the last step', () => {
    const store = fx.open();
    const run = store.runs.create({ experimentId: experiment(store), name: 'r', spec: {} });
    store.runs.updateProgress(run.id, 250);
    expect(store.runs.get(run.id)?.step).toBe(250);
  });

  test('markInterrupted turns running and paused runs into interrupted ones and returns exactly those', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    const byStatus = new Map<RunStatus, number>();
    for (const status of RUN_STATUSES) {
      const run = store.runs.create({ experimentId, name: status, spec: {} });
      store.runs.updateStatus(run.id, status);
      byStatus.set(status, run.id);
    }
    fx.clock.now += 5000;
    const interrupted = store.runs.markInterrupted(() => false);
    expect(interrupted.map((r) => r.id)).toEqual([byStatus.get('running'), byStatus.get('paused')]);
    for (const run of interrupted) {
      expect(run).toMatchObject({ status: 'interrupted', error: INTERRUPTED_MESSAGE, endedAt: fx.clock.now });
      expect(store.runs.get(run.id)).toEqual(run);
    }
    expect(store.runs.get(byStatus.get('completed')!)?.status).toBe('completed');
    expect(store.runs.get(byStatus.get('queued')!)?.status).toBe('queued');
    expect(store.runs.markInterrupted(() => false)).toEqual([]);
  });

  test('markInterrupted leaves the runs of another live process alone', () => {
    const app = fx.open({ owner: 'desk:100' });
    const experimentId = experiment(app);
    const training = app.runs.create({ experimentId, name: 'training in the app', spec: {} });
    app.runs.updateStatus(training.id, 'running');
    app.close();
    const cli = fx.open({ owner: 'desk:200' });
    expect(cli.runs.markInterrupted((owner) => owner === 'desk:100')).toEqual([]);
    expect(cli.runs.get(training.id)?.status).toBe('running');
    // Once that process is gone, its run is recovered.
    expect(cli.runs.markInterrupted(() => false).map((r) => r.id)).toEqual([training.id]);
  });

  test('deleting a parent run keeps its duplicates; a run cannot point at a missing dataset', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    const parent = store.runs.create({ experimentId, name: 'parent', spec: {} });
    const child = store.runs.create({ experimentId, name: 'child', spec: {}, parentRunId: parent.id });
    expect(store.runs.delete(parent.id)).toBe(true);
    expect(store.runs.get(child.id)?.parentRunId).toBeNull();
    expect(() => store.runs.create({ experimentId, name: 'x', spec: {}, datasetId: 12345 })).toThrow(/FOREIGN KEY/);
  });
});
