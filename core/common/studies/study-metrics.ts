// What a study measures on one run, read from the run's stored results (runs.results) and gradient norms
// (runs.gradientNorms): a list of points. A `final` value is one point without x; a curve has one point per x
// (source length, time step t from 1, or training step).
import type { StudyGradientNorms as GradientNorms, StudyRunResults as RunResults } from './run-outcome';
import { METRIC } from '../train/metric-names';
import type { StudyMetric, TrainingStage } from './study-definition';

export interface MetricPoint {
  /** null for a final value. */
  readonly x: number | null;
  /** null when the run logged no finite value there. */
  readonly y: number | null;
}

export interface RunMeasurements {
  readonly results: RunResults;
  /** Only read by gradient metrics; null when not loaded. */
  readonly gradients: GradientNorms | null;
  /** The steps the run has trained. */
  readonly steps: number;
}

export function measure(metric: StudyMetric, run: RunMeasurements): MetricPoint[] {
  switch (metric.kind) {
    case 'final':
      return [{ x: null, y: run.results[metric.field] }];
    case 'byLength':
      return (run.results.byLength?.lengths ?? []).map((l) => ({ x: l.length, y: l.sequenceAccuracy }));
    case 'gradientProfile':
      return gradientProfile(run.gradients, metric.stage);
    case 'gradientRatio':
      return gradientRatios(run.gradients);
    case 'timePerStep':
      return [{ x: null, y: run.results.durationMs === null || run.steps === 0 ? null : run.results.durationMs / run.steps }];
  }
}

/** The stored series a metric's values are values of, to know whether the task's baseline can be drawn beside them. */
export function metricSeries(metric: StudyMetric): string | null {
  if (metric.kind === 'byLength') return METRIC.valSequenceAccuracy;
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
  const first = sampledSteps[0] as number;
  const halfway = (first + (sampledSteps[sampledSteps.length - 1] as number)) / 2;
  let nearest = 0;
  sampledSteps.forEach((step, i) => {
    if (Math.abs(step - halfway) < Math.abs((sampledSteps[nearest] as number) - halfway)) nearest = i;
  });
  return nearest;
}

/** ‖∂L/∂h_t‖ for t = 1…T at the stage's sampled step. */
function gradientProfile(gradients: GradientNorms | null, stage: TrainingStage): MetricPoint[] {
  if (gradients === null) return [];
  const row = firstLayer(gradients);
  const index = stageIndex(gradients.sampledSteps, stage);
  const grid = gradients.values[index];
  if (row < 0 || grid === undefined) return [];
  const T = gradients.timeSteps;
  return Array.from({ length: T }, (_, t) => ({ x: t + 1, y: grid[row * T + t] ?? null }));
}

/** ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ at every sampled training step (null where either is missing or ‖∂L/∂h_T‖ is 0). */
function gradientRatios(gradients: GradientNorms | null): MetricPoint[] {
  if (gradients === null) return [];
  const row = firstLayer(gradients);
  const T = gradients.timeSteps;
  if (row < 0 || T === 0) return [];
  return gradients.sampledSteps.map((step, i) => {
    const grid = gradients.values[i] ?? [];
    const first = grid[row * T] ?? null;
    const last = grid[row * T + T - 1] ?? null;
    return { x: step, y: first === null || last === null || last === 0 ? null : first / last };
  });
}

/** Whether any of the study's metrics needs the runs' gradient norms (read from the store only then). */
export function needsGradients(metrics: Readonly<Record<string, StudyMetric>>): boolean {
  return Object.values(metrics).some((m) => m.kind === 'gradientProfile' || m.kind === 'gradientRatio');
}
