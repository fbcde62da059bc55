// The specs the store holds, read back typed through their schemas: a spec stored as the backend stores it comes back
// unchanged; one that no longer passes (a damaged record) is refused as a storage error naming its field.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../core/common/api/result';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { parseSweepSpec } from '../../../../core/common/spec/sweep-spec';
import { storedRunSpec, storedSweepSpec } from '../../../../core/node/backend/stored-specs';
import { useStoreFixture } from '../store/store-fixture';

const fixture = useStoreFixture();

function experimentId(store: ReturnType<typeof fixture.open>): number {
  const created = store.experiments.create({ name: 'stored specs' });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

const refusal = (read: () => unknown): ApiError => {
  try {
    read();
  } catch (caught) {
    if (caught instanceof ApiError) return caught;
    throw caught;
  }
  throw new Error('expected a refusal');
};

describe('stored specs', () => {
  it('read a run spec back unchanged and typed, and refuse a damaged one by field', () => {
    const store = fixture.open();
    const parsed = parseExperimentSpec({ task: { id: 'adding-problem' }, model: { cell: 'gru', hiddenSize: 5 } });
    if (!parsed.ok) throw new Error('the spec should be valid');
    const run = store.runs.create({ experimentId: experimentId(store), name: 'r', spec: parsed.spec, totalSteps: 10, datasetId: null });
    const read = storedRunSpec(store.runs.get(run.id)!);
    expect(read).toEqual(JSON.parse(JSON.stringify(parsed.spec)));
    expect(read.model.cell).toBe('gru');

    const damaged = refusal(() => storedRunSpec({ ...run, spec: { ...parsed.spec, training: { ...parsed.spec.training, batchSize: 0 } } }));
    expect(damaged.code).toBe('storage');
    expect(damaged.message).toMatch(new RegExp(`^The stored spec of run ${run.id} does not pass the spec schema`));
    expect(damaged.issues).toEqual([{ path: 'spec.training.batchSize', message: 'batchSize must be at least 1' }]);
  });

  it('read a sweep spec back typed, and refuse a damaged one by field', () => {
    const store = fixture.open();
    const sweep = parseSweepSpec({ base: { task: { id: 'adding-problem' } }, grid: { 'model.hiddenSize': [4, 8] }, concurrency: 2 });
    if (!sweep.ok) throw new Error('the sweep should be valid');
    const row = store.sweeps.create({ experimentId: experimentId(store), spec: sweep.sweep });
    const read = storedSweepSpec(store.sweeps.get(row.id)!);
    expect(read).toEqual(JSON.parse(JSON.stringify(sweep.sweep)));
    expect(read.concurrency).toBe(2);

    const damaged = refusal(() => storedSweepSpec({ ...row, spec: { ...sweep.sweep, concurrency: 0 } }));
    expect(damaged.code).toBe('storage');
    expect(damaged.issues?.[0]?.path).toBe('sweep.concurrency');
  });
});
