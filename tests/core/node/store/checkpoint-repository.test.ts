// Checkpoints: one latest and one best per run, replaced atomically, blobs read only by load(), each
// blob's SHA-256 written with it and checked on every load.

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, test } from 'vitest';
import { CheckpointDamagedError } from '../../../../core/node/store/errors';
import type { Store } from '../../../../core/node/store/store';
import type { CheckpointKind } from '../../../../core/node/store/types';
import { createRun, useStoreFixture } from './store-fixture';

const fx = useStoreFixture();
let store: Store;
let runId: number;

beforeEach(() => {
  store = fx.open();
  runId = createRun(store);
});

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

const sha256 = (blob: Uint8Array) => createHash('sha256').update(blob).digest('hex');

/**
 * Damages a stored blob as a bad disk would, through a second connection on the real file: `count` bytes
 * from `offset` inverted, the checksum column left as it was.
 */
function flipBytes(path: string, runId: number, kind: CheckpointKind, offset: number, count: number): void {
  const db = new Database(path);
  try {
    const blob = db.prepare('SELECT blob FROM checkpoints WHERE run_id = ? AND kind = ?').pluck().get(runId, kind) as Buffer;
    for (let i = offset; i < offset + count; i++) blob[i] = (blob[i] as number) ^ 0xff;
    db.prepare('UPDATE checkpoints SET blob = ? WHERE run_id = ? AND kind = ?').run(blob, runId, kind);
  } finally {
    db.close();
  }
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
      checksum: sha256(bytes(1000, 1)),
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
    expect(() => store.checkpoints.save({ runId: runId + 1, step: 1, kind: 'latest', blob: bytes(1, 0) })).toThrow(/FOREIGN KEY/);
  });

  test('deleting the run deletes its checkpoints', () => {
    store.checkpoints.save({ runId, step: 1, kind: 'latest', blob: bytes(5, 5) });
    store.runs.delete(runId);
    expect(store.checkpoints.list(runId)).toEqual([]);
  });
});

describe('checkpoint checksums', () => {
  test('every save stores the SHA-256 of its blob, and a replacement its own', () => {
    store.checkpoints.save({ runId, step: 10, kind: 'latest', blob: bytes(4096, 7) });
    expect(store.checkpoints.info(runId, 'latest')?.checksum).toBe(sha256(bytes(4096, 7)));
    store.checkpoints.save({ runId, step: 20, kind: 'latest', blob: bytes(4096, 8) });
    expect(store.checkpoints.load(runId, 'latest')?.checksum).toBe(sha256(bytes(4096, 8)));
  });

  test('512 flipped bytes inside a blob: load refuses it naming run, kind and step; the intact one still loads', () => {
    store.checkpoints.save({ runId, step: 300, kind: 'latest', blob: bytes(8192, 3) });
    store.checkpoints.save({ runId, step: 250, kind: 'best', blob: bytes(8192, 4) });
    flipBytes(fx.dbPath(), runId, 'latest', 3000, 512);

    let caught: unknown;
    try {
      store.checkpoints.load(runId, 'latest');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CheckpointDamagedError);
    expect(caught).toMatchObject({ runId, kind: 'latest', step: 300 });
    expect((caught as Error).message).toBe(`Run ${runId}'s latest checkpoint (step 300) is damaged: its bytes no longer match the SHA-256 saved with them.`);
    expect(store.checkpoints.loadIntact(runId, 'latest')).toBeUndefined();
    expect(Buffer.from(store.checkpoints.load(runId, 'best')!.blob).equals(Buffer.from(bytes(8192, 4)))).toBe(true);
    // The refusal of a use (an export) offers the intact one, and never loads it in the damaged one's place.
    expect(store.checkpoints.damageMessage(caught as CheckpointDamagedError, 'Nothing was exported')).toMatch(
      /step 300\) is damaged.*Nothing was exported; its best checkpoint \(step 250\) is intact and can be used instead\.$/,
    );
  });

  test('a single flipped bit is found too, and when both are damaged none is offered', () => {
    store.checkpoints.save({ runId, step: 40, kind: 'latest', blob: bytes(100, 5) });
    store.checkpoints.save({ runId, step: 30, kind: 'best', blob: bytes(100, 6) });
    const db = new Database(fx.dbPath());
    db.prepare("UPDATE checkpoints SET blob = ? WHERE run_id = ? AND kind = 'best'").run(Buffer.from(bytes(100, 6)).fill(0x07, 99), runId);
    db.close();
    expect(() => store.checkpoints.load(runId, 'best')).toThrow(CheckpointDamagedError);
    flipBytes(fx.dbPath(), runId, 'latest', 0, 1);
    let caught: unknown;
    try {
      store.checkpoints.load(runId, 'latest');
    } catch (error) {
      caught = error;
    }
    expect(store.checkpoints.damageMessage(caught as CheckpointDamagedError, 'Nothing was exported')).toMatch(/it has no other intact checkpoint\.$/);
  });

  test('a checkpoint written before checksums (NULL) loads as before, and gets one when the run writes it again', () => {
    store.checkpoints.save({ runId, step: 5, kind: 'latest', blob: bytes(64, 9) });
    const db = new Database(fx.dbPath());
    db.prepare('UPDATE checkpoints SET checksum = NULL').run();
    db.close();
    expect(store.checkpoints.load(runId, 'latest')).toMatchObject({ step: 5, checksum: null });
    store.checkpoints.save({ runId, step: 6, kind: 'latest', blob: bytes(64, 10) });
    expect(store.checkpoints.info(runId, 'latest')?.checksum).toBe(sha256(bytes(64, 10)));
  });
});
