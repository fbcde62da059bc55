// A stored run's results (final / best validation metrics, final train loss, the baseline beside them, accuracy per
// source length, training time) read from the store.
import type { RunResults } from '../../common/api/entities';
import { readFieldPath } from '../../common/spec/field-path';
import { sweepFields } from '../../common/spec/sweep-spec';
import { storedSweepSpec } from './stored-specs';
import { trialLabel } from '../../common/runs/trial-label';
import { METRIC, parseBaselineMetricName, parseLengthMetricName } from '../../common/train/metric-names';
import { summarizeRunResults, type ResultSeries } from '../../common/runs/run-results';
import type { Store } from '../store/store';
import type { Run } from '../store/types';

export function readRunResults(store: Store, run: Run, now: number = Date.now()): RunResults {
  const series = (name: string, range = {}): ResultSeries => {
    const { steps, values } = store.metrics.series(run.id, name, range);
    return { steps, values: values.map((v) => (Number.isFinite(v) ? v : null)) };
  };
  const names = store.metrics.names(run.id);
  const baseline = names.flatMap((name) => {
    const metric = parseBaselineMetricName(name);
    return metric === null ? [] : [{ name, metric }];
  })[0];
  const baselineMetric = baseline?.metric ?? null;
  const baselineValue = baseline === undefined ? null : (series(baseline.name).values[0] ?? null);
  return summarizeRunResults({
    // Only the last step of the (per-step, possibly long) train loss is read.
    trainLoss: series(METRIC.trainLoss, { fromStep: run.step, toStep: run.step }),
    valLoss: series(METRIC.valLoss),
    valAccuracy: series(METRIC.valAccuracy),
    valSequenceAccuracy: series(METRIC.valSequenceAccuracy),
    valPerplexity: series(METRIC.valPerplexity),
    valBitsPerChar: series(METRIC.valBitsPerChar),
    // a run that stored no baseline (or no value for it) has none: the key is left out, not set to undefined
    ...(baselineMetric === null || baselineValue === null
      ? {}
      : { baseline: { metric: baselineMetric, value: baselineValue, series: series(baselineMetric) } }),
    trial: trialOf(store, run),
    lengthSeries: new Map(names.filter((name) => parseLengthMetricName(name) !== null).map((name) => [name, series(name)])),
    lastStep: run.step,
    startedAt: run.startedAt,
    activeMs: run.activeMs,
    runningSince: run.runningSince,
    now,
  });
}

/** A sweep trial's sweep and the values its spec holds at the swept fields. */
function trialOf(store: Store, run: Run): { sweepId: number; label: string } | null {
  const sweep = run.sweepId === null ? undefined : store.sweeps.get(run.sweepId);
  if (!sweep) return null;
  const fields = sweepFields(storedSweepSpec(sweep));
  const params = Object.fromEntries(
    fields.map((field) => {
      const read = readFieldPath(run.spec, field);
      return [field, read.found ? read.value : null];
    }),
  );
  return { sweepId: sweep.id, label: trialLabel(fields, params) };
}
