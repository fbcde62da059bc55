// One optimisation step of a sequence model on a batch: the gradient (forward, loss, exact full or
// truncated BPTT, in batch-gradient.ts), then the update every model kind shares (train/update-step.ts:
// pre-clip norm, NaN/Inf checks, clipping, optimiser).
//
// Shapes: T steps, B batch, L layers, D directions, H hidden.

import type { Rng } from '../../random/rng';
import type { SequenceBatch } from '../../data/batch';
import type { BpttSpec } from '../../spec/training-spec';
import type { SequenceModel } from './sequence-model';
import { updateStep, type BatchOutcome, type StepStats, type UpdateOptions } from '../../train/update-step';
import type { EvalStats } from '../../train/evaluation';
import { evaluateSequence } from './evaluate';
import { BatchGradient, type GradientResult } from './batch-gradient';

export interface TrainerOptions extends UpdateOptions {
  readonly model: SequenceModel;
  readonly bptt: BpttSpec;
}

export class Trainer {
  private readonly model: SequenceModel;
  private readonly gradient: BatchGradient;

  constructor(private readonly options: TrainerOptions) {
    this.model = options.model;
    this.gradient = new BatchGradient(options.model, options.bptt);
  }

  /** One update from one batch. `step` (from 0) picks the learning rate; `rng` draws dropout masks. */
  step(batch: SequenceBatch, step: number, opts: { rng?: Rng | undefined; hGradNorms?: boolean | undefined } = {}): StepStats {
    return this.update(this.gradient.compute(batch, opts), step);
  }

  /**
   * The update half of `step` (update-step.ts), from the gradient already in the model's Param.grad
   * (data-parallel training reduces the shards' gradients there first).
   */
  update(gradient: GradientResult, step: number): StepStats {
    return updateStep(this.model.params, batchOutcome(gradient), step, this.options);
  }

  /** Mean loss (and accuracy) over batches, without dropout or gradients. */
  evaluate(batches: Iterable<SequenceBatch>): EvalStats {
    return evaluateSequence(this.model, batches);
  }
}

/** The batch's mean loss and accuracy from the sums of its blocks (and of its shards, data-parallel). */
export function batchOutcome(gradient: GradientResult): BatchOutcome {
  const { lossSum, weight, accSum, accWeight, tokens, gradNorms } = gradient;
  return { loss: weight > 0 ? lossSum / weight : 0, accuracy: accWeight > 0 ? accSum / accWeight : null, tokens, gradNorms, teacherForcing: null };
}
