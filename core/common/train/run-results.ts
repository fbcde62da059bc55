// A run's results in a few numbers (final and best validation loss, accuracy and exact-sequence accuracy, final train loss,
// training time), from its metric series — shared by the backend (sweeps) and the CLI (show, compare).
import type { RunResults } from '../api/entities';

/** A metric series as stored or as `runs.metrics` returns it (null for NaN / ±Infinity). */
export interface ResultSeries {
  readonly steps: readonly number[];
  readonly values: readonly (number | null)[];
}

export interface RunResultsInput {
  /** Only the value logged at `lastStep` counts (a downsampled series may not hold it). */
  readonly trainLoss?: ResultSeries;
  readonly valLoss?: ResultSeries;
  readonly valAccuracy?: ResultSeries;
  readonly valSequenceAccuracy?: ResultSeries;
  /** The last step the run reported. */
  readonly lastStep: number;
  /** Whether the run ever started (a queued run has no training time yet). */
  readonly startedAt: number | null;
  /** Training time of its finished active segments, and the start of the one it trains in now (null unless running). */
  readonly activeMs: number;
  readonly runningSince: number | null;
  /** Ends the current segment of a running run. */
  readonly now: number;
}

export function summarizeRunResults(input: RunResultsInput): RunResults {
  const trainAtLast = input.trainLoss ? valueAt(input.trainLoss, input.lastStep) : null;
  const bestLoss = best(input.valLoss, (a, b) => a < b);
  const bestAccuracy = best(input.valAccuracy, (a, b) => a > b);
  const bestSequenceAccuracy = best(input.valSequenceAccuracy, (a, b) => a > b);
  return {
    finalTrainLoss: trainAtLast,
    finalValLoss: last(input.valLoss),
    bestValLoss: bestLoss?.value ?? null,
    bestValLossStep: bestLoss?.step ?? null,
    finalValAccuracy: last(input.valAccuracy),
    bestValAccuracy: bestAccuracy?.value ?? null,
    finalValSequenceAccuracy: last(input.valSequenceAccuracy),
    bestValSequenceAccuracy: bestSequenceAccuracy?.value ?? null,
    durationMs: input.startedAt === null ? null : trainingTime(input),
  };
}

/** The sum of the active segments: time spent paused, or interrupted before a resume, is not training. */
function trainingTime(input: Pick<RunResultsInput, 'activeMs' | 'runningSince' | 'now'>): number {
  return input.activeMs + (input.runningSince === null ? 0 : Math.max(0, input.now - input.runningSince));
}

function valueAt(series: ResultSeries, step: number): number | null {
  const i = series.steps.lastIndexOf(step);
  return i < 0 ? null : (series.values[i] ?? null);
}

/** The last logged value; null when the series is empty or that value was not finite. */
function last(series: ResultSeries | undefined): number | null {
  return series && series.values.length > 0 ? (series.values[series.values.length - 1] ?? null) : null;
}

/** The best finite value by `better` (earliest step on ties). */
function best(series: ResultSeries | undefined, better: (a: number, b: number) => boolean): { value: number; step: number } | null {
  if (!series) return null;
  let found: { value: number; step: number } | null = null;
  series.values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) return;
    if (found === null || better(value, found.value)) found = { value, step: series.steps[i] as number };
  });
  return found;
}
