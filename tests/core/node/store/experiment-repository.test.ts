// Experiments: unique names, run counts, partial updates, and delete cascading to everything below.

import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();

function created<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.value;
}

describe('ExperimentRepository', () => {
  test('create trims the name, defaults notes and tags, and get returns it', () => {
    const store = fx.open();
    const experiment = created(store.experiments.create({ name: '  adding task  ', tags: ['lstm', 'toy'] }));
    expect(experiment).toEqual({
      id: experiment.id,
      name: 'adding task',
      notes: '',
      tags: ['lstm', 'toy'],
      createdAt: fx.clock.now,
      archivedAt: null,
    });
    expect(store.experiments.get(experiment.id)).toEqual(experiment);
    expect(store.experiments.get(experiment.id + 1)).toBeUndefined();
  });

  test('names are unique ignoring case, and blank names are refused', () => {
    const store = fx.open();
    created(store.experiments.create({ name: 'Copy task' }));
    expect(store.experiments.create({ name: 'copy TASK' })).toMatchObject({ ok: false, code: 'name-taken' });
    expect(store.experiments.create({ name: '   ' })).toMatchObject({ ok: false, code: 'name-empty' });
    const other = created(store.experiments.create({ name: 'Other' }));
    expect(store.experiments.update(other.id, { name: 'COPY task' })).toMatchObject({ ok: false, code: 'name-taken' });
    expect(store.experiments.list()).toHaveLength(2);
  });

  test('list is newest first with run counts and the newest run time', () => {
    const store = fx.open();
    const older = created(store.experiments.create({ name: 'older' }));
    fx.clock.now += 1000;
    const newer = created(store.experiments.create({ name: 'newer' }));
    fx.clock.now += 1000;
    store.runs.create({ experimentId: older.id, name: 'r1', spec: {} });
    fx.clock.now += 1000;
    store.runs.create({ experimentId: older.id, name: 'r2', spec: {} });
    expect(store.experiments.list().map((e) => [e.name, e.runCount, e.lastRunAt])).toEqual([
      ['newer', 0, null],
      ['older', 2, fx.clock.now],
    ]);
    expect(newer.id).not.toBe(older.id);
  });

  test('a tags column that is not a JSON array of text (the schema checks only for an array) is refused by name, not handed on as tags', () => {
    const store = fx.open();
    const experiment = created(store.experiments.create({ name: 'tagged', tags: ['a'] }));
    const db = new Database(fx.dbPath());
    try {
      db.prepare('UPDATE experiments SET tags = ? WHERE id = ?').run('[1]', experiment.id);
    } finally {
      db.close();
    }
    expect(() => store.experiments.get(experiment.id)).toThrow(`store: experiment ${experiment.id} has tags [1], not a JSON array of text`);
  });

  test('update changes only the given fields; an unknown id gives undefined', () => {
    const store = fx.open();
    const experiment = created(store.experiments.create({ name: 'a', notes: 'first', tags: ['t'] }));
    expect(created(store.experiments.update(experiment.id, { notes: 'second' }))).toMatchObject({
      name: 'a',
      notes: 'second',
      tags: ['t'],
    });
    expect(created(store.experiments.update(experiment.id, { name: ' b ', tags: [] }))).toMatchObject({
      name: 'b',
      notes: 'second',
      tags: [],
    });
    expect(store.experiments.update(999, { notes: 'x' })).toEqual({ ok: true, value: undefined });
  });

  test('delete removes the experiment with its sweeps, runs, metrics, checkpoints and exports', () => {
    const store = fx.open();
    const doomed = seedExperiment(store, 'doomed');
    const kept = seedExperiment(store, 'kept');
    expect(store.experiments.delete(doomed.experimentId)).toBe(true);
    expect(store.experiments.delete(doomed.experimentId)).toBe(false);

    expect(store.runs.get(doomed.runId)).toBeUndefined();
    expect(store.sweeps.list(doomed.experimentId)).toEqual([]);
    expect(store.metrics.series(doomed.runId, 'loss').steps).toEqual([]);
    expect(store.checkpoints.list(doomed.runId)).toEqual([]);
    expect(store.exports.list(doomed.runId)).toEqual([]);

    // Nothing else is left behind, and the other experiment is whole (1 run, sweep, checkpoint, export; 3 points).
    const db = new Database(fx.dbPath(), { readonly: true });
    const totals = db
      .prepare(
        `SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM sweeps), (SELECT count(*) FROM metrics),
                (SELECT count(*) FROM checkpoints), (SELECT count(*) FROM exports)`,
      )
      .raw()
      .get();
    db.close();
    expect(totals).toEqual([1, 1, 3, 1, 1]);
    expect(store.metrics.series(kept.runId, 'loss').steps).toEqual([1, 2, 3]);
    // Datasets are shared across experiments and outlive them.
    expect(store.datasets.list()).toHaveLength(2);
  });
});

/** An experiment with a sweep and one run carrying metrics, a checkpoint, an export and a dataset. */
function seedExperiment(store: Store, name: string): { experimentId: number; runId: number } {
  const experiment = created(store.experiments.create({ name }));
  const sweep = store.sweeps.create({ experimentId: experiment.id, spec: { grid: { lr: [0.1, 0.01] } } });
  const dataset = store.datasets.insert({ kind: 'text', name, contentHash: name, sizeBytes: 1, stats: {} });
  const run = store.runs.create({
    experimentId: experiment.id,
    name: 'r',
    spec: {},
    sweepId: sweep.id,
    datasetId: dataset.id,
  });
  store.metrics.append([1, 2, 3].map((step) => ({ runId: run.id, step, name: 'loss', value: 1 / step, wallTime: step })));
  store.checkpoints.save({ runId: run.id, step: 3, kind: 'latest', blob: new Uint8Array([1, 2, 3]) });
  store.exports.insert({ runId: run.id, path: '/tmp/m.onnx', format: 'onnx', hash: 'h' });
  return { experimentId: experiment.id, runId: run.id };
}
