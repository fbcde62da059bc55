// The runner's pool counts threads, not runs: a run with training.threads = 2 holds two of the pool's slots,
// runs start first in, first out (a wide run at the head is not overtaken by narrower ones), and a run asking
// for more threads than the pool has still trains, alone. Real training and gradient workers, real SQLite.
import { afterEach, describe, expect, it } from 'vitest';
import { createRunner } from '../../../../core/node/runner/create-runner';
import type { Runner } from '../../../../core/node/runner/runner';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from '../store/store-fixture';
import { addingSpec, createRun, EventLog } from './runner-fixture';

const fixture = useStoreFixture();
const runners: Runner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.shutdown()));
});

function setUp(concurrency: number): { store: Store; runner: Runner; log: EventLog } {
  const store = fixture.open();
  const log = new EventLog();
  const runner = createRunner(store, log.listener, { concurrency });
  runners.push(runner);
  return { store, runner, log };
}

/** The adding problem; `threads` > 1 trains data-parallel over that many threads. */
const run = (store: Store, threads: number, steps: number) =>
  createRun(store, addingSpec({ steps, threads, batchSize: 8, gradNormsEvery: 0, evalEvery: 1000, checkpointEvery: 1000 }));

/** Position in the event log of a run's status. */
function at(log: EventLog, runId: number, status: string): number {
  const i = log.events.findIndex((e) => e.type === 'status' && e.runId === runId && e.status === status);
  if (i < 0) throw new Error(`run ${runId} never became ${status}`);
  return i;
}

describe('Runner pool slots', () => {
  it('lets a two-thread run fill a two-core pool; one-thread runs wait, then train together', async () => {
    const { store, runner, log } = setUp(2);
    const [wide, x, y] = [run(store, 2, 40), run(store, 1, 40), run(store, 1, 40)];
    for (const id of [wide, x, y]) runner.start(id);
    expect(runner.activeRunIds).toEqual([wide]);
    expect(runner.busySlots).toBe(2);
    expect(runner.queuedRunIds).toEqual([x, y]);
    await Promise.all([wide, x, y].map((id) => log.status(id, 'completed')));
    expect(at(log, x, 'running')).toBeGreaterThan(at(log, wide, 'completed'));
    expect(at(log, y, 'running')).toBeGreaterThan(at(log, wide, 'completed'));
    // x and y shared the pool: both started before either ended
    expect(Math.max(at(log, x, 'running'), at(log, y, 'running'))).toBeLessThan(Math.min(at(log, x, 'completed'), at(log, y, 'completed')));
    for (const id of [wide, x, y]) expect(store.runs.get(id)).toMatchObject({ status: 'completed', step: 40 });
  });

  it('keeps first in, first out: a two-thread run waiting for a free core is not overtaken by a one-thread run', async () => {
    const { store, runner, log } = setUp(2);
    const [narrow, wide, late] = [run(store, 1, 400), run(store, 2, 30), run(store, 1, 30)];
    for (const id of [narrow, wide, late]) runner.start(id);
    // one slot is free, but the run at the head needs two
    expect(runner.activeRunIds).toEqual([narrow]);
    expect(runner.busySlots).toBe(1);
    expect(runner.queuedRunIds).toEqual([wide, late]);
    await Promise.all([narrow, wide, late].map((id) => log.status(id, 'completed')));
    expect(at(log, wide, 'running')).toBeGreaterThan(at(log, narrow, 'completed'));
    expect(at(log, late, 'running')).toBeGreaterThan(at(log, wide, 'completed'));
  });

  it('trains a run asking for more threads than the pool has, alone, and frees the pool after it', async () => {
    const { store, runner, log } = setUp(1);
    const [wide, next] = [run(store, 2, 30), run(store, 1, 30)];
    runner.start(wide);
    runner.start(next);
    expect(runner.activeRunIds).toEqual([wide]);
    expect(runner.busySlots).toBe(1);
    expect(await log.status(wide, 'completed')).toMatchObject({ error: null });
    await log.status(next, 'completed');
    expect(at(log, next, 'running')).toBeGreaterThan(at(log, wide, 'completed'));
    expect(runner.busySlots).toBe(0);
  });
});
