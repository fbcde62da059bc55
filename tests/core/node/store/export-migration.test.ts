// Migration 3: a version-2 database's exports get checkpoint_kind / checkpoint_step columns filled from
// the report JSON (and the checkpoint removed from it), and empty decoder_path / decoder_hash columns;
// new exports record the checkpoint and an encoder–decoder's second graph in them.

import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../../../core/node/store/migrations';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();

/** A database as SeqLab wrote it at schema version 2, with exports in the old report format. */
function writeVersion2(path: string): void {
  const db = new Database(path);
  for (const m of MIGRATIONS.filter((m) => m.version <= 2)) db.transaction(() => db.exec(m.sql))();
  db.exec(`
    INSERT INTO experiments (id, name, created_at) VALUES (1, 'old', 0);
    INSERT INTO runs (id, experiment_id, name, spec, created_at) VALUES (1, 1, 'r', '{}', 0);
    INSERT INTO exports (run_id, path, format, hash, parity, created_at) VALUES
      (1, '/x/run-1.onnx', 'onnx', 'h1', '{"checkpoint":{"kind":"best","step":120},"byteLength":999,"parity":{"passed":true}}', 1),
      (1, '/x/run-1.safetensors', 'safetensors', 'h2', '{"checkpoint":{"kind":"latest","step":300},"byteLength":5,"parity":null}', 2),
      (1, '/x/odd.onnx', 'onnx', 'h3', '{"byteLength":7}', 3),
      (1, '/x/none.onnx', 'onnx', 'h4', NULL, 4);
  `);
  db.close();
}

describe('migration 3: export checkpoint and decoder-step columns', () => {
  test("moves each old report's checkpoint into the columns and leaves the rest of the report", () => {
    writeVersion2(fx.dbPath());
    const store = fx.open();
    const byPath = new Map(store.exports.list().map((e) => [e.path, e]));
    expect(byPath.get('/x/run-1.onnx')).toMatchObject({
      checkpointKind: 'best',
      checkpointStep: 120,
      decoderPath: null,
      decoderHash: null,
      parity: { byteLength: 999, parity: { passed: true } },
    });
    expect(byPath.get('/x/run-1.onnx')?.parity).not.toHaveProperty('checkpoint');
    expect(byPath.get('/x/run-1.safetensors')).toMatchObject({ checkpointKind: 'latest', checkpointStep: 300, parity: { byteLength: 5, parity: null } });
    // Rows without a readable checkpoint keep their report as it was.
    expect(byPath.get('/x/odd.onnx')).toMatchObject({ checkpointKind: null, checkpointStep: null, parity: { byteLength: 7 } });
    expect(byPath.get('/x/none.onnx')).toMatchObject({ checkpointKind: null, parity: null });
  });

  test('records the checkpoint and a decoder-step graph of new exports, and refuses an unknown checkpoint kind', () => {
    const store = fx.open();
    const experiment = store.experiments.create({ name: 'e' });
    if (!experiment.ok) throw new Error('experiment');
    const run = store.runs.create({ experimentId: experiment.value.id, name: 'r', spec: {} });
    const pair = store.exports.insert({
      runId: run.id,
      path: '/x/a.onnx',
      format: 'onnx',
      hash: 'e1',
      checkpointKind: 'latest',
      checkpointStep: 40,
      decoderPath: '/x/a.step.onnx',
      decoderHash: 'd1',
      parity: { byteLength: 1 },
    });
    expect(store.exports.get(pair.id)).toEqual(pair);
    expect(pair).toMatchObject({ checkpointKind: 'latest', checkpointStep: 40, decoderPath: '/x/a.step.onnx', decoderHash: 'd1' });
    const plain = store.exports.insert({ runId: run.id, path: '/x/b.onnx', format: 'onnx', hash: 'e2' });
    expect(plain).toMatchObject({ checkpointKind: null, checkpointStep: null, decoderPath: null, decoderHash: null });
    expect(() => store.exports.insert({ runId: run.id, path: '/x/c.onnx', format: 'onnx', hash: 'e3', checkpointKind: 'middle' as 'best' })).toThrow(/CHECK/);
  });
});
