// Crash safety (issue 6): a child process training a run is SIGKILLed at seeded random moments, several
// times. After each kill the database is intact, every metric up to the last committed step is there
// without gaps, the run is found interrupted at start-up and resumes; in the end its parameters, best
// checkpoint and every committed metric equal those of a run that was never interrupted.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { METRIC } from '../../../../core/common/train/metric-names';
import { createRunner } from '../../../../core/node/runner/create-runner';
import { Runner } from '../../../../core/node/runner/runner';
import type { RunnerEvent } from '../../../../core/node/runner/runner-types';
import { openStore, type Store } from '../../../../core/node/store/store';
import type { RunStatus } from '../../../../core/node/store/types';
import { useStoreFixture } from '../store/store-fixture';
import { addingSpec, checkpointParams, createRun, EventLog, sleep, TRAIN_WORKER } from './runner-fixture';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const KILLS = 4;
/** Kill moments are uniform in [0, MAX_DELAY_MS) after the child's first progress report (so mid-training). */
const MAX_DELAY_MS = 700;
const STEPS = 15000;
const SPEC = addingSpec({ steps: STEPS, checkpointEvery: 100, evalEvery: 50, gradNormsEvery: 25 }, { cell: 'lstm', hiddenSize: 32 });

const fixture = useStoreFixture();

interface Child {
  /** Resolves once the child printed this event type or status; rejects if it exits first. */
  reached(what: 'progress' | RunStatus): Promise<void>;
  readonly exited: Promise<number | null>;
  kill(): void;
}

function spawnChild(dbPath: string, mode: 'start' | 'resume', runId: number): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, mode, String(runId)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = new Set<string>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': the child's last stdout lines may still be unread when it exits, and `reached` must see them.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const event = JSON.parse(line) as RunnerEvent;
    seen.add(event.type === 'status' ? event.status : event.type);
  });
  return {
    reached: (what) =>
      new Promise((resolve, reject) => {
        lines.on('line', () => seen.has(what) && resolve());
        void exited.then((code) => (seen.has(what) ? resolve() : reject(new Error(`child exited (${code}) before ${what}: ${stderr}`))));
      }),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** Every committed metric value by `name@step`. */
function metricValues(store: Store, runId: number): Map<string, number> {
  const values = new Map<string, number>();
  for (const name of store.metrics.names(runId)) {
    const series = store.metrics.series(runId, name);
    series.steps.forEach((step, i) => values.set(`${name}@${step}`, series.values[i]!));
  }
  return values;
}

function integrityCheck(dbPath: string): string[] {
  const db = new Database(dbPath);
  try {
    return db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  } finally {
    db.close();
  }
}

it('survives SIGKILL at random moments and resumes to the result of an uninterrupted run', { timeout: 300_000 }, async () => {
  // The uninterrupted reference trains in this process meanwhile, in a database of its own.
  const referenceStore = openStore(join(fixture.dir(), 'reference.db'));
  const referenceLog = new EventLog();
  const referenceRunner = createRunner(referenceStore, referenceLog.listener, { concurrency: 1 });
  const reference = createRun(referenceStore, SPEC);
  referenceRunner.start(reference);

  const dbPath = fixture.dbPath();
  let store = openStore(dbPath);
  const runId = createRun(store, SPEC);
  store.close();
  const rng = new Rng(20240601);
  const committed = new Map<string, number>();
  let mode: 'start' | 'resume' = 'start';
  let kills = 0;

  for (let round = 0; round < KILLS; round++) {
    const child = spawnChild(dbPath, mode, runId);
    await child.reached('progress');
    const finishedFirst = await Promise.race([sleep(rng.int(MAX_DELAY_MS)).then(() => false), child.exited.then(() => true)]);
    if (finishedFirst) break;
    child.kill();
    await child.exited;
    kills += 1;

    expect(integrityCheck(dbPath)).toEqual(['ok']);
    store = openStore(dbPath);
    const run = store.runs.get(runId);
    expect(run?.status).toBe('running');
    // No gaps: every step up to the last committed one has its loss, every evaluation its row, and the
    // run's progress is that step. A checkpoint never runs ahead of its metrics.
    const last = run?.step ?? 0;
    const everyStep = Array.from({ length: last }, (_, i) => i + 1);
    for (const name of [METRIC.trainLoss, METRIC.learningRate, METRIC.gradNorm]) expect(store.metrics.series(runId, name).steps).toEqual(everyStep);
    expect(store.metrics.series(runId, METRIC.valLoss).steps).toEqual(everyStep.filter((step) => step % 50 === 0));
    expect(store.metrics.series(runId, 'grad_h/l0/t7').steps).toEqual(everyStep.filter((step) => step === 1 || step % 25 === 0));
    expect(store.checkpoints.info(runId, 'latest')?.step ?? 0).toBeLessThanOrEqual(last);
    for (const [key, value] of metricValues(store, runId)) committed.set(key, value);

    const recovered = new Runner(store, () => {}, { workerEntry: TRAIN_WORKER }).recoverAtStartup();
    expect(recovered.map((r) => [r.id, r.status])).toEqual([[runId, 'interrupted']]);
    store.close();
    mode = 'resume';
  }
  expect(kills).toBeGreaterThanOrEqual(3);

  store = openStore(dbPath);
  if (store.runs.get(runId)?.status !== 'completed') {
    store.close();
    const child = spawnChild(dbPath, mode, runId);
    await child.reached('completed');
    expect(await child.exited).toBe(0);
    store = openStore(dbPath);
  }
  await referenceLog.status(reference, 'completed', 0, 240_000);
  await referenceRunner.shutdown();

  expect(integrityCheck(dbPath)).toEqual(['ok']);
  expect(store.runs.get(runId)).toMatchObject({ status: 'completed', step: STEPS, error: null });
  expect(checkpointParams(store, runId)).toEqual(checkpointParams(referenceStore, reference));
  expect(checkpointParams(store, runId, 'best')).toEqual(checkpointParams(referenceStore, reference, 'best'));
  const final = metricValues(store, runId);
  expect(final).toEqual(metricValues(referenceStore, reference));
  // Every value ever committed before a kill is still there, unchanged.
  const changed = [...committed].filter(([key, value]) => !Object.is(final.get(key), value));
  expect(changed).toEqual([]);
  store.close();
  referenceStore.close();
});
