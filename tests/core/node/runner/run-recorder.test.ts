// The runner's storage failures (issue 11), with real workers and a real SQLite file: a full disk stops a
// training run as interrupted with its last committed checkpoint intact, and once there is space again it
// is stored so and resumes to the result of an uninterrupted run; a damaged latest checkpoint is resumed
// from the best one, saying so, and a run with no intact checkpoint is not silently restarted from step 0.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC } from '../../../../core/common/train/metric-names';
import { createRunner } from '../../../../core/node/runner/create-runner';
import type { Runner } from '../../../../core/node/runner/runner';
import { openDatabase } from '../../../../core/node/store/open-database';
import { Store } from '../../../../core/node/store/store';
import type { CheckpointKind } from '../../../../core/node/store/types';
import { useStoreFixture } from '../store/store-fixture';
import { addingSpec, checkpointParams, createRun, EventLog, sleep } from './runner-fixture';

const fixture = useStoreFixture();
const runners: Runner[] = [];
const heldStores: Store[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.shutdown()));
  for (const store of heldStores.splice(0)) store.close();
});

function setUp(store: Store = fixture.open()): { store: Store; runner: Runner; log: EventLog } {
  const log = new EventLog();
  const runner = createRunner(store, log.listener, { concurrency: 2 });
  runners.push(runner);
  return { store, runner, log };
}

async function until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Inverts `count` bytes of a stored checkpoint through a second connection, leaving its checksum: a damaged disk. */
function damage(path: string, runId: number, kind: CheckpointKind, count = 512): void {
  const db = new Database(path);
  try {
    const blob = db.prepare('SELECT blob FROM checkpoints WHERE run_id = ? AND kind = ?').pluck().get(runId, kind) as Buffer;
    const from = Math.floor(blob.length / 3);
    for (let i = from; i < Math.min(blob.length, from + count); i++) blob[i] = (blob[i] as number) ^ 0xff;
    db.prepare('UPDATE checkpoints SET blob = ? WHERE run_id = ? AND kind = ?').run(blob, runId, kind);
  } finally {
    db.close();
  }
}

