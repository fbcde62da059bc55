// A training session of any model kind: one resolved spec turned into a model (by its kind,
// model-kinds.ts), optimiser, schedule and data streams, advanced one step at a time. A step is the
// kind's gradient of a fresh batch, then the update every kind shares (train/update-step.ts).
// Everything random comes from streams seeded by the spec's seed, and `checkpoint()` / `restore()`
// capture all of it, so a resumed run continues exactly as if never stopped.
import { Rng } from '../random/rng';
import type { Batch } from '../data/batch';
import type { Kernels } from '../nn/kernels';
import type { Dtype, Param } from '../nn/param';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { Task } from '../tasks/task';
import type { SessionEvaluation } from '../train/evaluation';
import type { Optimizer } from '../train/optim/optimizer';
import type { RunSession, SessionCheckpoint, SessionStep } from '../train/run-session';
import type { GradientOptions, ModelKindName } from './model-kind';
import { kernelsFor } from '../nn/kernel-choice';
import { loadParams } from '../train/load-params';
import { samplesGradNorms } from '../train/run-session';
import { STREAM, evaluationRng, optimizerFor, scheduleFor, streamRng } from '../train/session-setup';
import { updateStep, type StepStats, type UpdateOptions } from '../train/update-step';
import { buildTrainable, type KindModels, type RunModel, type TrainableModel } from './model-kinds';

/** Takes a training step in place of the session's own, e.g. a data-parallel trainer over its model and update options. */
export type BatchStepper = (batch: Batch, step: number, opts: GradientOptions) => Promise<StepStats>;

export class TrainingSession implements RunSession {
  /** The model, built by its kind. */
  readonly model: RunModel;
  /** The optimiser (whose state checkpoints carry), schedule and clipping every step updates with. */
  readonly update: UpdateOptions;
  private readonly trainable: TrainableModel;
  private readonly optimizer: Optimizer;
  private dataRng: Rng;
  private dropoutRng: Rng;
  private completed = 0;

  constructor(
    readonly spec: ExperimentSpec,
    readonly task: Task,
    options: { dtype?: Dtype; kernels?: Kernels } = {},
  ) {
    const { training } = spec;
    this.optimizer = optimizerFor(training);
    this.dataRng = streamRng(spec.seed, STREAM.data);
    this.dropoutRng = streamRng(spec.seed, STREAM.dropout);
    const build = { dtype: options.dtype, kernels: options.kernels ?? kernelsFor(training.kernels) };
    this.trainable = buildTrainable(spec.model, training, task, streamRng(spec.seed, STREAM.init), build);
    this.model = this.trainable.built;
    this.update = { optimizer: this.optimizer, schedule: scheduleFor(training), clip: training.clip };
  }

  /** Every trained parameter, under the names checkpoints use. */
  get params(): readonly Param[] {
    return this.trainable.params;
  }

  /** Steps completed. */
  get step(): number {
    return this.completed;
  }

  get finished(): boolean {
    return this.completed >= this.spec.training.steps;
  }

  /** The model, which must be of kind `kind` (a test or tool that knows what it trained). */
  modelOf<K extends ModelKindName>(kind: K): KindModels[K] {
    if (this.model.kind !== kind) throw new Error(`TrainingSession.modelOf: the session trains a ${this.model.kind} model, not a ${kind} model`);
    return this.model.model as KindModels[K];
  }

  /** One line describing the model (its kind, sizes and parameter count). */
  describe(): string {
    return this.trainable.describe();
  }

  /** Trains on one fresh batch. Per-time-step gradient norms are recorded every `gradNormsEvery` steps. */
  next(): SessionStep {
    const { batch, opts } = this.nextBatch();
    const outcome = this.trainable.gradient.compute(batch, this.completed, opts);
    return this.completeStep(updateStep(this.params, outcome, this.completed, this.update));
  }

  /** As `next`, with the step taken by `stepper` (which must train this session's model with its `update`). */
  async nextWith(stepper: BatchStepper): Promise<SessionStep> {
    const { batch, opts } = this.nextBatch();
    return this.completeStep(await stepper(batch, this.completed, opts));
  }

  private nextBatch(): { batch: Batch; opts: GradientOptions } {
    const { training } = this.spec;
    const batch = this.task.batch(this.dataRng, training.batchSize, 'train');
    return { batch, opts: { rng: this.dropoutRng, gradNorms: samplesGradNorms(this.completed + 1, training.gradNormsEvery) } };
  }

  private completeStep(stats: StepStats): SessionStep {
    this.completed += 1;
    return { ...stats, step: this.completed };
  }

  /** Loss and metrics on the same held-out batches every time (the task's fixed stream of the split). */
  evaluate(split: 'validation' | 'test' = 'validation'): SessionEvaluation {
    const rng = evaluationRng(this.task, split);
    const { batchSize, evalBatches } = this.spec.training;
    const batches = Array.from({ length: evalBatches }, () => this.task.batch(rng, batchSize, split));
    return this.trainable.evaluate(batches);
  }

  checkpoint(): SessionCheckpoint {
    const params: Record<string, Float32Array> = {};
    for (const p of this.params) params[p.name] = Float32Array.from(p.data);
    return { step: this.completed, params, optimizer: this.optimizer.state(), dataRng: this.dataRng.state(), dropoutRng: this.dropoutRng.state() };
  }

  restore(checkpoint: SessionCheckpoint): void {
    const problem = loadParams(this.params, checkpoint.params);
    if (problem !== null) throw new Error(`restore: the checkpoint has ${problem}; it was not written for this model`);
    this.optimizer.loadState(checkpoint.optimizer);
    this.dataRng = Rng.fromState(checkpoint.dataRng);
    this.dropoutRng = Rng.fromState(checkpoint.dropoutRng);
    this.completed = checkpoint.step;
  }
}
