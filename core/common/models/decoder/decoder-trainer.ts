// One optimisation step of a decoder model (encoder–decoder, or one-to-many): zero the gradients,
// forward + loss + backward in the model, then the update every model kind shares
// (train/update-step.ts: pre-clip norm, NaN/Inf checks, clipping, optimiser). The teacher-forcing
// ratio of the step comes from a schedule (scheduled sampling).

import type { Rng } from '../../random/rng';
import type { Param } from '../../nn/param';
import type { TeacherForcingSchedule } from './teacher-forcing';
import type { LayerGradNorms } from '../../train/layer-grad-norms';
import { zeroGrads } from '../../nn/param';
import { updateStep, type BatchOutcome, type StepStats, type UpdateOptions } from '../../train/update-step';

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
  readonly rng?: Rng | undefined;
  readonly teacherForcing?: number | undefined;
  /** Also measure ‖∂L/∂h_t‖ per layer and step. */
  readonly hGradNorms?: boolean | undefined;
}

/** A model that computes its own loss and gradients on its batch type. */
export interface TrainableDecoderModel<TBatch> {
  readonly params: readonly Param[];
  /** Forward (training mode), loss and backward; gradients accumulate (+=) into params. */
  trainLoss(batch: TBatch, opts: TrainLossOptions): BatchLoss;
}

export interface DecoderTrainerOptions<TBatch> extends UpdateOptions {
  readonly model: TrainableDecoderModel<TBatch>;
  /** Default: always 1 (teacher forcing). */
  readonly teacherForcing?: TeacherForcingSchedule;
}

export class DecoderTrainer<TBatch> {
  constructor(private readonly options: DecoderTrainerOptions<TBatch>) {}

  /** One update from one batch; `step` (from 0) picks the learning rate and teacher-forcing ratio. */
  step(batch: TBatch, step: number, opts: { rng?: Rng | undefined; hGradNorms?: boolean | undefined } = {}): StepStats {
    const { model } = this.options;
    const teacherForcing = this.options.teacherForcing?.(step) ?? 1;
    return updateStep(model.params, decoderBatchOutcome(model, batch, teacherForcing, opts), step, this.options);
  }
}

/** Zeroes the gradients, then forward, loss and backward of one batch at this teacher-forcing ratio (reported as the step's). */
export function decoderBatchOutcome<TBatch>(
  model: TrainableDecoderModel<TBatch>,
  batch: TBatch,
  teacherForcing: number,
  opts: { rng?: Rng | undefined; hGradNorms?: boolean | undefined },
): BatchOutcome {
  zeroGrads(model.params);
  const r = model.trainLoss(batch, { rng: opts.rng, teacherForcing, hGradNorms: opts.hGradNorms });
  return { loss: r.loss, accuracy: r.accuracy?.value ?? null, tokens: r.tokens, gradNorms: r.gradNorms ?? null, teacherForcing };
}
