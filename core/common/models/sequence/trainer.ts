// One optimisation step of a sequence model on a batch: the gradient (forward, loss, exact full or
// truncated BPTT, in batch-gradient.ts), then the update every model kind shares (train/update-step.ts:
// pre-clip norm, NaN/Inf checks, clipping, optimiser). Also the evaluation of held-out batches.
//
// Shapes: T steps, B batch, L layers, D directions, H hidden.

import type { Rng } from '../../random/rng';
import type { SequenceBatch } from '../../data/batch';
import type { BpttSpec } from '../../spec/training-spec';
import type { SequenceModel } from './sequence-model';
import { updateStep, type BatchOutcome, type StepStats, type UpdateOptions } from '../../train/update-step';
import { targetLoss } from '../../train/target-loss';
import { sequenceMetrics } from './target-metrics';
import { BatchGradient, type GradientResult } from './batch-gradient';

export interface EvalStats {
  readonly loss: number;
  readonly accuracy: number | null;
  /** For per-step class targets: fraction of sequences entirely right; null otherwise. */
  readonly sequenceAccuracy: number | null;
  /** For targets with allowed classes (grammars): fraction of sequences predicting a legal symbol at every step. */
  readonly legalNextAccuracy: number | null;
  readonly weight: number;
}

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
  step(batch: SequenceBatch, step: number, opts: { rng?: Rng; hGradNorms?: boolean } = {}): StepStats {
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
    const { model } = this;
    let lossSum = 0;
    let weight = 0;
    let accSum = 0;
    let accWeight = 0;
    let sequences = 0;
    let exact = 0;
    let legal = 0;
    let hasLegal = false;
    for (const batch of batches) {
      const { steps: T, batchSize: B } = batch;
      model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);
      const pass = model.forwardWindow(0, T, this.gradient.lengthsIn(batch, 0, T), null, { training: false });
      const loss = targetLoss(batch.target, 0, T, B, pass.out, null);
      lossSum += loss.loss * loss.weight;
      weight += loss.weight;
      if (loss.accuracy) {
        accSum += loss.accuracy.value * loss.accuracy.weight;
        accWeight += loss.accuracy.weight;
      }
      if (batch.target.kind === 'step-classes') {
        const m = sequenceMetrics(batch.target, pass.out, T, B);
        sequences += m.sequences;
        exact += m.sequenceAccuracy * m.sequences;
        if (m.legalNextAccuracy !== null) {
          hasLegal = true;
          legal += m.legalNextAccuracy * m.sequences;
        }
      }
    }
    return {
      loss: weight > 0 ? lossSum / weight : 0,
      accuracy: accWeight > 0 ? accSum / accWeight : null,
      sequenceAccuracy: sequences > 0 ? exact / sequences : null,
      legalNextAccuracy: hasLegal && sequences > 0 ? legal / sequences : null,
      weight,
    };
  }
}

/** The batch's mean loss and accuracy from the sums of its blocks (and of its shards, data-parallel). */
export function batchOutcome(gradient: GradientResult): BatchOutcome {
  const { lossSum, weight, accSum, accWeight, tokens, gradNorms } = gradient;
  return { loss: weight > 0 ? lossSum / weight : 0, accuracy: accWeight > 0 ? accSum / accWeight : null, tokens, gradNorms, teacherForcing: null };
}
