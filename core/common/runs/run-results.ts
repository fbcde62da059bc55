// A run's results in a few numbers (final and best validation loss, accuracy and exact-sequence accuracy, final train loss,
// perplexity, the baseline beside the run's value, accuracy per source length, training time), from its metric
// series — read by the backend (runs.results, sweeps) for every client (CLI show and compare, the app).
import type { LengthAccuracyResult, RunBaseline, RunResults } from '../api/entities';
import { LENGTH_METRIC, beats, lowerIsBetter, parseLengthMetricName } from '../train/metric-names';

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
  readonly valPerplexity?: ResultSeries;
  readonly valBitsPerChar?: ResultSeries;
  /** The stored baseline (`metric` is the series it scores) and that series of the run. */
  readonly baseline?: { readonly metric: string; readonly value: number; readonly series: ResultSeries };
  /** For a sweep trial: its sweep and readable values (trial-label.ts). */
  readonly trial?: { readonly sweepId: number; readonly label: string } | null;
  /** The per-source-length series (`val/sequence_accuracy@len=12`, …), by name. */
  readonly lengthSeries?: ReadonlyMap<string, ResultSeries>;
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
    finalValPerplexity: last(input.valPerplexity),
    finalValBitsPerChar: last(input.valBitsPerChar),
    trial: input.trial ?? null,
    baseline: input.baseline ? baselineResult(input.baseline) : null,
    byLength: input.lengthSeries ? lengthResults(input.lengthSeries) : null,
    durationMs: input.startedAt === null ? null : trainingTime(input),
  };
}

function baselineResult({ metric, value, series }: NonNullable<RunResultsInput['baseline']>): RunBaseline | null {
  const lower = lowerIsBetter(metric);
  if (lower === null) return null;
  const final = last(series);
  return { metric, value, lowerIsBetter: lower, final, beaten: beats(metric, final, value) };
}

/** The per-length accuracies of the last evaluation that logged any (the held-out stream, hence its lengths, is fixed). */
function lengthResults(lengthSeries: ReadonlyMap<string, ResultSeries>): { step: number; lengths: LengthAccuracyResult[] } | null {
  const byLength = new Map<number, Partial<Record<keyof typeof LENGTH_METRIC, ResultSeries>>>();
  for (const [name, series] of lengthSeries) {
    const parsed = parseLengthMetricName(name);
    const key = parsed && (Object.keys(LENGTH_METRIC) as (keyof typeof LENGTH_METRIC)[]).find((k) => LENGTH_METRIC[k] === parsed.base);
    if (!parsed || !key) continue;
    byLength.set(parsed.length, { ...byLength.get(parsed.length), [key]: series });
  }
  const step = Math.max(-1, ...[...byLength.values()].flatMap((s) => s.sequences?.steps.slice(-1) ?? []));
  if (step < 0) return null;
  const lengths = [...byLength]
    .map(([length, s]) => ({
      length,
      sequences: s.sequences ? valueAt(s.sequences, step) : null,
      sequenceAccuracy: s.sequenceAccuracy ? valueAt(s.sequenceAccuracy, step) : null,
      tokenAccuracy: s.tokenAccuracy ? valueAt(s.tokenAccuracy, step) : null,
    }))
    .filter((l): l is LengthAccuracyResult => l.sequences !== null)
    .sort((a, b) => a.length - b.length);
  return { step, lengths };
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
    const step = series.steps[i];
    if (step === undefined)
      throw new Error(`run results: a metric series has ${series.values.length} values but only ${series.steps.length} steps — steps and values must pair up`);
    if (found === null || better(value, found.value)) found = { value, step };
  });
  return found;
}
