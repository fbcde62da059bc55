// A training session of a sequence model: one resolved spec turned into a model, optimiser, schedule
// and data streams, advanced one step at a time. Everything random comes from streams seeded by the
// spec's seed, and `checkpoint()` / `restore()` capture all of it, so a resumed run continues exactly
// as if never stopped. (Encoder–decoder and one-to-many runs: decoder-training-session.ts.)
import type { Rng } from '../random/rng';
import type { SequenceBatch } from '../data/batch';
import type { Kernels } from '../nn/kernels';
import type { Dtype, Param } from '../nn/param';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { Task } from '../tasks/task';
import type { SequenceModel } from '../models/sequence/sequence-model';
import type { RunSession, SessionEvaluation, SessionStep } from './run-session';
import { buildModel } from '../models/sequence/build-model';
import { kernelsFor } from '../nn/kernel-choice';
import { Trainer, type TrainerOptions } from '../models/sequence/trainer';
import type { StepStats } from './update-step';
import { languageModelMetrics } from './metrics';
import { samplesGradNorms } from './run-session';
import { SeededSession } from './seeded-session';
import { STREAM, evaluationRng, scheduleFor, streamRng } from './session-setup';

export type { SessionCheckpoint, SessionStep } from './run-session';

/** Takes a training step in place of the session's own Trainer, e.g. a data-parallel trainer over its model. */
export interface BatchStepper {
  step(batch: SequenceBatch, step: number, opts: { rng?: Rng; hGradNorms?: boolean }): Promise<StepStats>;
}

export class TrainingSession extends SeededSession implements RunSession {
  readonly model: SequenceModel;
  /** The model, optimiser, schedule, clipping and BPTT this session trains with. */
  readonly trainerOptions: TrainerOptions;
  private readonly trainer: Trainer;

  constructor(
    spec: ExperimentSpec,
    readonly task: Task,
    options: { dtype?: Dtype; kernels?: Kernels } = {},
  ) {
    super(spec);
    if (spec.model.kind !== 'sequence') throw new Error(`TrainingSession: a ${spec.model.kind} model trains in a DecoderTrainingSession`);
    this.model = buildModel(task, spec.model, streamRng(spec.seed, STREAM.init), { ...options, kernels: options.kernels ?? kernelsFor(spec.training.kernels) });
    this.trainerOptions = { model: this.model, optimizer: this.optimizer, schedule: scheduleFor(spec.training), clip: spec.training.clip, bptt: spec.training.bptt };
    this.trainer = new Trainer(this.trainerOptions);
  }

  get params(): readonly Param[] {
    return this.model.params;
  }

  /** Trains on one fresh batch. Per-time-step gradient norms are recorded every `gradNormsEvery` steps. */
  next(): SessionStep {
    const { batch, hGradNorms } = this.nextBatch();
    return this.completeStep(this.trainer.step(batch, this.completed, { rng: this.dropoutRng, hGradNorms }));
  }

  /** As `next`, with the step taken by `stepper` (which must train this session's `trainerOptions`). */
  async nextWith(stepper: BatchStepper): Promise<SessionStep> {
    const { batch, hGradNorms } = this.nextBatch();
    return this.completeStep(await stepper.step(batch, this.completed, { rng: this.dropoutRng, hGradNorms }));
  }

  private nextBatch(): { batch: SequenceBatch; hGradNorms: boolean } {
    const { training } = this.spec;
    const batch = this.task.batch(this.dataRng, training.batchSize, 'train');
    if (batch.kind !== 'sequence') throw new Error(`TrainingSession: task ${this.task.id} produces ${batch.kind} batches`);
    return { batch, hGradNorms: samplesGradNorms(this.completed + 1, training.gradNormsEvery) };
  }

  private completeStep(stats: StepStats): SessionStep {
    this.completed += 1;
    return { ...stats, step: this.completed };
  }

  /**
   * Loss and accuracy on the same held-out batches every time (a fixed validation stream), and the perplexity and
   * bits per character a language-model task declares, from the token-weighted mean cross-entropy (the loss).
   */
  evaluate(split: 'validation' | 'test' = 'validation'): SessionEvaluation {
    const rng = evaluationRng(this.task, split);
    const batches: SequenceBatch[] = [];
    for (let i = 0; i < this.spec.training.evalBatches; i++) {
      const batch = this.task.batch(rng, this.spec.training.batchSize, split);
      if (batch.kind === 'sequence') batches.push(batch);
    }
    const stats = this.trainer.evaluate(batches);
    const languageModel = this.task.loss === 'cross-entropy' ? languageModelMetrics(this.task.metrics, stats.loss) : { perplexity: null, bitsPerChar: null };
    return { ...stats, ...languageModel, byLength: null };
  }
}
