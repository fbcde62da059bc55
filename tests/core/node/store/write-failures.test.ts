// Writes SQLite refuses (issue 11): a full disk is reported as a StoreWriteError naming the file and the
// reason, every write or none, and never acknowledged when nothing was stored. Two ways to fill a disk
// without root: `PRAGMA max_page_count` just above the file's size (refused while the statement runs),
// and a child process under a file-size limit (refused when SQLite writes the -wal at COMMIT — what
// `INSERT … RETURNING` with `.get()` outside a transaction used to swallow).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { StoreWriteError } from '../../../../core/node/store/errors';
import { openDatabase } from '../../../../core/node/store/open-database';
import { openStore, Store } from '../../../../core/node/store/store';
import { useStoreFixture } from './store-fixture';

const fx = useStoreFixture();
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./full-disk-child.ts', import.meta.url));

const DISK_FULL =
  /^The database .+ could not be written: disk full \(SQLITE_FULL\)\. Nothing of this change was saved; free space on its disk, then try again\.$/;

/** A store on a connection the test holds, so it can make the "disk" full and free it again. */
function openHeld(): { store: Store; db: Database.Database } {
  const { db } = openDatabase(fx.dbPath());
  return { store: new Store(db, { now: () => fx.clock.now }), db };
}

/** The database may not grow by more than one page from now on. */
function fill(db: Database.Database): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + 1}`);
}

function refusalOf(write: () => unknown): unknown {
  try {
    write();
  } catch (error) {
    return error;
  }
  throw new Error('the write was accepted');
}

describe('a full disk', () => {
  test('refuses each write with a StoreWriteError naming the file, and stores exactly what it acknowledged', () => {
    const { store, db } = openHeld();
    const experiment = store.experiments.create({ name: 'before' });
    if (!experiment.ok) throw new Error(experiment.message);
    const runId = store.runs.create({ experimentId: experiment.value.id, name: 'r', spec: {} }).id;
    fill(db);

    const acknowledged: string[] = [];
    let refusal: unknown;
    for (let i = 0; i < 300 && refusal === undefined; i++) {
      try {
        const created = store.experiments.create({ name: `experiment ${i}`, notes: 'n'.repeat(400) });
        if (created.ok) acknowledged.push(created.value.name);
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toBeInstanceOf(StoreWriteError);
    expect(refusal).toMatchObject({ path: fx.dbPath(), sqliteCode: 'SQLITE_FULL', reason: 'disk full (SQLITE_FULL)' });
    expect((refusal as Error).message).toMatch(DISK_FULL);
    expect(
      store.experiments
        .list()
        .map((e) => e.name)
        .sort(),
    ).toEqual(['before', ...acknowledged].sort());

    // Every kind of write says the same, and stores none of itself.
    const big = 'x'.repeat(20_000);
    for (const write of [
      () => store.runs.create({ experimentId: experiment.value.id, name: 'too big', spec: { big } }),
      () => store.checkpoints.save({ runId, step: 1, kind: 'latest', blob: new Uint8Array(20_000).fill(1) }),
      () => store.metrics.append(Array.from({ length: 2000 }, (_, step) => ({ runId, name: 'train/loss', step, value: step, wallTime: 0 }))),
      () => store.datasets.insert({ kind: 'text', name: 'd', contentHash: 'h', sizeBytes: 1, stats: { big } }),
      () => store.transaction(() => store.experiments.update(experiment.value.id, { notes: big })),
    ]) {
      const error = refusalOf(write);
      expect(error).toBeInstanceOf(StoreWriteError);
      expect((error as Error).message).toMatch(DISK_FULL);
    }
    expect(store.runs.list().map((r) => r.name)).toEqual(['r']);
    expect(store.checkpoints.list(runId)).toEqual([]);
    expect(store.metrics.names(runId)).toEqual([]);
    expect(store.experiments.get(experiment.value.id)?.notes).toBe('');

    // Closing on a full disk works (the planner statistics it would write are only a hint).
    expect(() => store.close()).not.toThrow();
    // Space back: the same file takes writes again, with everything acknowledged before.
    const reopened = openStore(fx.dbPath());
    expect(reopened.experiments.create({ name: 'after' }).ok).toBe(true);
    expect(reopened.experiments.list()).toHaveLength(acknowledged.length + 2);
    reopened.close();
  });

  test('a commit the disk refuses is never acknowledged: every experiment it reported exists, then runs.create says why', { timeout: 180_000 }, () => {
    openStore(fx.dbPath()).close();
    // `ulimit -f` counts 512- or 1024-byte blocks depending on the shell: a -wal of 64 or 128 kB, room
    // for a few commits. A limit applies to root too.
    const child = spawnSync('sh', ['-c', 'ulimit -f 128 && exec "$0" "$@"', process.execPath, '--import', 'tsx', CHILD, fx.dbPath()], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const outcome = JSON.parse(child.stdout) as {
      acknowledged: { id: number; name: string }[];
      refusal: { name: string; message: string } | null;
      run: { id: number } | { name: string; message: string } | null;
    };
    expect(outcome.acknowledged.length).toBeGreaterThan(0);
    expect(outcome.acknowledged.length).toBeLessThan(300);
    expect(outcome.refusal?.name).toBe('StoreWriteError');
    expect(outcome.refusal?.message).toMatch(/could not be written: .*\(SQLITE_(FULL|IOERR\w*)\)\. Nothing of this change was saved/);
    // The run of the last acknowledged experiment is refused for the same reason (it used to be "stored"
    // against an experiment that was not, and fail later as "Run 2 does not exist").
    expect(outcome.run).toMatchObject({ name: 'StoreWriteError', message: expect.stringMatching(/could not be written/) });

    const store = fx.open();
    expect(
      store.experiments
        .list()
        .map((e) => ({ id: e.id, name: e.name }))
        .sort((a, b) => a.id - b.id),
    ).toEqual(outcome.acknowledged);
    expect(store.runs.list()).toEqual([]);
  });
});
