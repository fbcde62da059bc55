// One optimisation step of a decoder model (encoder–decoder, or one-to-many): zero the gradients,
// forward + loss + backward in the model, clip with the pre-clip norm reported, check for NaN/Inf,
// update. The teacher-forcing ratio of the step comes from a schedule (scheduled sampling).

import type { Rng } from '../../random/rng';
import type { Param } from '../../nn/param';
import type { ClipSpec } from '../../spec/training-spec';
import type { Optimizer } from '../../train/optim/optimizer';
import type { Schedule } from '../../train/schedules';
import type { TeacherForcingSchedule } from './teacher-forcing';
import type { LayerGradNorms } from '../../train/layer-grad-norms';
import { zeroGrads } from '../../nn/param';
import { clipGradNorm, clipGradValue, findNonFinite, globalGradNorm } from '../../train/clipping';

/** The loss of one batch, and what to weight it by when combining batches. */
export interface BatchLoss {
  /** Mean over the scored tokens (or values). */
  readonly loss: number;
  readonly weight: number;
  /** Token accuracy of class targets, null for regression. */
  readonly accuracy: { readonly value: number; readonly weight: number } | null;
  /** Scored target steps. */
  readonly tokens: number;
  /** ‖∂L/∂h_t‖ per layer and step, when asked for (trainLoss with hGradNorms). */
  readonly gradNorms?: readonly LayerGradNorms[] | null;
}

export interface TrainLossOptions {
  /** Draws dropout masks and scheduled-sampling coins. */
  readonly rng?: Rng;
  readonly teacherForcing?: number;
  /** Also measure ‖∂L/∂h_t‖ per layer and step. */
  readonly hGradNorms?: boolean;
}

/** A model that computes its own loss and gradients on its batch type. */
export interface TrainableDecoderModel<TBatch> {
  readonly params: readonly Param[];
  /** Forward (training mode), loss and backward; gradients accumulate (+=) into params. */
  trainLoss(batch: TBatch, opts: TrainLossOptions): BatchLoss;
}

export interface DecoderStepStats {
  readonly loss: number;
  readonly accuracy: number | null;
  /** Global L2 norm of all gradients before clipping. */
  readonly gradNorm: number;
  readonly learningRate: number;
  readonly teacherForcing: number;
  readonly tokens: number;
  /** ‖∂L/∂h_t‖ per layer and step on steps that asked for them, else null. */
  readonly gradNorms: readonly LayerGradNorms[] | null;
  /** Set when the loss or a gradient was NaN/Inf (the update was skipped) or a parameter became so. */
  readonly nonFinite: string | null;
}

export interface DecoderTrainerOptions<TBatch> {
  readonly model: TrainableDecoderModel<TBatch>;
  readonly optimizer: Optimizer;
  readonly schedule: Schedule;
  readonly clip: ClipSpec;
  /** Default: always 1 (teacher forcing). */
  readonly teacherForcing?: TeacherForcingSchedule;
}

export class DecoderTrainer<TBatch> {
  constructor(private readonly options: DecoderTrainerOptions<TBatch>) {}

  /** One update from one batch; `step` (from 0) picks the learning rate and teacher-forcing ratio. */
  step(batch: TBatch, step: number, opts: { rng?: Rng; hGradNorms?: boolean } = {}): DecoderStepStats {
    const { model, optimizer, clip } = this.options;
    const teacherForcing = this.options.teacherForcing?.(step) ?? 1;
    zeroGrads(model.params);
    const r = model.trainLoss(batch, { rng: opts.rng, teacherForcing, hGradNorms: opts.hGradNorms });
    const learningRate = this.options.schedule(step);
    const gradNorm = globalGradNorm(model.params);
    const base = { loss: r.loss, accuracy: r.accuracy?.value ?? null, gradNorm, learningRate, teacherForcing, tokens: r.tokens, gradNorms: r.gradNorms ?? null };
    const bad = !Number.isFinite(r.loss) ? 'loss' : findNonFinite(model.params, 'grad')?.name ?? null;
    if (bad !== null) return { ...base, nonFinite: bad === 'loss' ? `loss is ${r.loss}` : `gradient of ${bad} is not finite` };
    if (clip.kind === 'norm') clipGradNorm(model.params, clip.max);
    else if (clip.kind === 'value') clipGradValue(model.params, clip.max);
    optimizer.step(model.params, learningRate);
    const badParam = findNonFinite(model.params, 'data');
    return { ...base, nonFinite: badParam ? `parameter ${badParam.name} became ${badParam.value}` : null };
  }
}
