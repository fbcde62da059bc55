// A sweep as parallel coordinates (ECharts `parallel` series): one axis per varied field, then the final metric;
// one line per completed trial, the best trial drawn on top, thick and in the accent colour. A numeric field gets a
// value axis (log when its values span more than a factor of 100, all positive, as learning rates do); any other
// field a category axis of its values as trial labels spell them.
import { formatTrialValue } from '../../../core/common/runs/trial-label';
import type { ChartColors } from './chart-options';

export interface ParallelTrial {
  readonly runId: number;
  readonly params: Readonly<Record<string, unknown>>;
  /** The trial's final value of the metric (only trials with one are drawn). */
  readonly value: number;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function axisOf(field: string, index: number, values: readonly unknown[]) {
  const name = field.slice(field.lastIndexOf('.') + 1);
  if (values.length > 0 && values.every(isNumber)) {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const log = min > 0 && max / min > 100;
    return { axis: { dim: index, name, type: log ? ('log' as const) : ('value' as const), scale: true }, value: (v: unknown) => (isNumber(v) ? v : null) };
  }
  const categories = [...new Set(values.map(formatTrialValue))];
  return { axis: { dim: index, name, type: 'category' as const, data: categories }, value: (v: unknown) => formatTrialValue(v) };
}

/**
 * @param fields the sweep's varied field paths, in its order
 * @param bestRunId the best trial (parameter-importance.ts sweepImportance), or null when there is none to mark
 */
export function parallelOption(
  trials: readonly ParallelTrial[],
  fields: readonly string[],
  metricLabel: string,
  bestRunId: number | null,
  colors: ChartColors,
) {
  const axes = fields.map((field, i) =>
    axisOf(
      field,
      i,
      trials.map((t) => t.params[field]),
    ),
  );
  const row = (trial: ParallelTrial) => [...axes.map(({ value }, i) => value(trial.params[fields[i] ?? ''])), trial.value];
  const others = trials.filter((t) => t.runId !== bestRunId);
  const best = trials.filter((t) => t.runId === bestRunId);
  return {
    animation: false,
    textStyle: { color: colors.text },
    parallel: { left: 48, right: 96, top: 32, bottom: 24 },
    parallelAxis: [...axes.map(({ axis }) => axis), { dim: fields.length, name: metricLabel, type: 'value' as const, scale: true }],
    legend: { top: 0, textStyle: { color: colors.text } },
    series: [
      { type: 'parallel' as const, name: 'trials', lineStyle: { width: 1, opacity: 0.6 }, data: others.map(row) },
      { type: 'parallel' as const, name: 'best trial', lineStyle: { width: 4, opacity: 1, color: '#e8590c' }, z: 3, data: best.map(row) },
    ],
  };
}
