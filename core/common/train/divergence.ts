// Explosion detection for the run loop (core/node/runner/training-loop.ts), the one place every model kind
// trains through. Beyond NaN / Inf, a run explodes when its validation loss climbs far above the reference
// loss or far above its best, or when its pre-clip gradient norm stays huge (spec: training.divergence).
// It also keeps the last *sane* train loss — from before the explosion began, never a finite but
// astronomical one — which is what a person needs to judge the run.
import { z } from 'zod';
import type { DivergenceSpec } from '../spec/training-spec';
import type { Task } from '../tasks/task';

/**
 * An explosion the run loop found (spec training.divergence, or a NaN / Inf): the step it was found at, why,
 * and the train loss of the last step before it began (null: it began at the first step).
 */
export const runDivergenceSchema = z.object({
  step: z.number().int().nonnegative(),
  reason: z.string(),
  lastSaneLoss: z.number().nullable(),
  lastSaneStep: z.number().int().nonnegative().nullable(),
});
export type RunDivergence = z.infer<typeof runDivergenceSchema>;

/** A step's train loss. */
interface SaneLoss {
  readonly step: number;
  readonly loss: number;
}

/** What the monitor carries between steps (JSON-safe: it travels in every checkpoint, so a resumed run judges alike). */
export interface DivergenceState {
  /** max(the task's trivial-baseline loss, the untrained model's validation loss); null until measured. */
  referenceLoss: number | null;
  /** Consecutive evaluations over a loss bound, and the step of the first of them. */
  badEvaluations: number;
  badEvaluationsSince: number | null;
  /** Consecutive steps whose pre-clip gradient norm was over its bound, and the first of them. */
  badSteps: number;
  badStepsSince: number | null;
  /** The last step whose loss was finite and within the bounds, with a gradient norm within its bound. */
  lastSane: SaneLoss | null;
  /** lastSane as of the last evaluation within the bounds: an explosion the evaluations found began after it. */
  saneAtGoodEvaluation: SaneLoss | null;
  /** lastSane as the current run of bad evaluations began (what its explosion is reported against). */
  saneBeforeBadEvaluations: SaneLoss | null;
}

export const INITIAL_DIVERGENCE_STATE: DivergenceState = {
  referenceLoss: null,
  badEvaluations: 0,
  badEvaluationsSince: null,
  badSteps: 0,
  badStepsSince: null,
  lastSane: null,
  saneAtGoodEvaluation: null,
  saneBeforeBadEvaluations: null,
};

/**
 * The loss a trivial predictor scores on the task, in the task's own loss: an MSE or cross-entropy
 * baseline as it is; ln(perplexity) for a perplexity; for an accuracy-type baseline of a cross-entropy
 * task, the uniform guess over its classes, ln(C). Null when no loss follows from the baseline.
 */
export function baselineLoss(task: Pick<Task, 'loss' | 'baseline' | 'output'>): number | null {
  const { metric, value } = task.baseline;
  if (metric === task.loss) return value;
  if (task.loss !== 'cross-entropy') return null;
  if (metric === 'perplexity') return Math.log(value);
  const classes = task.output.kind === 'classes' ? task.output.labels.length : task.output.kind === 'tokens' ? task.output.vocabulary.size : 0;
  return classes > 1 ? Math.log(classes) : null;
}

export class DivergenceMonitor {
  constructor(
    private readonly spec: DivergenceSpec,
    /** baselineLoss(task) */
    private readonly baseline: number | null,
    /** Updated in place. */
    private readonly state: DivergenceState,
  ) {}

  /** Whether the reference loss still has to be measured (by `setUntrainedLoss`) for a loss rule to work. */
  get needsUntrainedLoss(): boolean {
    return this.state.referenceLoss === null && (this.spec.valLossOverReference > 0 || this.spec.valLossOverBest > 0);
  }

  /** The untrained model's validation loss: with the baseline, it sets the reference loss. */
  setUntrainedLoss(loss: number): void {
    const known = [this.baseline, loss].filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
    this.state.referenceLoss = known.length > 0 ? Math.max(...known) : null;
  }

