// openStore / openDatabase: migrations, pragmas, and refusing files it must not touch (bytes unchanged).

import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { StoreOpenError, type StoreOpenErrorCode } from '../../../../core/node/store/errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from '../../../../core/node/store/migrations';
import { openStore } from '../../../../core/node/store/store';
import { snapshotFolder, useStoreFixture } from './store-fixture';

const fx = useStoreFixture();

/** The schema as SQLite stores it, to compare two opens. */
function schemaOf(path: string): { sql: string[]; userVersion: number; applicationId: number } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      sql: db.prepare('SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name').pluck().all() as string[],
      userVersion: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/** A closed SeqLab database in rollback-journal mode, so that the main file alone holds everything. */
function writeSeqLabFile(path: string, tweak?: (db: Database.Database) => void): void {
  const store = openStore(path);
  store.experiments.create({ name: 'kept' });
  store.close();
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  tweak?.(db);
  db.close();
}

/**
 * A closed SeqLab database in WAL mode, as the app leaves it: the last connection's close removed -wal and
 * -shm, and the header says WAL (so SQLite creates both again to read it).
 */
function writeWalSeqLabFile(path: string, tweak?: (db: Database.Database) => void): void {
  const store = openStore(path);
  store.experiments.create({ name: 'kept' });
  store.close();
  const db = new Database(path);
  tweak?.(db);
  db.close();
  expect(readdirSync(join(path, '..'))).toEqual([basename(path)]);
}

/** Asserts openStore refuses `path` with `code`, naming the file, and leaves the folder byte-identical. */
function expectRefused(path: string, code: StoreOpenErrorCode): StoreOpenError {
  const folder = join(path, '..');
  const before = snapshotFolder(folder);
  let caught: unknown;
  try {
    openStore(path).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreOpenError);
  const error = caught as StoreOpenError;
  expect(error.code).toBe(code);
  expect(error.path).toBe(path);
  expect(error.message).toContain(path);
  expect(snapshotFolder(folder)).toEqual(before);
  return error;
}

describe('migrations', () => {
  test('are numbered 1..n in order and each sets its own user_version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    for (const migration of MIGRATIONS) {
      expect(migration.sql).toContain(`PRAGMA user_version = ${migration.version};`);
    }
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  test('take an empty file to the latest version', () => {
    writeFileSync(fx.dbPath(), '');
    fx.open().close();
    const schema = schemaOf(fx.dbPath());
    expect(schema.userVersion).toBe(SCHEMA_VERSION);
    expect(schema.applicationId).toBe(APPLICATION_ID);
    const tables = schema.sql.filter((sql) => sql.startsWith('CREATE TABLE')).map((sql) => sql.split(/\s+/)[2]);
    expect(tables.sort()).toEqual(['checkpoints', 'datasets', 'experiments', 'exports', 'metrics', 'runs', 'studies', 'sweeps']);
  });

  test('create missing folders', () => {
    const path = join(fx.dir(), 'a', 'b', 'seqlab.db');
    openStore(path).close();
    expect(schemaOf(path).userVersion).toBe(SCHEMA_VERSION);
  });

  test('are idempotent: reopening keeps schema, version and data', () => {
    const first = fx.open();
    first.experiments.create({ name: 'survives', tags: ['x'] });
    first.close();
    const schemaAfterFirst = schemaOf(fx.dbPath());
    const second = fx.open();
    expect(second.experiments.list().map((e) => [e.name, e.tags])).toEqual([['survives', ['x']]]);
    second.close();
    expect(schemaOf(fx.dbPath())).toEqual(schemaAfterFirst);
  });
});

