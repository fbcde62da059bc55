// A study's raw results as CSV (RFC 4180: comma-separated, fields with a comma, quote or line break quoted, quotes
// doubled, CRLF line ends): one row per run — the study, its budget, the setting's label on every axis, the seed, the
// run, its status, every metric (a curve as `x:y` pairs separated by spaces), the baseline and whether it was beaten.
import { csvText } from '../csv';
import type { StudyAnalysis } from './study-analysis';
import type { StudyDefinition } from './study-definition';
import type { StudyPlan } from './study-plan';

export function studyCsv(study: StudyDefinition, plan: StudyPlan, analysis: StudyAnalysis): string {
  const metricIds = Object.keys(study.metrics);
  const header = [
    'study',
    'version',
    'budget',
    ...plan.axes.map((axis) => axis.name),
    'seed',
    'run',
    'status',
    ...metricIds,
    'baseline_metric',
    'baseline',
    'baseline_metric_final',
    'beat_baseline',
  ];
  const rows = analysis.runs.map((run) => [
    study.id,
    String(study.version),
    plan.budget,
    ...plan.axes.map((axis) => run.setting[axis.name] ?? ''),
    String(run.seed),
    run.runId === null ? '' : String(run.runId),
    run.status,
    ...metricIds.map((id) => {
      const points = run.values[id] ?? [];
      return points.map((p) => (p.x === null ? number(p.y) : `${p.x}:${number(p.y)}`)).join(' ');
    }),
    run.baseline?.metric ?? '',
    run.baseline === null ? '' : number(run.baseline.value),
    run.baseline === null ? '' : number(run.baseline.final),
    run.beatBaseline === null ? '' : String(run.beatBaseline),
  ]);
  return csvText([header, ...rows]);
}

/** Full precision (the CSV is for reanalysis); empty for a missing value. */
function number(value: number | null): string {
  return value === null ? '' : String(value);
}
