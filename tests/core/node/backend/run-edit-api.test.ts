// Renaming, tagging, noting, deleting with an undo and restoring runs, the table's results, editing, archiving and
// deleting experiments, and the purge of old deletions at start-up: through the dispatcher, on a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendService } from '../../../../core/node/backend/backend-service';
import { DELETED_RUN_PURGE_AFTER_MS } from '../../../../core/node/store/run-repository';
import { openStore, type Store } from '../../../../core/node/store/store';
import { RUN_ANNOTATION_LIMITS } from '../../../../core/common/api/run-annotations';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { callApi, createTestBackend, refusalOf } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend({ startQueuedRuns: false });
});
afterEach(() => env.dispose());

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);
const refused = (name: string, payload: unknown) => refusalOf(env.backend, name, payload);

/** An ended run stored directly (no training needed to edit or delete one), with a validation loss and a checkpoint. */
function endedRun(store: Store, experimentId: number, name: string): number {
  const id = store.runs.create({ experimentId, name, spec: {} }).id;
  store.metrics.append([{ runId: id, name: 'val/loss', step: 5, value: 0.25, wallTime: 1 }]);
  store.checkpoints.save({ runId: id, kind: 'latest', step: 5, blob: new Uint8Array([7]) });
  store.runs.updateStatus(id, 'completed');
  return id;
}

async function experimentWithRun(name = 'edits'): Promise<{ experimentId: number; runId: number }> {
  const experiment = await call<{ id: number }>('experiments.create', { name });
  return { experimentId: experiment.id, runId: endedRun(env.backend.store, experiment.id, 'first') };
}

describe('runs.update', () => {
  it('renames a run and replaces its tags and notes; runs.list shows them', async () => {
    const { runId } = await experimentWithRun();
    expect(await call('runs.update', { id: runId, name: ' GRU, clipped ' })).toMatchObject({ id: runId, name: 'GRU, clipped', tags: [], notes: '' });
    expect(await call('runs.update', { id: runId, tags: ['baseline'], notes: 'lr too high' })).toMatchObject({
      name: 'GRU, clipped',
      tags: ['baseline'],
      notes: 'lr too high',
    });
    expect(await call('runs.list', {})).toMatchObject([{ id: runId, name: 'GRU, clipped', tags: ['baseline'], notes: 'lr too high', sweepId: null }]);
  });

  it('refuses an empty name, an over-long or repeated tag, and an unknown run, each named', async () => {
    const { runId } = await experimentWithRun();
    const empty = await refused('runs.update', { id: runId, name: '  ' });
    expect(empty).toMatchObject({ code: 'invalid-request', issues: [{ path: 'name', message: expect.stringContaining('must not be empty') }] });
    const long = await refused('runs.update', { id: runId, tags: ['ok', 'x'.repeat(RUN_ANNOTATION_LIMITS.tag.max + 1)] });
    expect(long).toMatchObject({
      code: 'invalid-request',
      issues: [{ path: 'tags.1', message: expect.stringContaining(`at most ${RUN_ANNOTATION_LIMITS.tag.max} characters`) }],
    });
    const twice = await refused('runs.update', { id: runId, tags: ['LSTM', 'lstm'] });
    expect(twice).toMatchObject({ code: 'invalid-request', issues: [{ path: 'tags.1', message: '"lstm" is given twice (tags ignore case)' }] });
    expect(await refused('runs.update', { id: runId + 50, name: 'x' })).toEqual({
      code: 'not-found',
      message: `Run ${runId + 50} does not exist (it may have been deleted and purged).`,
    });
    expect(env.backend.store.runs.get(runId)).toMatchObject({ name: 'first', tags: [] });
  });
});

