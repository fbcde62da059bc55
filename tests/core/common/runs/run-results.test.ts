// A run's results from its series: last and best (earliest on ties), the train loss only at the last step,
// non-finite values skipped, exact-sequence accuracy when logged.
import { describe, expect, it } from 'vitest';
import { summarizeRunResults } from '../../../../core/common/runs/run-results';

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
      finalValPerplexity: null,
      finalValBitsPerChar: null,
      trial: null,
      baseline: null,
      byLength: null,
      durationMs: 3000,
    });
  });

  it("puts the baseline beside the run's last value of the metric it scores, by that metric's direction", () => {
    const common = { lastStep: 20, startedAt: 0, activeMs: 0, runningSince: null, now: 0 };
    const lossBaseline = (values: (number | null)[]) =>
      summarizeRunResults({ ...common, baseline: { metric: 'val/loss', value: 1 / 6, series: { steps: values.map((_, i) => 10 * (i + 1)), values } } })
        .baseline;
    expect(lossBaseline([0.3, 0.01])).toEqual({ metric: 'val/loss', value: 1 / 6, lowerIsBetter: true, final: 0.01, beaten: true });
    expect(lossBaseline([0.01, 0.3])).toMatchObject({ final: 0.3, beaten: false }); // the last value, not the best
    expect(lossBaseline([])).toMatchObject({ final: null, beaten: null });
    const accuracy = summarizeRunResults({ ...common, baseline: { metric: 'val/accuracy', value: 0.5, series: { steps: [10], values: [0.4] } } }).baseline;
    expect(accuracy).toMatchObject({ lowerIsBetter: false, beaten: false });
    const perplexity = summarizeRunResults({
      ...common,
      valPerplexity: { steps: [10], values: [3.2] },
      baseline: { metric: 'val/perplexity', value: 9.5, series: { steps: [10], values: [3.2] } },
    });
    expect(perplexity).toMatchObject({ finalValPerplexity: 3.2, baseline: { lowerIsBetter: true, beaten: true } });
  });

  it('reads accuracy by source length at the last evaluation that logged it', () => {
    const s = (values: number[]) => ({ steps: [10, 20], values });
    const lengthSeries = new Map([
      ['val/sequences@len=12', s([5, 6])],
      ['val/sequence_accuracy@len=12', s([0.2, 0.5])],
      ['val/accuracy@len=12', s([0.6, 0.9])],
      ['val/sequences@len=3', s([2, 4])],
      ['val/sequence_accuracy@len=3', s([1, 1])],
      ['val/accuracy@len=3', s([1, 1])],
    ]);
    const r = summarizeRunResults({ lastStep: 20, startedAt: null, activeMs: 0, runningSince: null, now: 0, lengthSeries });
    expect(r.byLength).toEqual({
      step: 20,
      lengths: [
        { length: 3, sequences: 4, sequenceAccuracy: 1, tokenAccuracy: 1 },
        { length: 12, sequences: 6, sequenceAccuracy: 0.5, tokenAccuracy: 0.9 },
      ],
    });
    expect(summarizeRunResults({ lastStep: 20, startedAt: null, activeMs: 0, runningSince: null, now: 0, lengthSeries: new Map() }).byLength).toBeNull();
  });

  it('leaves what a run did not log as null, and counts a training run up to now', () => {
    const r = summarizeRunResults({ lastStep: 0, startedAt: 100, activeMs: 0, runningSince: 100, now: 600 });
    expect(r).toMatchObject({ finalTrainLoss: null, bestValLoss: null, finalValSequenceAccuracy: null, bestValSequenceAccuracy: null, durationMs: 500 });
  });

  it('refuses a series whose best value has no step, instead of reporting a best at step undefined', () => {
    const input = { valLoss: { steps: [10], values: [0.8, 0.3] }, lastStep: 20, startedAt: 100, activeMs: 0, runningSince: null, now: 600 };
    expect(() => summarizeRunResults(input)).toThrow('a metric series has 2 values but only 1 steps');
  });

  it('counts training time only: finished segments plus the current one, not the time between them', () => {
    // started at 100, trained 2 s before an interruption, resumed a day later and training for 1.5 s now
    const day = 86_400_000;
    expect(summarizeRunResults({ lastStep: 5, startedAt: 100, activeMs: 2000, runningSince: 100 + day, now: 100 + day + 1500 }).durationMs).toBe(3500);
    expect(summarizeRunResults({ lastStep: 5, startedAt: 100, activeMs: 2000, runningSince: null, now: 100 + 2 * day }).durationMs).toBe(2000);
    expect(summarizeRunResults({ lastStep: 0, startedAt: null, activeMs: 0, runningSince: null, now: 5 }).durationMs).toBeNull();
  });
});
