// Which charts a run shows and which of its stored series each one draws: read from the metric vocabulary
// (METRIC_INFO, TASK_METRIC_SERIES), so a new metric appears here by being added there.
import type { MetricName } from '../../../core/common/tasks/task';
import {
  baselineMetricName,
  isMetricSeriesName,
  METRIC,
  METRIC_INFO,
  TASK_METRIC_SERIES,
  type MetricSeriesName,
} from '../../../core/common/train/metric-names';

export interface RunChartGroup {
  /** Stable key (test ids, file names of downloads). */
  readonly key: string;
  readonly title: string;
  /** The y-axis name. */
  readonly yName: string;
  /** The series drawn, in legend order: only those the run logged and that mean something for its task. */
  readonly names: readonly MetricSeriesName[];
  /** The stored baseline (`baseline/<series>`) drawn across the chart, when the run logged one for a drawn series. */
  readonly baseline: string | null;
  /** Whether the series span orders of magnitude (METRIC_INFO.logScale): the chart opens on a log axis. */
  readonly logScale: boolean;
  /** A small chart (learning rate, norms) rather than a main one. */
  readonly small: boolean;
}

interface GroupDefinition {
  readonly key: string;
  readonly title: string;
  /** Short: the y-axis name sits beside the legend. */
  readonly yName: string;
  readonly names: readonly MetricSeriesName[];
  readonly small: boolean;
}

const GROUPS: readonly GroupDefinition[] = [
  { key: 'loss', title: 'Loss', yName: 'loss', names: [METRIC.trainLoss, METRIC.valLoss], small: false },
  {
    key: 'accuracy',
    title: 'Accuracy',
    yName: 'accuracy',
    names: [METRIC.trainAccuracy, METRIC.valAccuracy, METRIC.valSequenceAccuracy, METRIC.valLegalNextAccuracy],
    small: false,
  },
  { key: 'perplexity', title: METRIC_INFO[METRIC.valPerplexity].label, yName: 'perplexity', names: [METRIC.valPerplexity], small: false },
  { key: 'bits-per-char', title: METRIC_INFO[METRIC.valBitsPerChar].label, yName: 'bits/char', names: [METRIC.valBitsPerChar], small: false },
  { key: 'grad-norm', title: METRIC_INFO[METRIC.gradNorm].label, yName: '‖∇‖', names: [METRIC.gradNorm], small: true },
  { key: 'learning-rate', title: METRIC_INFO[METRIC.learningRate].label, yName: 'lr', names: [METRIC.learningRate], small: true },
  { key: 'teacher-forcing', title: METRIC_INFO[METRIC.teacherForcing].label, yName: 'p(teacher)', names: [METRIC.teacherForcing], small: true },
];

/** The training series that estimate the same thing as a validation series: shown exactly when it is. */
const TRAINING_TWIN: Partial<Record<MetricSeriesName, MetricSeriesName>> = { [METRIC.trainAccuracy]: METRIC.valAccuracy };

/**
 * Whether series `name` means something for a task scoring `taskMetrics`: the validation series are those the task's
 * metrics map to (TASK_METRIC_SERIES; a char-LM's held-out sequence accuracy, every character of a long string
 * right, is logged but not one of them); training series and series that are no score (lr, norms) always are.
 * `taskMetrics` null (a task the renderer cannot look up): every logged series is shown.
 */
function meaningful(name: MetricSeriesName, taskMetrics: readonly MetricName[] | null): boolean {
  if (taskMetrics === null) return true;
  const scored = new Set<MetricSeriesName>([METRIC.valLoss, ...taskMetrics.map((m) => TASK_METRIC_SERIES[m])]);
  const twin = TRAINING_TWIN[name];
  if (twin !== undefined) return scored.has(twin);
  return !name.startsWith('val/') || scored.has(name);
}

/** The charts of a run that logged `loggedNames`, for a task scoring `taskMetrics` (null: not known here). */
export function runChartGroups(loggedNames: readonly string[], taskMetrics: readonly MetricName[] | null): RunChartGroup[] {
  const logged = new Set(loggedNames);
  return GROUPS.flatMap((group) => {
    const names = group.names.filter((name) => logged.has(name) && meaningful(name, taskMetrics));
    if (names.length === 0) return [];
    const baseline = names.map(baselineMetricName).find((name) => logged.has(name)) ?? null;
    return [
      { key: group.key, title: group.title, yName: group.yName, names, baseline, logScale: names.some((n) => METRIC_INFO[n].logScale), small: group.small },
    ];
  });
}

/** The legend label of a stored series: its METRIC_INFO label, or the name itself for one outside the vocabulary. */
export function seriesLabel(name: string): string {
  return isMetricSeriesName(name) ? METRIC_INFO[name].label : name;
}
