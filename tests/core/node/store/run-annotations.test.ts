// Runs a person edits (rename, tags, notes), deletes with an undo (soft delete, restore, purge with metrics and
// checkpoints), and experiments archived: on a real SQLite file.
import { describe, expect, test } from 'vitest';
import { DELETED_RUN_PURGE_AFTER_MS } from '../../../../core/node/store/run-repository';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();

function experiment(store: Store, name = 'e'): number {
  const result = store.experiments.create({ name });
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}

/** A run with a metric series and a checkpoint, ended so it may be deleted. */
function endedRun(store: Store, experimentId: number, name = 'r', sweepId: number | null = null): number {
  const id = store.runs.create({ experimentId, name, spec: {}, sweepId }).id;
  store.metrics.append([1, 2, 3].map((step) => ({ runId: id, name: 'val/loss', step, value: 1 / step, wallTime: fx.clock.now })));
  store.checkpoints.save({ runId: id, kind: 'latest', step: 3, blob: new Uint8Array([1, 2, 3]) });
  store.runs.updateStatus(id, 'completed');
  return id;
}

describe('RunRepository: what a person writes on a run', () => {
  test('update renames (trimmed), replaces tags and notes, and keeps what it is not given', () => {
    const store = fx.open();
    const id = endedRun(store, experiment(store));
    expect(store.runs.get(id)).toMatchObject({ name: 'r', tags: [], notes: '' });
    expect(store.runs.update(id, { name: '  lstm, lr 0.01 ' })).toMatchObject({ ok: true, value: { name: 'lstm, lr 0.01', tags: [], notes: '' } });
    expect(store.runs.update(id, { tags: ['baseline', 'irnn'], notes: 'clipped at 1' })).toMatchObject({
      ok: true,
      value: { name: 'lstm, lr 0.01', tags: ['baseline', 'irnn'], notes: 'clipped at 1' },
    });
    // survives a reopen: the columns are real, not a cache
    store.close();
    expect(fx.open().runs.get(id)).toMatchObject({ name: 'lstm, lr 0.01', tags: ['baseline', 'irnn'], notes: 'clipped at 1' });
  });

  test('update refuses an empty name by name, and gives undefined for an unknown or deleted run', () => {
    const store = fx.open();
    const id = endedRun(store, experiment(store));
    expect(store.runs.update(id, { name: '   ' })).toEqual({ ok: false, code: 'name-empty', message: `Run ${id} needs a name; type at least one character.` });
    expect(store.runs.get(id)?.name).toBe('r');
    expect(store.runs.update(id + 99, { notes: 'x' })).toEqual({ ok: true, value: undefined });
    store.runs.softDelete(id);
    expect(store.runs.update(id, { notes: 'x' })).toEqual({ ok: true, value: undefined });
  });
});

