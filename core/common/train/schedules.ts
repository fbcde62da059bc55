// Learning-rate schedules: pure functions from the optimiser step (0-based) to the learning rate,
// so a resumed run needs only its step count. Built from factories or from a JSON config.

/** lr at optimiser step `step` (0 for the first update). */
export type Schedule = (step: number) => number;

function checkStep(fn: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new Error(`${fn}: step must be an integer >= 0, got ${step}`);
}

function checkPositive(fn: string, name: string, value: number, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${fn}: ${name} must be ${allowZero ? '>= 0' : '> 0'}, got ${value}`);
  }
}

export function constantLr(lr: number): Schedule {
  checkPositive('constantLr', 'lr', lr, true);
  return (step) => {
    checkStep('constantLr', step);
    return lr;
  };
}

/** lr·γ^⌊step / stepSize⌋, as torch.optim.lr_scheduler.StepLR. */
export function stepDecay(lr: number, stepSize: number, gamma: number): Schedule {
  checkPositive('stepDecay', 'lr', lr, true);
  if (!Number.isInteger(stepSize) || stepSize <= 0) throw new Error(`stepDecay: stepSize must be a positive integer, got ${stepSize}`);
  checkPositive('stepDecay', 'gamma', gamma, true);
  return (step) => {
    checkStep('stepDecay', step);
    return lr * gamma ** Math.floor(step / stepSize);
  };
}

/**
 * Cosine annealing without restarts (Loshchilov & Hutter 2017, SGDR), the closed form of
 * torch.optim.lr_scheduler.CosineAnnealingLR:
 *   lr(t) = minLr + (lr − minLr)·(1 + cos(π·t / totalSteps)) / 2,   held at minLr for t ≥ totalSteps.
 */
export function cosineAnnealing(lr: number, totalSteps: number, minLr = 0): Schedule {
  checkPositive('cosineAnnealing', 'lr', lr, true);
  checkPositive('cosineAnnealing', 'minLr', minLr, true);
  if (!Number.isInteger(totalSteps) || totalSteps <= 0) throw new Error(`cosineAnnealing: totalSteps must be a positive integer, got ${totalSteps}`);
  return (step) => {
    checkStep('cosineAnnealing', step);
    const t = Math.min(step, totalSteps);
    return minLr + ((lr - minLr) * (1 + Math.cos((Math.PI * t) / totalSteps))) / 2;
  };
}

/**
 * Linear warm-up in front of any schedule (Goyal et al. 2017, "Accurate, Large Minibatch SGD"):
 *   step < W:  after(0)·(step + 1) / W     (the first update already moves, at after(0)/W)
 *   step ≥ W:  after(step − W)             (the wrapped schedule starts when warm-up ends)
 * so e.g. a cosine over N steps behind W warm-up steps ends at step W + N.
 */
export function withWarmup(after: Schedule, warmupSteps: number): Schedule {
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) throw new Error(`withWarmup: warmupSteps must be an integer >= 0, got ${warmupSteps}`);
  return (step) => {
    checkStep('withWarmup', step);
    return step < warmupSteps ? (after(0) * (step + 1)) / warmupSteps : after(step - warmupSteps);
  };
}

/** A schedule as an experiment spec stores it. */
export type ScheduleConfig =
  | { readonly kind: 'constant'; readonly lr: number; readonly warmupSteps?: number | undefined }
  | { readonly kind: 'step'; readonly lr: number; readonly stepSize: number; readonly gamma: number; readonly warmupSteps?: number | undefined }
  | { readonly kind: 'cosine'; readonly lr: number; readonly totalSteps: number; readonly minLr?: number; readonly warmupSteps?: number | undefined };

export function createSchedule(config: ScheduleConfig): Schedule {
  let base: Schedule;
  switch (config.kind) {
    case 'constant':
      base = constantLr(config.lr);
      break;
    case 'step':
      base = stepDecay(config.lr, config.stepSize, config.gamma);
      break;
    case 'cosine':
      base = cosineAnnealing(config.lr, config.totalSteps, config.minLr ?? 0);
      break;
    default: {
      const unknown: never = config;
      throw new Error(`createSchedule: unknown kind '${(unknown as { kind: string }).kind}'`);
    }
  }
  return config.warmupSteps === undefined ? base : withWarmup(base, config.warmupSteps);
}
