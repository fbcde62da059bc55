// The parts every training session builds the same way from a spec: independent random streams
// derived from the one seed, the optimiser and the learning-rate schedule.
import { Rng } from '../random/rng';
import type { TrainingSpec } from '../spec/training-spec';
import { createOptimizer } from './optim/create-optimizer';
import type { Optimizer } from './optim/optimizer';
import { createSchedule, type Schedule } from './schedules';

/** Independent random streams, derived from the one seed so that changing, e.g., dropout leaves the data alone. */
export const STREAM = { init: 0, data: 1, dropout: 2, validation: 3 } as const;

export function streamRng(seed: number, stream: number): Rng {
  // Splitmix seeding inside Rng makes seeds that differ in one bit give unrelated streams.
  return new Rng((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
}

/** The fixed held-out stream of a split: the same batches at every evaluation. */
export function evaluationRng(seed: number, split: 'validation' | 'test'): Rng {
  return streamRng(seed, STREAM.validation + (split === 'test' ? 1 : 0));
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
