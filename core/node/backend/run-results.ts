// A stored run's results (final / best validation metrics, final train loss, training time) read from the store.
import type { RunResults } from '../../common/api/entities';
import { METRIC } from '../../common/train/metric-names';
import { summarizeRunResults, type ResultSeries } from '../../common/train/run-results';
import type { Store } from '../store/store';
import type { Run } from '../store/types';

export function readRunResults(store: Store, run: Run, now: number = Date.now()): RunResults {
  const series = (name: string, range = {}): ResultSeries => {
    const { steps, values } = store.metrics.series(run.id, name, range);
    return { steps, values: values.map((v) => (Number.isFinite(v) ? v : null)) };
  };
  return summarizeRunResults({
    // Only the last step of the (per-step, possibly long) train loss is read.
    trainLoss: series(METRIC.trainLoss, { fromStep: run.step, toStep: run.step }),
    valLoss: series(METRIC.valLoss),
    valAccuracy: series(METRIC.valAccuracy),
    valSequenceAccuracy: series(METRIC.valSequenceAccuracy),
    lastStep: run.step,
    startedAt: run.startedAt,
    activeMs: run.activeMs,
    runningSince: run.runningSince,
    now,
  });
}