  /** After each finite training step: an explosion when the gradient norm has been over its bound for `gradNormSteps` steps in a row. */
  afterStep(step: number, loss: number, gradNorm: number): RunDivergence | null {
    const { spec, state } = this;
    const gradOver = spec.gradNorm > 0 && gradNorm > spec.gradNorm;
    const lossBound = this.lossBound();
    const lossOver = lossBound !== null && loss > lossBound;
    if (!gradOver && !lossOver) state.lastSane = { step, loss };
    if (!gradOver) {
      state.badSteps = 0;
      state.badStepsSince = null;
      return null;
    }
    state.badSteps += 1;
    state.badStepsSince ??= step;
    // === rather than >=: a run that keeps training (action 'warn') is told once per explosion, not every step
    if (state.badSteps !== spec.gradNormSteps) return null;
    const times = spec.gradNormSteps === 1 ? 'at one step' : `for ${spec.gradNormSteps} steps in a row`;
    return this.explosion(
      step,
      `the gradient norm before clipping was above ${spec.gradNorm} ${times} since step ${state.badStepsSince} (now ${format(gradNorm)})`,
    );
  }

  /**
   * After each finite evaluation, before it updates the best: an explosion when the validation loss has been
   * over a bound for `evaluations` evaluations in a row.
   * @param bestBefore the best validation loss of the earlier evaluations (null: this is the first)
   */
  afterEvaluation(step: number, loss: number, bestBefore: number | null): RunDivergence | null {
    const { spec, state } = this;
    const why = this.overBound(loss, bestBefore);
    if (why === null) {
      state.badEvaluations = 0;
      state.badEvaluationsSince = null;
      state.saneBeforeBadEvaluations = null;
      state.saneAtGoodEvaluation = state.lastSane;
      return null;
    }
    if (state.badEvaluations === 0) state.saneBeforeBadEvaluations = state.saneAtGoodEvaluation ?? state.lastSane;
    state.badEvaluations += 1;
    state.badEvaluationsSince ??= step;
    if (state.badEvaluations !== spec.evaluations) return null;
    const times = spec.evaluations === 1 ? 'at one evaluation' : `at ${spec.evaluations} evaluations in a row`;
    return this.explosion(step, `${why} ${times} since step ${state.badEvaluationsSince}`);
  }

  /** A NaN / Inf loss, gradient or parameter (always an explosion). */
  nonFinite(step: number, reason: string): RunDivergence {
    return this.explosion(step, reason);
  }

  /** Bound on a sane loss: `valLossOverReference` × the reference, when both are known. */
  private lossBound(): number | null {
    const { referenceLoss } = this.state;
    return referenceLoss === null || this.spec.valLossOverReference <= 0 ? null : this.spec.valLossOverReference * referenceLoss;
  }

  private overBound(loss: number, best: number | null): string | null {
    const { spec, state } = this;
    const bound = this.lossBound();
    // A bound exists only with a reference loss (lossBound); both are checked so the message never prints a missing one.
    if (bound !== null && state.referenceLoss !== null && loss > bound) {
      return `the validation loss (${format(loss)}) was above ${spec.valLossOverReference} × the reference loss ${format(state.referenceLoss)} (the larger of the task's trivial baseline and the untrained model's loss)`;
    }
    const noBetterThanReference = state.referenceLoss === null || loss >= state.referenceLoss;
    if (spec.valLossOverBest > 0 && best !== null && best > 0 && loss > spec.valLossOverBest * best && noBetterThanReference) {
      return `the validation loss (${format(loss)}) was above ${spec.valLossOverBest} × its best (${format(best)}) and no better than the reference loss${state.referenceLoss === null ? '' : ` ${format(state.referenceLoss)}`}`;
    }
    return null;
  }

  /** The record of an explosion at `step`, with the last sane train loss from before it began. */
  private explosion(step: number, reason: string): RunDivergence {
    const { state } = this;
    // the earliest start: a run of bad evaluations began before any later symptom
    const sane = state.badEvaluations > 0 && state.saneBeforeBadEvaluations !== null ? state.saneBeforeBadEvaluations : state.lastSane;
    return { step, reason, lastSaneLoss: sane?.loss ?? null, lastSaneStep: sane?.step ?? null };
  }
}

function format(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

/** One line for people (CLI, run row, run detail): `at step 19: <why>; last sane loss 0.2384 (step 8)`. */
export function describeDivergence(d: RunDivergence): string {
  const sane = d.lastSaneLoss === null ? 'none (it began at the first step)' : `${format(d.lastSaneLoss)} (step ${d.lastSaneStep})`;
  return `at step ${d.step}: ${d.reason}; last sane loss ${sane}`;
}
