// Every metric of a run at full resolution, one row per step (runs.history): the data behind
// `seqlab show RUN --metrics --csv|--json` and the app's CSV download, read from the store, never downsampled.
import type { MetricHistory } from '../../common/api/entities';
import { parseBaselineMetricName, parseGradNormName } from '../../common/train/metric-names';
import type { Store } from '../store/store';
import { at } from '../../common/checked-index';

type HistoryValue = MetricHistory['rows'][number]['values'][number];

export function readMetricHistory(store: Store, runId: number): MetricHistory {
  // ‖∂L/∂h_t‖ has its own export (runs.gradientNorms), one column per time step would drown the table; the baseline is one number (runs.results)
  const names = store.metrics.names(runId).filter((name) => parseGradNormName(name) === null && parseBaselineMetricName(name) === null);
  const rows = new Map<number, { wallTime: number; values: HistoryValue[] }>();
  names.forEach((name, column) => {
    const { steps, values, wallTimes } = store.metrics.series(runId, name);
    const what = `metric series ${name} of run ${runId}`;
    steps.forEach((step, i) => {
      const row = rows.get(step) ?? { wallTime: -Infinity, values: names.map((): HistoryValue => null) };
      row.values[column] = jsonValue(at(values, i, `${what}: values (one per step)`));
      row.wallTime = Math.max(row.wallTime, at(wallTimes, i, `${what}: wall times (one per step)`));
      rows.set(step, row);
    });
  });
  return { names, rows: [...rows].sort(([a], [b]) => a - b).map(([step, row]) => ({ step, ...row })) };
}

/** A stored value as JSON can carry it: NaN and ±Infinity by name. */
function jsonValue(value: number): HistoryValue {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}
