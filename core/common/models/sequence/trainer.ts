// One optimisation step of a sequence model on a batch: the gradient (forward, loss, exact full or
// truncated BPTT, in batch-gradient.ts), then the global gradient norm before clipping, the
// divergence check, clipping and the optimiser update. Also the evaluation of held-out batches.
//
// Shapes: T steps, B batch, L layers, D directions, H hidden.

import type { Rng } from '../../random/rng';
import type { SequenceBatch } from '../../data/batch';
import type { BpttSpec, ClipSpec } from '../../spec/training-spec';
import type { Optimizer } from '../../train/optim/optimizer';
import type { Schedule } from '../../train/schedules';
import type { SequenceModel } from './sequence-model';
import { clipGradNorm, clipGradValue, findNonFinite, globalGradNorm } from '../../train/clipping';
import { targetLoss } from '../../train/target-loss';
import { sequenceMetrics } from './target-metrics';
import { BatchGradient, type GradientResult, type HGradNorms } from './batch-gradient';

export interface StepStats {
  /** Mean loss of the batch (the quantity the gradient is of, up to truncation). */
  readonly loss: number;
  readonly accuracy: number | null;
  /** Global L2 norm of all gradients before clipping. */
  readonly gradNorm: number;
  readonly learningRate: number;
  /** Valid (non-padding) time steps processed: Σ lengths. */
  readonly tokens: number;
  /** [L*D, Tw] ‖∂L/∂h_t‖ per layer/direction and step of the last backpropagated window, when requested. */
  readonly hGradNorms: HGradNorms | null;
  /** Set when the loss or a gradient was NaN/Inf: the update was skipped. */
  readonly nonFinite: string | null;
}

export interface EvalStats {
  readonly loss: number;
  readonly accuracy: number | null;
  /** For per-step class targets: fraction of sequences entirely right; null otherwise. */
  readonly sequenceAccuracy: number | null;
  /** For targets with allowed classes (grammars): fraction of sequences predicting a legal symbol at every step. */
  readonly legalNextAccuracy: number | null;
  readonly weight: number;
}

export interface TrainerOptions {
  readonly model: SequenceModel;
  readonly optimizer: Optimizer;
  readonly schedule: Schedule;
  readonly clip: ClipSpec;
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
   * The update half of `step`, from the gradient already in the model's Param.grad (data-parallel
   * training reduces the shards' gradients there first): mean loss, pre-clip global norm, NaN/Inf
   * check (the update is skipped), clipping, the optimiser step, and a NaN/Inf check of the parameters.
   */
  update(gradient: GradientResult, step: number): StepStats {
    const { model } = this;
    const { lossSum, weight, accSum, accWeight, tokens, hGradNorms } = gradient;
    const learningRate = this.options.schedule(step);
    const loss = weight > 0 ? lossSum / weight : 0;
    const gradNorm = globalGradNorm(model.params);
    const base = { loss, accuracy: accWeight > 0 ? accSum / accWeight : null, gradNorm, learningRate, tokens, hGradNorms };
    const bad = !Number.isFinite(loss) ? 'loss' : findNonFinite(model.params, 'grad')?.name ?? null;
    if (bad !== null) return { ...base, nonFinite: bad === 'loss' ? `loss is ${loss}` : `gradient of ${bad} is not finite` };

    const { clip } = this.options;
    if (clip.kind === 'norm') clipGradNorm(model.params, clip.max);
    else if (clip.kind === 'value') clipGradValue(model.params, clip.max);
    this.options.optimizer.step(model.params, learningRate);
    const badParam = findNonFinite(model.params, 'data');
    return { ...base, nonFinite: badParam ? `parameter ${badParam.name} became ${badParam.value}` : null };
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
