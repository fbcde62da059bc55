// What a study measures on one run, read from the run's stored results (runs.results) and gradient norms
// (runs.gradientNorms): a list of points. A `final` value is one point without x; a curve has one point per x
// (source length, time step t from 1, or training step).
import type { StudyGradientNorms as GradientNorms, StudyRunResults as RunResults, StudyRunStatus as RunStatus } from './run-outcome';
import { METRIC, type GradState } from '../train/metric-names';
import { HISTORY_POINTS, type HistorySeries, type StudyMetric, type TrainingStage } from './study-definition';

export interface MetricPoint {
  /** null for a final value. */
  readonly x: number | null;
  /** null when the run logged no finite value there. */
  readonly y: number | null;
}

/** A logged series of a run: values (null where not finite) at training steps. */
export interface MetricHistory {
  readonly steps: readonly number[];
  readonly values: readonly (number | null)[];
}

export interface RunMeasurements {
  readonly results: RunResults;
  /** Only read by gradient metrics; null when not loaded. */
  readonly gradients: GradientNorms | null;
  /** The steps the run has trained. */
  readonly steps: number;
  /** The run's stored status (`completed`, `diverged`, …). */
  readonly status: RunStatus;
  /** By series name, the histories `history` metrics read (historySeries); left out or null when not loaded. */
  readonly histories?: Readonly<Record<string, MetricHistory>> | null;
}

export function measure(metric: StudyMetric, run: RunMeasurements): MetricPoint[] {
  switch (metric.kind) {
    case 'final':
      return [{ x: null, y: run.results[metric.field] }];
    case 'byLength':
      return (run.results.byLength?.lengths ?? []).map((l) => ({ x: l.length, y: l.sequenceAccuracy }));
    case 'gradientProfile':
      return gradientProfile(run.gradients, metric.stage, metric.state);
    case 'gradientRatio':
      return gradientRatios(run.gradients, metric.state);
    case 'timePerStep':
      return [{ x: null, y: run.results.durationMs === null || run.steps === 0 ? null : run.results.durationMs / run.steps }];
    case 'diverged':
      return [{ x: null, y: run.status === 'diverged' ? 1 : 0 }];
    case 'history': {
      const history = run.histories?.[metric.series];
      return history === undefined ? [] : historyWindows(history, HISTORY_POINTS);
    }
  }
}

/**
 * A history as at most `maxPoints` points: the steps cut into windows of k = ⌈last step / maxPoints⌉ steps
 * ((0, k], (k, 2k], …), each the mean of its values at the last step it holds (k = 1: every step as logged). Windows
 * are fixed by the step number, not by the run's values, so the seeds of a setting share their x and aggregate point by
 * point. A window holding a value that is not finite (null) is null: the run blew up there.
 */
export function historyWindows(history: MetricHistory, maxPoints: number): MetricPoint[] {
  const last = history.steps[history.steps.length - 1];
  if (last === undefined) return [];
  const k = Math.max(1, Math.ceil(last / maxPoints));
  const points: MetricPoint[] = [];
  let window = -1;
  let sum = 0;
  let count = 0;
  let broken = false;
  let at = 0;
  const close = () => {
    if (count > 0) points.push({ x: at, y: broken ? null : sum / count });
  };
  history.steps.forEach((step, i) => {
    const w = Math.floor((step - 1) / k);
    if (w !== window) {
      close();
      window = w;
      sum = 0;
      count = 0;
      broken = false;
    }
    const value = history.values[i] ?? null;
    if (value === null) broken = true;
    else sum += value;
    count += 1;
    at = step;
  });
  close();
  return points;
}

/** The series the study's `history` metrics read (loaded from the store only for those). */
export function historySeries(metrics: Readonly<Record<string, StudyMetric>>): HistorySeries[] {
  return [...new Set(Object.values(metrics).flatMap((m) => (m.kind === 'history' ? [m.series] : [])))];
}

/** The stored series a metric's values are values of, to know whether the task's baseline can be drawn beside them. */
export function metricSeries(metric: StudyMetric): string | null {
  if (metric.kind === 'byLength') return METRIC.valSequenceAccuracy;
  // the train loss is the task's loss too (on training batches), so the loss baseline is drawn beside it
  if (metric.kind === 'history') return metric.series === METRIC.gradNorm ? null : METRIC.valLoss;
  if (metric.kind !== 'final') return null;
  if (metric.field === 'finalValLoss' || metric.field === 'bestValLoss') return METRIC.valLoss;
  if (metric.field === 'finalValAccuracy') return METRIC.valAccuracy;
  return METRIC.valSequenceAccuracy;
}

/** The row of the first recurrent layer (`l0`, forward direction): the layer a gradient travels through time in. */
function firstLayer(gradients: GradientNorms): number {
  return gradients.layers.indexOf('l0');
}

/** The sampled training step (index) nearest the stage: the first sample, the last, or the one nearest halfway. */
export function stageIndex(sampledSteps: readonly number[], stage: TrainingStage): number {
  if (sampledSteps.length === 0) return -1;
  if (stage === 'early') return 0;
  if (stage === 'end') return sampledSteps.length - 1;
  // Non-empty (checked above): the first, last and nearest indices are inside it.
  const first = sampledSteps[0]!;
  const halfway = (first + sampledSteps[sampledSteps.length - 1]!) / 2;
  let nearest = 0;
  sampledSteps.forEach((step, i) => {
    if (Math.abs(step - halfway) < Math.abs(sampledSteps[nearest]! - halfway)) nearest = i;
  });
  return nearest;
}

/** The grids of one state's norms: ‖∂L/∂h_t‖ (`values`) or ‖∂L/∂c_t‖ (`cellValues`, null for cells without one). */
function gridsOf(gradients: GradientNorms, state: GradState): readonly (readonly (number | null)[])[] | null {
  return state === 'c' ? gradients.cellValues : gradients.values;
}

/** ‖∂L/∂h_t‖ (or ‖∂L/∂c_t‖) for t = 1…T at the stage's sampled step. */
function gradientProfile(gradients: GradientNorms | null, stage: TrainingStage, state: GradState): MetricPoint[] {
  const grids = gradients === null ? null : gridsOf(gradients, state);
  if (gradients === null || grids === null) return [];
  const row = firstLayer(gradients);
  const index = stageIndex(gradients.sampledSteps, stage);
  const grid = grids[index];
  if (row < 0 || grid === undefined) return [];
  const T = gradients.timeSteps;
  return Array.from({ length: T }, (_, t) => ({ x: t + 1, y: grid[row * T + t] ?? null }));
}

/** ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ (or of c) at every sampled training step (null where either is missing or the last is 0). */
function gradientRatios(gradients: GradientNorms | null, state: GradState): MetricPoint[] {
  const grids = gradients === null ? null : gridsOf(gradients, state);
  if (gradients === null || grids === null) return [];
  const row = firstLayer(gradients);
  const T = gradients.timeSteps;
  if (row < 0 || T === 0) return [];
  return gradients.sampledSteps.map((step, i) => {
    const grid = grids[i] ?? [];
    const first = grid[row * T] ?? null;
    const last = grid[row * T + T - 1] ?? null;
    return { x: step, y: first === null || last === null || last === 0 ? null : first / last };
  });
}

/** Whether any of the study's metrics needs the runs' gradient norms (read from the store only then). */
export function needsGradients(metrics: Readonly<Record<string, StudyMetric>>): boolean {
  return Object.values(metrics).some((m) => m.kind === 'gradientProfile' || m.kind === 'gradientRatio');
}
