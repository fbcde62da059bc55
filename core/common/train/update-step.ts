// The one update every model kind's training step ends with, from the gradient its backward pass left
// in Param.grad: the global gradient norm before clipping, the NaN/Inf check of the loss and the
// gradients (the update is skipped), clipping by norm or by value, the optimiser step with the
// scheduled learning rate, and the NaN/Inf check of the parameters it wrote. A change to clipping or
// to what counts as diverged is made here, once, for sequence, encoder–decoder and one-to-many models.
import type { Param } from '../nn/param';
import type { ClipSpec } from '../spec/training-spec';
import type { LayerGradNorms } from './layer-grad-norms';
import type { Optimizer } from './optim/optimizer';
import type { Schedule } from './schedules';
import { clipGradNorm, clipGradValue, findNonFinite, globalGradNorm } from './clipping';

/** What a model kind's forward, loss and backward of one batch report besides the gradient in Param.grad. */
export interface BatchOutcome {
  /** Mean loss of the batch (the quantity the gradient is of, up to BPTT truncation). */
  readonly loss: number;
  /** Mean accuracy of class or token targets; null for regression. */
  readonly accuracy: number | null;
  /** Scored time steps (tokens or values) of the batch: the unit of throughput. */
  readonly tokens: number;
  /** ‖∂L/∂h_t‖ per layer and step when they were asked for (views valid until the next step), else null. */
  readonly gradNorms: readonly LayerGradNorms[] | null;
  /** The teacher-forcing ratio of this step when a schedule varies it (scheduled sampling), else null. */
  readonly teacherForcing: number | null;
}

/** One training step as every kind reports it. */
export interface StepStats extends BatchOutcome {
  /** Global L2 norm of all gradients before clipping. */
  readonly gradNorm: number;
  readonly learningRate: number;
  /** Set when the loss or a gradient was NaN/Inf (the update was skipped) or a parameter became so. */
  readonly nonFinite: string | null;
}

export interface UpdateOptions {
  readonly optimizer: Optimizer;
  readonly schedule: Schedule;
  readonly clip: ClipSpec;
}

/** The update of `params` from the gradient in their Param.grad; `step` (from 0) picks the learning rate. */
export function updateStep(params: readonly Param[], outcome: BatchOutcome, step: number, options: UpdateOptions): StepStats {
  const learningRate = options.schedule(step);
  const gradNorm = globalGradNorm(params);
  const base = { ...outcome, gradNorm, learningRate };
  const bad = !Number.isFinite(outcome.loss) ? 'loss' : (findNonFinite(params, 'grad')?.name ?? null);
  if (bad !== null) return { ...base, nonFinite: bad === 'loss' ? `loss is ${outcome.loss}` : `gradient of ${bad} is not finite` };

  const { clip } = options;
  if (clip.kind === 'norm') clipGradNorm(params, clip.max);
  else if (clip.kind === 'value') clipGradValue(params, clip.max);
  options.optimizer.step(params, learningRate);
  const badParam = findNonFinite(params, 'data');
  return { ...base, nonFinite: badParam ? `parameter ${badParam.name} became ${badParam.value}` : null };
}
