// The parts every training session builds the same way from a spec: independent random streams
// derived from the one seed, the optimiser and the learning-rate schedule.
import { Rng } from '../random/rng';
import type { TrainingSpec } from '../spec/training-spec';
import { heldOutRng, type HeldOutSplit } from '../tasks/held-out';
import type { Task } from '../tasks/task';
import { createOptimizer } from './optim/create-optimizer';
import type { Optimizer } from './optim/optimizer';
import { createSchedule, type Schedule } from './schedules';

/**
 * Independent random streams, derived from the one seed so that changing, e.g., dropout leaves the data alone.
 * The held-out streams are not among them: they belong to the task (evaluationRng).
 */
export const STREAM = { init: 0, data: 1, dropout: 2 } as const;

export function streamRng(seed: number, stream: number): Rng {
  // Splitmix seeding inside Rng makes seeds that differ in one bit give unrelated streams.
  return new Rng((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
}

/**
 * The fixed held-out stream of a split: the same batches at every evaluation, and for every run of the
 * task whatever its seed (seeded by the task and its parameters, core/common/tasks/held-out.ts).
 */
export function evaluationRng(task: Pick<Task, 'id' | 'params'>, split: HeldOutSplit): Rng {
  return heldOutRng(task, split);
}

export function optimizerFor(training: TrainingSpec): Optimizer {
  return createOptimizer(training.optimizer);
}

export function scheduleFor(training: TrainingSpec): Schedule {
  const { schedule: spec, learningRate: lr, steps: totalSteps } = training;
  const warmupSteps = spec.warmupSteps > 0 ? spec.warmupSteps : undefined;
  switch (spec.kind) {
    case 'constant':
      return createSchedule({ kind: 'constant', lr, warmupSteps });
    case 'step':
      return createSchedule({ kind: 'step', lr, stepSize: spec.stepSize, gamma: spec.gamma, warmupSteps });
    case 'cosine':
      return createSchedule({ kind: 'cosine', lr, totalSteps: Math.max(1, totalSteps - spec.warmupSteps), minLr: spec.minLr, warmupSteps });
  }
}
