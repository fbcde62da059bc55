// The final metrics a sweep's trials are ranked and analysed by: fields of a run's results (api/entities.ts
// RunResults), each with the stored series it is a value of, whose label and direction (METRIC_INFO) it takes.
import type { RunResults } from '../../api/entities';
import { METRIC, METRIC_INFO, type MetricDirection, type MetricSeriesName } from '../../train/metric-names';

type ResultNumberKey =
  'finalValLoss' | 'bestValLoss' | 'finalValAccuracy' | 'bestValAccuracy' | 'finalValSequenceAccuracy' | 'finalValPerplexity' | 'finalValBitsPerChar';

export interface SweepMetric {
  readonly key: ResultNumberKey;
  readonly label: string;
  readonly direction: MetricDirection;
}

const metric = (key: ResultNumberKey, which: 'Final' | 'Best', series: MetricSeriesName): SweepMetric => ({
  key,
  label: `${which} ${METRIC_INFO[series].label.toLowerCase()}`,
  direction: METRIC_INFO[series].direction,
});

export const SWEEP_METRICS: readonly SweepMetric[] = [
  metric('finalValLoss', 'Final', METRIC.valLoss),
  metric('bestValLoss', 'Best', METRIC.valLoss),
  metric('finalValAccuracy', 'Final', METRIC.valAccuracy),
  metric('bestValAccuracy', 'Best', METRIC.valAccuracy),
  metric('finalValSequenceAccuracy', 'Final', METRIC.valSequenceAccuracy),
  metric('finalValPerplexity', 'Final', METRIC.valPerplexity),
  metric('finalValBitsPerChar', 'Final', METRIC.valBitsPerChar),
];

/** A trial's value of `metric`; null when not logged or not finite. */
export function sweepMetricValue(results: Pick<RunResults, ResultNumberKey>, metric: SweepMetric): number | null {
  const value = results[metric.key];
  return value !== null && Number.isFinite(value) ? value : null;
}
