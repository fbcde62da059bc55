// Which commands may create a database, and the database problems every command reports the same way
// (issue 11): a mistyped --db path is exit 3 for a command that only reads, created (and said) only by
// one that adds runs; a refused file and a read-only folder are exit 3 with one line naming the path and
// why, the folder left as it was; a damaged checkpoint is named, never exported or silently resumed from.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../../core/node/store/migrations';
import { openStore } from '../../../../core/node/store/store';
import { snapshotFolder } from '../store/store-fixture';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI_CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));
/**
 * chmod does not stop root. As root the command runs without the capabilities that let root ignore file
 * permissions (setpriv, util-linux): still uid 0, so it reads the checkout wherever CI cloned it, but a
 * 0555 folder stops it as it stops anyone else.
 */
const AS_ROOT_WITHOUT_OVERRIDE = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search,-fowner'];

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => {
  chmodSync(fx.dir, 0o700);
  for (const name of readdirSync(fx.dir)) chmodSync(join(fx.dir, name), 0o755);
  fx.dispose();
});

/** A closed SeqLab database in WAL mode, as the app leaves it (no -wal or -shm beside it). */
function walDatabase(path: string, tweak?: (db: Database.Database) => void): void {
  openStore(path).close();
  if (!tweak) return;
  const db = new Database(path);
  tweak(db);
  db.close();
}

describe('a database that is not there', () => {
  it('is exit 3 naming the path for every command that only reads, and nothing is created, not even its folder', async () => {
    writeFileSync(join(fx.dir, 'model.onnx'), 'not used');
    const path = join(fx.dir, 'tpyo', 'runs.db');
    const commands = [
      ['list'],
      ['show', '1'],
      ['compare', '1', '2'],
      ['export', '1', '--onnx', 'out.onnx'],
      ['infer', 'model.onnx'],
      ['resume', '1'],
      ['data', 'list'],
    ];
    for (const command of commands) {
      const outcome = await fx.run([...command, '--db', path]);
      expect(outcome.code, command.join(' ')).toBe(3);
      expect(outcome.stderr).toBe(
        `seqlab ${command[0]}: There is no database at ${path}, and nothing was created there (only commands that add runs or datasets ` +
          'create one). Check the path given with --db PATH or the SEQLAB_DB environment variable.\n',
      );
    }
    expect(existsSync(join(fx.dir, 'tpyo'))).toBe(false);
    expect(readdirSync(fx.dir).sort()).toEqual(['model.onnx']);
  });

  it('is created by a command that adds runs, which says so (once)', async () => {
    const spec = fx.writeJson('spec.json', tinySpec(4));
    const first = await fx.run(['train', spec]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`Created a new database at ${fx.databasePath}.\n`);
    const second = await fx.run(['train', spec]);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('Created a new database');
    expect((await fx.run(['list', '--json'])).json<{ runs: unknown[] }>().runs).toHaveLength(2);
  });
});

