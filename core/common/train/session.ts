// A training session: one resolved spec turned into a model, optimiser, schedule and data streams,
// advanced one step at a time. Everything random comes from streams seeded by the spec's seed, and
// `checkpoint()` / `restore()` capture all of it, so a resumed run continues exactly as if never stopped.
import { Rng, type RngState } from '../random/rng';
import type { SequenceBatch } from '../data/batch';
import type { Kernels } from '../nn/kernels';
import type { Dtype } from '../nn/param';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { OptimizerSpec, ScheduleSpec } from '../spec/training-spec';
import type { Task } from '../tasks/task';
import type { SequenceModel } from '../model/sequence-model';
import { buildModel } from '../model/build-model';
import { kernelsFor } from '../nn/kernel-choice';
import { createOptimizer, type OptimizerConfig } from './optim/create-optimizer';
import type { Optimizer, OptimizerState } from './optim/optimizer';
import { createSchedule, type ScheduleConfig } from './schedules';
import { Trainer, type EvalStats, type StepStats, type TrainerOptions } from './trainer';

/** Independent random streams, derived from the one seed so that changing, e.g., dropout leaves the data alone. */
const STREAM = { init: 0, data: 1, dropout: 2, validation: 3 } as const;

export interface SessionCheckpoint {
  /** Steps completed. */
  readonly step: number;
  /** Parameter values by name (float32, PyTorch names). */
  readonly params: Readonly<Record<string, Float32Array>>;
  readonly optimizer: OptimizerState;
  readonly dataRng: RngState;
  readonly dropoutRng: RngState;
}

export interface SessionStep extends StepStats {
  /** The step just completed, counting from 1. */
  readonly step: number;
}

/** Takes a training step in place of the session's own Trainer, e.g. a data-parallel trainer over its model. */
export interface BatchStepper {
  step(batch: SequenceBatch, step: number, opts: { rng?: Rng; hGradNorms?: boolean }): Promise<StepStats>;
}

export class TrainingSession {
  readonly model: SequenceModel;
  /** The model, optimiser, schedule, clipping and BPTT this session trains with. */
  readonly trainerOptions: TrainerOptions;
  private readonly optimizer: Optimizer;
  private readonly trainer: Trainer;
  private dataRng: Rng;
  private dropoutRng: Rng;
  private completed = 0;

  constructor(
    readonly spec: ExperimentSpec,
    readonly task: Task,
    options: { dtype?: Dtype; kernels?: Kernels } = {},
  ) {
    this.model = buildModel(task, spec.model, streamRng(spec.seed, STREAM.init), { ...options, kernels: options.kernels ?? kernelsFor(spec.training.kernels) });
    this.optimizer = createOptimizer(optimizerConfig(spec.training.optimizer));
    const schedule = createSchedule(scheduleConfig(spec.training.schedule, spec.training.learningRate, spec.training.steps));
    this.trainerOptions = { model: this.model, optimizer: this.optimizer, schedule, clip: spec.training.clip, bptt: spec.training.bptt };
    this.trainer = new Trainer(this.trainerOptions);
    this.dataRng = streamRng(spec.seed, STREAM.data);
    this.dropoutRng = streamRng(spec.seed, STREAM.dropout);
  }

  get step(): number {
    return this.completed;
  }

  get finished(): boolean {
    return this.completed >= this.spec.training.steps;
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
    const step = this.completed + 1;
    return { batch, hGradNorms: training.gradNormsEvery > 0 && (step === 1 || step % training.gradNormsEvery === 0) };
  }

  private completeStep(stats: StepStats): SessionStep {
    this.completed += 1;
    return { ...stats, step: this.completed };
  }

  /** Loss and accuracy on the same held-out batches every time (a fixed validation stream). */
  evaluate(split: 'validation' | 'test' = 'validation'): EvalStats {
    const rng = streamRng(this.spec.seed, STREAM.validation + (split === 'test' ? 1 : 0));
    const batches: SequenceBatch[] = [];
    for (let i = 0; i < this.spec.training.evalBatches; i++) {
      const batch = this.task.batch(rng, this.spec.training.batchSize, split);
      if (batch.kind === 'sequence') batches.push(batch);
    }
    return this.trainer.evaluate(batches);
  }

  checkpoint(): SessionCheckpoint {
    const params: Record<string, Float32Array> = {};
    for (const p of this.model.params) params[p.name] = Float32Array.from(p.data);
    return { step: this.completed, params, optimizer: this.optimizer.state(), dataRng: this.dataRng.state(), dropoutRng: this.dropoutRng.state() };
  }

  restore(checkpoint: SessionCheckpoint): void {
    for (const p of this.model.params) {
      const saved = checkpoint.params[p.name];
      if (!saved || saved.length !== p.data.length) throw new Error(`TrainingSession.restore: checkpoint has no matching values for ${p.name}`);
      p.data.set(saved);
    }
    this.optimizer.loadState(checkpoint.optimizer);
    this.dataRng = Rng.fromState(checkpoint.dataRng);
    this.dropoutRng = Rng.fromState(checkpoint.dropoutRng);
    this.completed = checkpoint.step;
  }
}

function streamRng(seed: number, stream: number): Rng {
  // Splitmix seeding inside Rng makes seeds that differ in one bit give unrelated streams.
  return new Rng((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
}

function optimizerConfig(spec: OptimizerSpec): OptimizerConfig {
  return spec;
}

function scheduleConfig(spec: ScheduleSpec, lr: number, totalSteps: number): ScheduleConfig {
  const warmupSteps = spec.warmupSteps > 0 ? spec.warmupSteps : undefined;
  switch (spec.kind) {
    case 'constant':
      return { kind: 'constant', lr, warmupSteps };
    case 'step':
      return { kind: 'step', lr, stepSize: spec.stepSize, gamma: spec.gamma, warmupSteps };
    case 'cosine':
      return { kind: 'cosine', lr, totalSteps: Math.max(1, totalSteps - spec.warmupSteps), minLr: spec.minLr, warmupSteps };
  }
}
