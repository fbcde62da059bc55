// Each run's value against a pinned baseline run's: the difference, the relative difference and whether it is
// better by the metric's direction (metric-names.ts METRIC_INFO).
import type { MetricDirection } from '../../train/metric-names';

export interface BaselineDelta {
  /** value − baseline value; null when either is missing. */
  readonly delta: number | null;
  /** delta / |baseline value|; null when the baseline value is 0 or either is missing. */
  readonly relative: number | null;
  /** By the metric's direction; null for a metric with none (learning rate, norms) or a missing value. */
  readonly verdict: 'better' | 'worse' | 'equal' | null;
}

/** @param values run id → its value of the compared metric (null: none logged, or not finite) */
export function baselineDeltas(values: ReadonlyMap<number, number | null>, baselineRunId: number, direction: MetricDirection): Map<number, BaselineDelta> {
  if (!values.has(baselineRunId)) throw new Error(`baselineDeltas: baseline run ${baselineRunId} is not among the compared runs`);
  const reference = values.get(baselineRunId) ?? null;
  const deltas = new Map<number, BaselineDelta>();
  for (const [runId, value] of values) {
    if (value === null || reference === null) {
      deltas.set(runId, { delta: null, relative: null, verdict: null });
      continue;
    }
    const delta = value - reference;
    const relative = reference === 0 ? null : delta / Math.abs(reference);
    const verdict = direction === null ? null : delta === 0 ? 'equal' : (direction === 'lower') === delta < 0 ? 'better' : 'worse';
    deltas.set(runId, { delta, relative, verdict });
  }
  return deltas;
}
