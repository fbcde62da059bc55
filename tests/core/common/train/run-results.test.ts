// A run's results from its series: last and best (earliest on ties), the train loss only at the last step,
// non-finite values skipped, exact-sequence accuracy when logged.
import { describe, expect, it } from 'vitest';
import { summarizeRunResults } from '../../../../core/common/train/run-results';

describe('summarizeRunResults', () => {
  it('takes last and best values, including the exact-sequence accuracy of seq2seq runs', () => {
    const r = summarizeRunResults({
      trainLoss: { steps: [10, 20], values: [0.9, 0.4] },
      valLoss: { steps: [10, 20, 30], values: [0.8, 0.3, 0.5] },
      valAccuracy: { steps: [10, 20, 30], values: [0.5, 0.9, 0.9] },
      valSequenceAccuracy: { steps: [10, 20, 30], values: [0.1, null, 0.6] },
      lastStep: 20,
      startedAt: 1000,
      activeMs: 3000,
      runningSince: null,
      now: 9999,
    });
    expect(r).toEqual({
      finalTrainLoss: 0.4,
      finalValLoss: 0.5,
      bestValLoss: 0.3,
      bestValLossStep: 20,
      finalValAccuracy: 0.9,
      bestValAccuracy: 0.9,
      finalValSequenceAccuracy: 0.6,
      bestValSequenceAccuracy: 0.6,
      durationMs: 3000,
    });
  });

  it('leaves what a run did not log as null, and counts a training run up to now', () => {
    const r = summarizeRunResults({ lastStep: 0, startedAt: 100, activeMs: 0, runningSince: 100, now: 600 });
    expect(r).toMatchObject({ finalTrainLoss: null, bestValLoss: null, finalValSequenceAccuracy: null, bestValSequenceAccuracy: null, durationMs: 500 });
  });

  it('counts training time only: finished segments plus the current one, not the time between them', () => {
    // started at 100, trained 2 s before an interruption, resumed a day later and training for 1.5 s now
    const day = 86_400_000;
    expect(summarizeRunResults({ lastStep: 5, startedAt: 100, activeMs: 2000, runningSince: 100 + day, now: 100 + day + 1500 }).durationMs).toBe(3500);
    expect(summarizeRunResults({ lastStep: 5, startedAt: 100, activeMs: 2000, runningSince: null, now: 100 + 2 * day }).durationMs).toBe(2000);
    expect(summarizeRunResults({ lastStep: 0, startedAt: null, activeMs: 0, runningSince: null, now: 5 }).durationMs).toBeNull();
  });
});
