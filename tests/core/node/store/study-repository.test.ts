// Studies in the store (migration 6): the definition snapshot, budget, sweep and runs in trial order read back as
// written, newest first; deleting the experiment deletes its studies; a bad run_ids column is refused, not guessed.
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../../core/node/store/migrations';
import { useStoreFixture } from './store-fixture';

const fixture = useStoreFixture();

function seeded() {
  const store = fixture.open();
  const experiment = store.experiments.create({ name: 'studies' });
  if (!experiment.ok) throw new Error(experiment.message);
  const sweep = store.sweeps.create({ experimentId: experiment.value.id, spec: { list: [] } });
  return { store, experimentId: experiment.value.id, sweepId: sweep.id };
}

describe('study repository', () => {
  it('stores a study and reads it back, newest first', () => {
    const { store, experimentId, sweepId } = seeded();
    const first = store.studies.create({
      studyKey: 'tiny',
      version: 2,
      budget: 'quick',
      definition: { id: 'tiny', axes: [] },
      experimentId,
      sweepId,
      runIds: [3, 1, 2],
    });
    fixture.clock.now += 1000;
    const second = store.studies.create({ studyKey: 'other', version: 1, budget: 'full', definition: {}, experimentId, sweepId, runIds: [] });
    expect(store.studies.get(first.id)).toEqual({
      id: first.id,
      studyKey: 'tiny',
      version: 2,
      budget: 'quick',
      definition: { id: 'tiny', axes: [] },
      experimentId,
      sweepId,
      runIds: [3, 1, 2],
      createdAt: 1_700_000_000_000,
    });
    expect(store.studies.list().map((s) => s.id)).toEqual([second.id, first.id]);
    // migration 6 made the table; later ones apply on top of it
    expect(store.connectionSettings().schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
  });

  it('goes with its experiment', () => {
    const { store, experimentId, sweepId } = seeded();
    const study = store.studies.create({ studyKey: 'tiny', version: 1, budget: 'quick', definition: {}, experimentId, sweepId, runIds: [] });
    expect(store.experiments.delete(experimentId)).toBe(true);
    expect(store.studies.get(study.id)).toBeUndefined();
  });

  it('refuses a run list that is not a list of run ids, storing nothing', () => {
    const { store, experimentId, sweepId } = seeded();
    expect(() => store.studies.create({ studyKey: 'tiny', version: 1, budget: 'quick', definition: {}, experimentId, sweepId, runIds: [1.5] })).toThrow(
      /runIds must be run ids, got \[1.5\]/,
    );
    expect(store.studies.list()).toEqual([]);
  });
});