describe('runs.delete and runs.restore', () => {
  it('hides a deleted run from every list and call until it is restored, whole', async () => {
    const { experimentId, runId } = await experimentWithRun();
    const other = endedRun(env.backend.store, experimentId, 'second');
    expect(await call('runs.delete', { id: runId })).toEqual({ deleted: true });
    expect((await call<{ id: number }[]>('runs.list', {})).map((r) => r.id)).toEqual([other]);
    expect((await call<{ runId: number }[]>('runs.listResults', { experimentId })).map((r) => r.runId)).toEqual([other]);
    expect(await call('experiments.list', {})).toMatchObject([{ id: experimentId, runCount: 1 }]);
    for (const name of ['runs.get', 'runs.results', 'runs.delete', 'runs.metrics']) {
      const payload = name === 'runs.metrics' ? { id: runId, names: ['val/loss'] } : { id: runId };
      expect(await refused(name, payload)).toEqual({ code: 'not-found', message: `Run ${runId} is deleted; restore it (runs.restore) to use it again.` });
    }

    expect(await call('runs.restore', { id: runId })).toMatchObject({ id: runId, name: 'first', status: 'completed' });
    expect(await call('runs.metrics', { id: runId, names: ['val/loss'] })).toMatchObject([{ name: 'val/loss', steps: [5], values: [0.25] }]);
    expect(await refused('runs.restore', { id: runId })).toMatchObject({
      code: 'conflict',
      message: `Run ${runId} is not deleted; there is nothing to restore.`,
    });
    expect(await refused('runs.restore', { id: runId + 50 })).toMatchObject({ code: 'not-found' });
  });

  it('gives each run its results for the table', async () => {
    const { experimentId, runId } = await experimentWithRun();
    expect(await call('runs.listResults', { experimentId })).toMatchObject([
      { runId, cell: null, results: { finalValLoss: 0.25, bestValLoss: 0.25, bestValLossStep: 5 } },
    ]);
    const parsed = parseExperimentSpec({ task: { id: 'adding-problem' }, model: { cell: 'gru' } });
    if (!parsed.ok) throw new Error('the test spec should parse');
    const trained = env.backend.store.runs.create({ experimentId, name: 'gru', spec: parsed.spec });
    expect(await call('runs.listResults', { experimentId })).toMatchObject([
      { runId: trained.id, cell: 'gru' },
      { runId, cell: null },
    ]);
    expect(await call('runs.listResults', { experimentId: experimentId + 1 })).toEqual([]);
  });
});

describe('experiments.update and experiments.delete', () => {
  it('renames, describes and archives an experiment, refusing a taken or empty name', async () => {
    const { experimentId } = await experimentWithRun('first name');
    await call('experiments.create', { name: 'taken' });
    expect(await call('experiments.update', { id: experimentId, name: 'second name', notes: 'IRNN vs LSTM on adding' })).toMatchObject({
      id: experimentId,
      name: 'second name',
      notes: 'IRNN vs LSTM on adding',
      runCount: 1,
      archivedAt: null,
    });
    expect(await call('experiments.update', { id: experimentId, archived: true })).toMatchObject({ archivedAt: expect.any(Number) });
    expect(await refused('experiments.update', { id: experimentId, name: 'TAKEN' })).toMatchObject({ code: 'conflict', issues: [{ path: 'name' }] });
    expect(await refused('experiments.update', { id: experimentId, name: ' ' })).toMatchObject({ code: 'invalid-request', issues: [{ path: 'name' }] });
    expect(await refused('experiments.update', { id: experimentId + 9, notes: 'x' })).toMatchObject({ code: 'not-found' });
  });

  it('deletes an experiment with its runs (a cascade) and says how many went', async () => {
    const { experimentId, runId } = await experimentWithRun();
    endedRun(env.backend.store, experimentId, 'second');
    expect(await call('experiments.delete', { id: experimentId })).toEqual({ deleted: true, runs: 2 });
    expect(env.backend.store.runs.get(runId)).toBeUndefined();
    expect(env.backend.store.metrics.series(runId, 'val/loss').steps).toEqual([]);
    expect(env.backend.store.checkpoints.list(runId)).toEqual([]);
  });
});

describe('purge at start-up', () => {
  it('removes runs deleted over DELETED_RUN_PURGE_AFTER_MS ago with their metrics and checkpoints, and keeps recent deletions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-purge-'));
    const databasePath = join(dir, 'runs.db');
    try {
      const clock = { now: Date.now() - DELETED_RUN_PURGE_AFTER_MS - 60_000 };
      const before = openStore(databasePath, { now: () => clock.now });
      const created = before.experiments.create({ name: 'e' });
      if (!created.ok) throw new Error(created.message);
      const old = endedRun(before, created.value.id, 'old');
      const recent = endedRun(before, created.value.id, 'recent');
      before.runs.softDelete(old);
      clock.now = Date.now();
      before.runs.softDelete(recent);
      before.close();

      const backend = new BackendService({ databasePath, host: 'serve', concurrency: 1, startQueuedRuns: false });
      try {
        expect(backend.store.runs.deletedAt(old)).toBeNull();
        expect(backend.store.metrics.series(old, 'val/loss').steps).toEqual([]);
        expect(backend.store.checkpoints.list(old)).toEqual([]);
        expect(backend.store.runs.deletedAt(recent)).not.toBeNull();
        expect(await callApi(backend, 'runs.restore', { id: recent })).toMatchObject({ id: recent, name: 'recent' });
        expect(backend.store.checkpoints.list(recent)).toHaveLength(1);
      } finally {
        await backend.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