describe('a database that cannot be used', () => {
  it('a refused WAL database (newer SeqLab) is exit 3 and its folder is left exactly as it was: no -wal or -shm', async () => {
    const folder = join(fx.dir, 'data');
    mkdirSync(folder);
    const path = join(folder, 'future.db');
    walDatabase(path, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    const before = snapshotFolder(folder);
    const outcome = await fx.run(['list', '--db', path]);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toMatch(/written by a newer SeqLab/);
    expect(snapshotFolder(folder)).toEqual(before);
  });

  it('a database in a read-only folder is exit 3 with one line naming the path and why, and the folder left as it was', { timeout: 180_000 }, () => {
    const asRoot = process.getuid?.() === 0;
    const folder = join(fx.dir, 'read-only');
    mkdirSync(folder);
    const path = join(folder, 'runs.db');
    walDatabase(path);
    chmodSync(path, 0o666);
    chmodSync(folder, 0o555);
    chmodSync(fx.dir, 0o755);
    const spec = fx.writeJson('spec.json', tinySpec(4));
    chmodSync(join(fx.dir, spec), 0o644);
    const before = snapshotFolder(folder);
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'SEQLAB_DB'));
    const command = [...(asRoot ? AS_ROOT_WITHOUT_OVERRIDE : []), process.execPath, '--import', 'tsx', CLI_CHILD];
    const run = (args: string[]) => spawnSync(command[0]!, [...command.slice(1), ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 180_000 });

    const listed = run(['list', '--db', path]);
    expect(listed.status, listed.stderr).toBe(3);
    expect(listed.stderr).toBe(
      `seqlab list: SeqLab cannot read and write the database ${path} (its folder ${folder} is not writable: permission denied, EACCES; SQLite keeps ` +
        'two files beside the database, -wal and -shm). Check that the file and its folder are writable by you and the disk is not full, or start ' +
        'SeqLab with another database file (--db PATH or the SEQLAB_DB environment variable).\n',
    );
    // A new database there: the same, from the command that would have created it.
    const trained = run(['train', join(fx.dir, spec), '--db', join(folder, 'new.db')]);
    expect(trained.status, trained.stderr).toBe(3);
    expect(trained.stderr).toMatch(
      new RegExp(
        `^seqlab train: SeqLab cannot read and write the database ${join(folder, 'new.db')} \\(its folder ${folder} is not writable: permission denied, EACCES; [^\\n]*\\n$`,
      ),
    );
    expect(snapshotFolder(folder)).toEqual(before);
  });

  it('a path under a file (which no user, root included, can create) is exit 3 naming it', async () => {
    writeFileSync(join(fx.dir, 'plain-file'), 'x');
    const path = join(fx.dir, 'plain-file', 'runs.db');
    const outcome = await fx.run(['train', fx.writeJson('spec.json', tinySpec(4)), '--db', path]);
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toMatch(new RegExp(`^seqlab train: SeqLab cannot read and write the database ${path} \\(its folder cannot be created: [^\\n]*\\n$`));
  });
});

describe('a damaged checkpoint', () => {
  /** Inverts 512 bytes of a stored checkpoint through SQL, leaving its checksum: a damaged disk. */
  function damage(runId: number, kind: 'latest' | 'best'): void {
    const db = new Database(fx.databasePath);
    const blob = db.prepare('SELECT blob FROM checkpoints WHERE run_id = ? AND kind = ?').pluck().get(runId, kind) as Buffer;
    for (let i = 64; i < Math.min(blob.length, 64 + 512); i++) blob[i] = (blob[i] as number) ^ 0xff;
    db.prepare('UPDATE checkpoints SET blob = ? WHERE run_id = ? AND kind = ?').run(blob, runId, kind);
    db.close();
  }

  it(
    'is not exported: exit 3 naming run, kind and step, and the intact one offered; resume continues from the intact one and says so',
    { timeout: 120_000 },
    async () => {
      const trained = await fx.run(['train', fx.writeJson('spec.json', tinySpec(12)), '--json']);
      expect(trained.code, trained.stderr).toBe(0);
      const runId = trained.json<{ run: { id: number } }>().run.id;
      const store = openStore(fx.databasePath);
      const best = store.checkpoints.info(runId, 'best')?.step as number;
      store.close();
      damage(runId, 'latest');

      const refused = await fx.run(['export', String(runId), '--onnx', 'latest.onnx']);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(
        `Run ${runId}'s latest checkpoint (step 12) is damaged: its bytes no longer match the SHA-256 saved with them. Nothing was exported; ` +
          `its best checkpoint (step ${best}) is intact and can be used instead.`,
      );
      expect(existsSync(join(fx.dir, 'latest.onnx'))).toBe(false);
      const exported = await fx.run(['export', String(runId), '--onnx', 'best.onnx', '--best', '--json']);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.json<{ export: { checkpoint: unknown } }>().export.checkpoint).toEqual({ kind: 'best', step: best });

      // As if training had been interrupted at its last checkpoint: resuming says where it continues from.
      const db = new Database(fx.databasePath);
      db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ?").run(runId);
      db.close();
      const resumed = await fx.run(['resume', String(runId), '--json']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`Run ${runId}'s latest checkpoint (step 12) is damaged`);
      expect(resumed.stderr).toContain(`The run continues from its best checkpoint instead (step ${best}), the last intact state of this run`);
      expect(resumed.json<{ run: { status: string; step: number } }>().run).toMatchObject({ status: 'completed', step: 12 });
    },
  );
});
