// Checkpoints: one latest and one best per run, replaced atomically, blobs read only by load().

import { beforeEach, describe, expect, test } from 'vitest';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();
let store: Store;
let runId: number;

beforeEach(() => {
  store = fx.open();
  const experiment = store.experiments.create({ name: 'e' });
  if (!experiment.ok) throw new Error(experiment.message);
  runId = store.runs.create({ experimentId: experiment.value.id, name: 'r', spec: {} }).id;
});

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('CheckpointRepository', () => {
  test('saving latest replaces the previous latest of that run', () => {
    const first = store.checkpoints.save({ runId, step: 100, kind: 'latest', blob: bytes(1000, 1), metadata: { epoch: 1 } });
    expect(first).toEqual({
      id: first.id,
      runId,
      step: 100,
      kind: 'latest',
      sizeBytes: 1000,
      metadata: { epoch: 1 },
      createdAt: fx.clock.now,
    });
    fx.clock.now += 60_000;
    store.checkpoints.save({ runId, step: 200, kind: 'latest', blob: bytes(2000, 2) });

    const latest = store.checkpoints.load(runId, 'latest');
    expect(latest).toMatchObject({ step: 200, sizeBytes: 2000, metadata: {}, createdAt: fx.clock.now });
    expect(Buffer.from(latest!.blob).equals(Buffer.from(bytes(2000, 2)))).toBe(true);
    expect(store.checkpoints.list(runId)).toHaveLength(1);
  });

  test('best is kept apart from latest, and info reads either without its blob', () => {
    store.checkpoints.save({ runId, step: 300, kind: 'latest', blob: bytes(10, 3) });
    store.checkpoints.save({ runId, step: 250, kind: 'best', blob: bytes(20, 4), metadata: { metric: 'val/loss', value: 0.12 } });
    expect(Array.from(store.checkpoints.load(runId, 'best')!.blob)).toEqual(Array.from(bytes(20, 4)));
    expect(store.checkpoints.load(runId, 'latest')?.step).toBe(300);
    const info = store.checkpoints.info(runId, 'best');
    expect(info).toMatchObject({ step: 250, metadata: { metric: 'val/loss', value: 0.12 } });
    expect(info).not.toHaveProperty('blob');
    expect(store.checkpoints.list(runId).map((c) => [c.kind, c.step])).toEqual([
      ['best', 250],
      ['latest', 300],
    ]);
  });

  test('a run without checkpoints loads nothing; a checkpoint of a missing run is rejected', () => {
    expect(store.checkpoints.load(runId, 'latest')).toBeUndefined();
    expect(store.checkpoints.info(runId, 'best')).toBeUndefined();
    expect(() => store.checkpoints.save({ runId: runId + 1, step: 1, kind: 'latest', blob: bytes(1, 0) })).toThrow(
      /FOREIGN KEY/,
    );
  });

  test('deleting the run deletes its checkpoints', () => {
    store.checkpoints.save({ runId, step: 1, kind: 'latest', blob: bytes(5, 5) });
    store.runs.delete(runId);
    expect(store.checkpoints.list(runId)).toEqual([]);
  });
});