describe('a full disk', () => {
  it(
    'stops a training run as interrupted, not failed; with space again it is stored so and resumes to the uninterrupted result',
    { timeout: 180_000 },
    async () => {
      // A connection the test holds, so that it can fill the "disk" (max_page_count) and free it again.
      const { db } = openDatabase(fixture.dbPath());
      const store = new Store(db);
      heldStores.push(store);
      const { runner, log } = setUp(store);
      const spec = addingSpec({ steps: 400, checkpointEvery: 50, evalEvery: 25 });
      const runId = createRun(store, spec);
      const reference = createRun(store, spec);
      runner.start(reference);
      await log.status(reference, 'completed', 0, 60_000);

      runner.start(runId);
      await until(() => store.checkpoints.info(runId, 'latest') !== undefined, 'a first checkpoint');
      runner.pause(runId);
      await log.status(runId, 'paused');
      const unlimited = db.pragma('max_page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 1}`);
      const since = log.events.length;
      runner.resume(runId);

      const stopped = await log.status(runId, 'interrupted', since, 30_000);
      const latest = store.checkpoints.load(runId, 'latest'); // checked against its SHA-256: intact
      expect(latest).toBeDefined();
      expect(stopped.error).toBe(
        `Training stopped because the database ${fixture.dbPath()} could not be written: disk full (SQLITE_FULL). Nothing is lost up to its last ` +
          `saved checkpoint (step ${latest?.step}); free space on its disk, then resume the run to continue from there.`,
      );
      expect(log.statuses(runId)).not.toContain('failed');
      expect(runner.activeRunIds).toEqual([]);

      // Space again: the interruption SQLite could not store is written by the next attempt.
      db.pragma(`max_page_count = ${unlimited}`);
      await until(() => store.runs.get(runId)?.status === 'interrupted', 'the interrupted status to be stored');
      expect(store.runs.get(runId)).toMatchObject({ status: 'interrupted', error: stopped.error });
      expect(runner.resumeInterrupted(runId)).toEqual({ ok: true });
      await log.status(runId, 'completed', since, 60_000);
      expect(checkpointParams(store, runId)).toEqual(checkpointParams(store, reference));
      for (const name of [METRIC.trainLoss, METRIC.valLoss]) {
        expect(store.metrics.series(runId, name)).toEqual({ ...store.metrics.series(reference, name), runId, wallTimes: expect.any(Array) });
      }
    },
  );
});

describe('a damaged checkpoint', () => {
  it('resumes from the best checkpoint when the latest is damaged, saying which and why, to the uninterrupted result', { timeout: 180_000 }, async () => {
    const { store, runner, log } = setUp();
    const spec = addingSpec({ steps: 1500, checkpointEvery: 400, evalEvery: 50 }, { cell: 'lstm' });
    const runId = createRun(store, spec);
    runner.start(runId);
    await log.waitFor((e) => e.type === 'progress' && e.runId === runId && e.step >= 120);
    await runner.shutdown(); // app exit: a checkpoint, and the run is interrupted
    const latestStep = store.checkpoints.info(runId, 'latest')?.step ?? 0;
    const bestStep = store.checkpoints.info(runId, 'best')?.step ?? 0;
    expect(bestStep).toBeGreaterThan(0);
    damage(fixture.dbPath(), runId, 'latest');

    const next = setUp();
    const reference = createRun(store, spec);
    expect(next.runner.resumeInterrupted(runId)).toEqual({ ok: true });
    const running = await next.log.status(runId, 'running');
    const retrained = bestStep < latestStep ? `; steps ${bestStep + 1}–${latestStep} are trained again` : '';
    expect(running.error).toBe(
      `Run ${runId}'s latest checkpoint (step ${latestStep}) is damaged: its bytes no longer match the SHA-256 saved with them. ` +
        `The run continues from its best checkpoint instead (step ${bestStep}), the last intact state of this run${retrained}.`,
    );
    // What the run claims matches what it does: its progress restarts at the best checkpoint's step.
    expect(store.runs.get(runId)?.step).toBe(bestStep);
    expect(Math.max(...store.metrics.series(runId, METRIC.trainLoss).steps)).toBe(bestStep);
    next.runner.start(reference);
    await Promise.all([next.log.status(runId, 'completed', 0, 60_000), next.log.status(reference, 'completed', 0, 60_000)]);
    expect(checkpointParams(store, runId)).toEqual(checkpointParams(store, reference));
    expect(store.metrics.series(runId, METRIC.trainLoss).values).toEqual(store.metrics.series(reference, METRIC.trainLoss).values);
  });

  it('does not restart a run from step 0 when neither checkpoint is intact: it fails, saying why', { timeout: 180_000 }, async () => {
    const { store, runner, log } = setUp();
    const runId = createRun(store, addingSpec({ steps: 200, checkpointEvery: 50, evalEvery: 25 }));
    runner.start(runId);
    await log.status(runId, 'completed');
    store.runs.updateStatus(runId, 'interrupted');
    damage(fixture.dbPath(), runId, 'latest');
    damage(fixture.dbPath(), runId, 'best');
    const rows = store.metrics.series(runId, METRIC.trainLoss).steps.length;

    const since = log.events.length;
    expect(runner.resumeInterrupted(runId)).toEqual({ ok: true });
    const failed = await log.status(runId, 'failed', since);
    expect(failed.error).toBe(
      `Run ${runId}'s latest checkpoint (step 200) is damaged: its bytes no longer match the SHA-256 saved with them. The run has no intact best ` +
        'checkpoint to continue from either, so it cannot resume (it was not restarted from step 0); train its spec again as a new run.',
    );
    expect(log.statuses(runId).slice(-2)).toEqual(['queued', 'failed']);
    expect(store.runs.get(runId)).toMatchObject({ status: 'failed', step: 200, error: failed.error });
    expect(store.metrics.series(runId, METRIC.trainLoss).steps).toHaveLength(rows);
  });
});
