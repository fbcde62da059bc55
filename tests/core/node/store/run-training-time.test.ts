// A run's training time is the sum of its active (running) segments, from controlled timestamps: time spent
// paused or interrupted — however long before a resume — does not count, and a process that died mid-segment
// is charged up to its last logged step, not up to the next start-up. Also the explosions a run records.
import { describe, expect, test } from 'vitest';
import { readRunResults } from '../../../../core/node/backend/run-results';
import { METRIC } from '../../../../core/common/train/metric-names';
import { MAX_RUN_WARNINGS } from '../../../../core/node/store/run-repository';
import type { Store } from '../../../../core/node/store/store';
import { createRun, useStoreFixture } from './store-fixture';

const fx = useStoreFixture();
const DAY = 86_400_000;

/** Moves the clock by `ms`, then the run to `status`. */
function at(store: Store, runId: number, ms: number, status: Parameters<Store['runs']['updateStatus']>[1]) {
  fx.clock.now += ms;
  return store.runs.updateStatus(runId, status);
}

describe('run training time', () => {
  test('sums the running segments: pauses and an interruption a day long are left out', () => {
    const store = fx.open();
    const id = createRun(store);
    at(store, id, 0, 'running');
    at(store, id, 1000, 'paused'); //                        trained 1 s
    at(store, id, 60_000, 'running'); //                     paused a minute
    expect(store.runs.get(id)).toMatchObject({ activeMs: 1000, runningSince: fx.clock.now });
    expect(readRunResults(store, store.runs.get(id)!, fx.clock.now + 500).durationMs).toBe(1500); // live: up to now
    at(store, id, 2000, 'interrupted'); //                   trained 2 s more; the app quit
    at(store, id, DAY, 'queued'); //                         resumed a day later
    at(store, id, 5000, 'running'); //                       waited 5 s for a worker
    const ended = at(store, id, 3000, 'completed'); //       trained 3 s
    expect(ended).toMatchObject({ activeMs: 6000, runningSince: null });
    expect(readRunResults(store, ended!, fx.clock.now + DAY).durationMs).toBe(6000);
    // the old measure, end − first start, counted the day it sat interrupted
    expect(ended!.endedAt! - ended!.startedAt!).toBeGreaterThan(DAY);
  });

  test('a process that died while training is charged up to its last logged step, not the next start-up', () => {
    const store = fx.open({ owner: 'desk:1' });
    const id = createRun(store);
    at(store, id, 0, 'running');
    const started = fx.clock.now;
    store.metrics.append([
      { runId: id, name: METRIC.trainLoss, step: 1, value: 1, wallTime: started + 400 },
      { runId: id, name: METRIC.trainLoss, step: 2, value: 1, wallTime: started + 2500.4 },
    ]);
    fx.clock.now += 3 * DAY; // the next start of the app
    const [interrupted] = store.runs.markInterrupted(() => false);
    expect(interrupted).toMatchObject({ id, status: 'interrupted', activeMs: 2500, runningSince: null });
  });

  test('a run that never started has no training time', () => {
    const store = fx.open();
    const id = createRun(store);
    expect(readRunResults(store, store.runs.get(id)!, fx.clock.now + DAY).durationMs).toBeNull();
  });
});

describe('run divergence and warnings', () => {
  const explosion = (step: number) => ({ step, reason: `the gradient norm was huge since step ${step - 9}`, lastSaneLoss: 0.25, lastSaneStep: step - 10 });

  test('keep the explosion that ended a run and those it trained through, oldest first, at most MAX_RUN_WARNINGS', () => {
    const store = fx.open();
    const id = createRun(store);
    store.runs.addWarning(id, explosion(20));
    store.runs.addWarning(id, explosion(40));
    expect(store.runs.get(id)?.warnings).toEqual([explosion(20), explosion(40)]);
    for (let i = 2; i < MAX_RUN_WARNINGS + 5; i++) store.runs.addWarning(id, explosion(20 * (i + 1)));
    expect(store.runs.get(id)?.warnings).toHaveLength(MAX_RUN_WARNINGS);
    store.runs.updateStatus(id, 'diverged', 'Training diverged');
    store.runs.recordDivergence(id, explosion(99));
    expect(store.runs.get(id)).toMatchObject({ status: 'diverged', divergence: explosion(99) });
  });
});