describe('RunRepository: delete with an undo', () => {
  test('a soft-deleted run leaves get, list, the sweep counts and the experiment count; restore brings it back whole', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    const sweep = store.sweeps.create({ experimentId, spec: {} });
    const kept = endedRun(store, experimentId, 'kept', sweep.id);
    const doomed = endedRun(store, experimentId, 'doomed', sweep.id);
    fx.clock.now += 1000;
    expect(store.runs.softDelete(doomed)).toBe(true);
    expect(store.runs.softDelete(doomed)).toBe(false);
    expect(store.runs.get(doomed)).toBeUndefined();
    expect(store.runs.deletedAt(doomed)).toBe(fx.clock.now);
    expect(store.runs.deletedAt(kept)).toBeNull();
    expect(store.runs.list({ experimentId }).map((r) => r.id)).toEqual([kept]);
    expect(store.runs.list({ sweepId: sweep.id }).map((r) => r.id)).toEqual([kept]);
    expect(store.sweeps.statusCounts()).toEqual([{ sweepId: sweep.id, status: 'completed', count: 1 }]);
    expect(store.experiments.list()[0]?.runCount).toBe(1);

    const restored = store.runs.restore(doomed);
    expect(restored).toMatchObject({ id: doomed, name: 'doomed', status: 'completed' });
    expect(store.runs.restore(doomed)).toBeUndefined();
    expect(store.runs.deletedAt(doomed)).toBeNull();
    expect(store.metrics.series(doomed, 'val/loss').steps).toEqual([1, 2, 3]);
    expect(store.checkpoints.info(doomed, 'latest')?.step).toBe(3);
    expect(store.experiments.list()[0]?.runCount).toBe(2);
  });

  test('purgeDeleted removes runs deleted at or before the time with their metrics and checkpoints, and nothing else', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    const old = endedRun(store, experimentId, 'old');
    const recent = endedRun(store, experimentId, 'recent');
    const live = endedRun(store, experimentId, 'live');
    store.runs.softDelete(old);
    fx.clock.now += DELETED_RUN_PURGE_AFTER_MS;
    store.runs.softDelete(recent);
    expect(store.runs.purgeDeleted(fx.clock.now - DELETED_RUN_PURGE_AFTER_MS)).toEqual([old]);
    expect(store.runs.deletedAt(old)).toBeNull();
    expect(store.runs.restore(old)).toBeUndefined();
    expect(store.metrics.series(old, 'val/loss').steps).toEqual([]);
    expect(store.checkpoints.list(old)).toEqual([]);
    // the recent deletion can still be undone; the live run is untouched
    expect(store.runs.deletedAt(recent)).not.toBeNull();
    expect(store.metrics.series(recent, 'val/loss').steps).toEqual([1, 2, 3]);
    expect(store.runs.get(live)?.name).toBe('live');
    expect(store.checkpoints.list(live)).toHaveLength(1);
    expect(store.runs.purgeDeleted(fx.clock.now - DELETED_RUN_PURGE_AFTER_MS)).toEqual([]);
  });
});

describe('ExportRepository: the exports of a deleted run', () => {
  test('are hidden while it is deleted, back when it is restored, and gone when it is purged', () => {
    const store = fx.open();
    const experimentId = experiment(store);
    const doomed = endedRun(store, experimentId, 'doomed');
    const kept = endedRun(store, experimentId, 'kept');
    const hidden = store.exports.insert({ runId: doomed, path: '/out/a.onnx', format: 'onnx', hash: 'h1' });
    const shown = store.exports.insert({ runId: kept, path: '/out/b.onnx', format: 'onnx', hash: 'h2' });
    store.runs.softDelete(doomed);
    expect(store.exports.list().map((e) => e.id)).toEqual([shown.id]);
    expect(store.exports.list(doomed)).toEqual([]);
    expect(store.exports.get(hidden.id)).toBeUndefined();
    store.runs.restore(doomed);
    expect(store.exports.get(hidden.id)).toEqual(hidden);
    store.runs.softDelete(doomed);
    store.runs.purgeDeleted(fx.clock.now);
    store.runs.restore(doomed);
    expect(store.exports.get(hidden.id)).toBeUndefined();
    expect(store.exports.list().map((e) => e.id)).toEqual([shown.id]);
  });
});

describe('ExperimentRepository: archive', () => {
  test('archiving stamps the time once and keeps the experiment whole; unarchiving clears it', () => {
    const store = fx.open();
    const id = experiment(store, 'old results');
    endedRun(store, id);
    expect(store.experiments.get(id)?.archivedAt).toBeNull();
    expect(store.experiments.update(id, { archived: true })).toMatchObject({ ok: true, value: { archivedAt: fx.clock.now } });
    const stamped = fx.clock.now;
    fx.clock.now += 5000;
    expect(store.experiments.update(id, { archived: true, notes: 'superseded by run 12' })).toMatchObject({
      ok: true,
      value: { archivedAt: stamped, notes: 'superseded by run 12' },
    });
    expect(store.experiments.list()).toMatchObject([{ id, archivedAt: stamped, runCount: 1 }]);
    expect(store.experiments.update(id, { archived: false })).toMatchObject({ ok: true, value: { archivedAt: null } });
    expect(store.experiments.update(id, { notes: 'x' })).toMatchObject({ ok: true, value: { archivedAt: null } });
  });
});
