// A stored study read back: its definition snapshot re-validated, its plan, every trial's run with its results (and
// gradient norms when a metric needs them), the analysis and the figure data — what studies.get, studies.list and
// studies.report are made of.
import { ApiError } from '../../common/api/result';
import { analyseStudy, type StudyAnalysis, type StudyRunRecord } from '../../common/studies/study-analysis';
import { parseStudyDefinition, type StudyDefinition } from '../../common/studies/study-definition';
import { studyFigures, type FigureData } from '../../common/studies/study-figures';
import { historySeries, needsGradients, type MetricHistory } from '../../common/studies/study-metrics';
import { planStudy, StudyPlanError, type StudyPlan } from '../../common/studies/study-plan';
import { readGradientNorms } from '../backend/gradient-norms';
import { readRunResults } from '../backend/run-results';
import type { Store } from '../store/store';
import type { StudyRow } from '../store/types';

export interface ReadStudy {
  readonly row: StudyRow;
  readonly study: StudyDefinition;
  readonly plan: StudyPlan;
  readonly analysis: StudyAnalysis;
  readonly figures: readonly FigureData[];
}

export function readStudy(store: Store, row: StudyRow, now: number = Date.now()): ReadStudy {
  const parsed = parseStudyDefinition(row.definition);
  if (!parsed.ok)
    throw new ApiError(
      'internal',
      `Study ${row.id} was stored with a definition this SeqLab cannot read: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  let plan: StudyPlan;
  try {
    plan = planStudy(parsed.study, row.budget);
  } catch (error) {
    if (error instanceof StudyPlanError) throw new ApiError('internal', `Study ${row.id}: ${error.message}`);
    throw error;
  }
  if (plan.trials.length !== row.runIds.length)
    throw new ApiError('internal', `Study ${row.id} lists ${row.runIds.length} runs for the ${plan.trials.length} trials of its plan.`);
  const gradients = needsGradients(parsed.study.metrics);
  const histories = historySeries(parsed.study.metrics);
  const records = row.runIds.map((runId): StudyRunRecord | null => {
    const run = store.runs.get(runId);
    if (!run) return null;
    return {
      runId,
      status: run.status,
      results: readRunResults(store, run, now),
      gradients: gradients ? readGradientNorms(store, runId) : null,
      steps: run.step,
      histories: Object.fromEntries(histories.map((series) => [series, readHistory(store, runId, series)])),
    };
  });
  const analysis = analyseStudy(parsed.study, plan, records);
  return { row, study: parsed.study, plan, analysis, figures: studyFigures(parsed.study, plan, analysis) };
}

/** A logged series of the run, whole (the metric windows it, historyWindows); a value that is not finite is null. */
function readHistory(store: Store, runId: number, series: string): MetricHistory {
  const { steps, values } = store.metrics.series(runId, series);
  return { steps, values: values.map((v) => (Number.isFinite(v) ? v : null)) };
}