describe('connection settings', () => {
  test('WAL, foreign keys, synchronous=NORMAL and a busy timeout are on', () => {
    const store = fx.open();
    expect(store.connectionSettings()).toEqual({
      journalMode: 'wal',
      foreignKeys: true,
      synchronous: 1,
      busyTimeoutMs: 5000,
      schemaVersion: SCHEMA_VERSION,
    });
    // WAL is a property of the file, so a second connection sees it too.
    const other = new Database(fx.dbPath(), { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
    // Foreign keys enforced on the store's own connection: a run of a missing experiment is rejected.
    expect(() => store.runs.create({ experimentId: 999, name: 'orphan', spec: {} })).toThrow(/FOREIGN KEY/);
  });
});

describe('sharing and transactions', () => {
  test('a second connection (the CLI beside the app) opens the file while the first has it open', () => {
    const app = fx.open();
    const created = app.experiments.create({ name: 'from app' });
    const cli = fx.open();
    expect(cli.experiments.list().map((e) => e.name)).toEqual(['from app']);
    cli.experiments.create({ name: 'from cli' });
    expect(app.experiments.list()).toHaveLength(2);
    expect(created.ok).toBe(true);
  });

  test('store.transaction rolls back every write when its work throws', () => {
    const store = fx.open();
    expect(() =>
      store.transaction(() => {
        store.experiments.create({ name: 'half done' });
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.experiments.list()).toEqual([]);
  });
});

/** 200 experiments with long notes: enough pages that one near the end holds table data, not the schema. */
function addExperiments(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO experiments (name, notes, created_at) VALUES (@name, @notes, 0)');
  db.transaction(() => {
    for (let i = 0; i < 200; i++) insert.run({ name: `experiment ${i}`, notes: 'n'.repeat(500) });
  })();
}

/** Overwrites the third page from the end with a pattern (table data, not the schema on page 1). */
function damagePageNearTheEnd(path: string): void {
  const bytes = readFileSync(path);
  const pageSize = bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  expect(pages).toBeGreaterThan(20);
  bytes.fill(0xa5, (pages - 3) * pageSize, (pages - 2) * pageSize);
  writeFileSync(path, bytes);
}

describe('refusing files it must not touch', () => {
  test('a database from a newer SeqLab: newer-version, bytes unchanged', () => {
    writeSeqLabFile(fx.dbPath(), (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    const error = expectRefused(fx.dbPath(), 'newer-version');
    expect(error.message).toMatch(/newer SeqLab/);
    expect(error.message).toMatch(/Update SeqLab/);
  });

  test('a valid SQLite header followed by garbage: corrupt, bytes unchanged', () => {
    writeSeqLabFile(fx.dbPath());
    const header = readFileSync(fx.dbPath()).subarray(0, 100);
    const garbage = Buffer.alloc(3 * 4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    writeFileSync(fx.dbPath(), Buffer.concat([header, garbage]));
    expect(expectRefused(fx.dbPath(), 'corrupt').message).toMatch(/damaged.*backup/s);
  });

  test('a damaged page deep in an otherwise valid database: corrupt (found by quick_check), bytes unchanged', () => {
    writeSeqLabFile(fx.dbPath(), addExperiments);
    damagePageNearTheEnd(fx.dbPath());
    expectRefused(fx.dbPath(), 'corrupt');
  });

  test('a text file: not-a-database, bytes unchanged', () => {
    writeFileSync(fx.dbPath(), 'step,loss\n'.concat('1,0.5\n'.repeat(100)));
    expect(expectRefused(fx.dbPath(), 'not-a-database').message).toMatch(/not a SeqLab database/);
  });

  test('a file shorter than the SQLite header: not-a-database, bytes unchanged', () => {
    writeFileSync(fx.dbPath(), 'SQLite format 3\0');
    expectRefused(fx.dbPath(), 'not-a-database');
  });

  test("another program's SQLite database: not-a-database, bytes unchanged", () => {
    const db = new Database(fx.dbPath());
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    expect(expectRefused(fx.dbPath(), 'not-a-database').message).toMatch(/another program/);
  });

  test('a folder where the file should be: not-a-database', () => {
    mkdirSync(fx.dbPath());
    expectRefused(fx.dbPath(), 'not-a-database');
  });

  test('a folder that cannot be created: unwritable', () => {
    writeFileSync(join(fx.dir(), 'plain-file'), 'x');
    const path = join(fx.dir(), 'plain-file', 'seqlab.db');
    expect(() => openStore(path)).toThrow(expect.objectContaining({ code: 'unwritable', path }));
  });

  test('a SQLite file with no tables yet is used as a fresh database', () => {
    new Database(fx.dbPath()).close();
    fx.open().close();
    expect(schemaOf(fx.dbPath()).userVersion).toBe(SCHEMA_VERSION);
  });

  // Issue 11: a read-only connection to a WAL database creates -wal and -shm beside it and leaves them.
  test('a WAL database from a newer SeqLab: refused leaving no -wal or -shm beside it', () => {
    writeWalSeqLabFile(fx.dbPath(), (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    expectRefused(fx.dbPath(), 'newer-version');
  });

  test('a damaged WAL database (found by quick_check): refused leaving no -wal or -shm beside it', () => {
    writeWalSeqLabFile(fx.dbPath(), addExperiments);
    damagePageNearTheEnd(fx.dbPath());
    expectRefused(fx.dbPath(), 'corrupt');
  });

  test("another program's WAL database: refused leaving no -wal or -shm beside it", () => {
    const db = new Database(fx.dbPath());
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    expect(expectRefused(fx.dbPath(), 'not-a-database').message).toMatch(/another program/);
  });

  test('a healthy WAL database with its -wal and -shm in use by another connection is opened, and theirs kept', () => {
    writeWalSeqLabFile(fx.dbPath());
    const other = new Database(fx.dbPath());
    other.prepare('INSERT INTO experiments (name, notes, tags, created_at) VALUES (?, ?, ?, ?)').run('from the other', '', '[]', 0);
    const store = fx.open();
    expect(
      store.experiments
        .list()
        .map((e) => e.name)
        .sort(),
    ).toEqual(['from the other', 'kept']);
    store.close();
    expect(other.prepare('SELECT count(*) FROM experiments').pluck().get()).toBe(2);
    other.close();
  });
});

describe('creating a database, or not', () => {
  test('a missing file is created (with its folders) and reported as created; reopened, it is not', () => {
    const path = join(fx.dir(), 'new', 'seqlab.db');
    const store = openStore(path);
    expect(store.created).toBe(true);
    store.close();
    const again = openStore(path);
    expect(again.created).toBe(false);
    again.close();
  });

  test('an empty file becomes a new database, reported as created', () => {
    writeFileSync(fx.dbPath(), '');
    expect(fx.open().created).toBe(true);
  });

  test('with create: false a missing file is refused as missing, naming it, and nothing is created', () => {
    const path = join(fx.dir(), 'typo', 'seqlab.db');
    const before = snapshotFolder(fx.dir());
    let caught: unknown;
    try {
      openStore(path, { create: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreOpenError);
    expect(caught).toMatchObject({ code: 'missing', path });
    expect((caught as Error).message.startsWith(`There is no database at ${path}, and nothing was created there`)).toBe(true);
    expect(snapshotFolder(fx.dir())).toEqual(before);
    expect(existsSync(join(fx.dir(), 'typo'))).toBe(false);
    // An existing one opens as usual.
    openStore(fx.dbPath()).close();
    const existing = openStore(fx.dbPath(), { create: false });
    expect(existing.created).toBe(false);
    existing.close();
  });
});
