// Teacher-forcing ratio schedules for scheduled sampling (Bengio, Vinyals, Jaitly & Shazeer 2015,
// "Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks"): pure functions from
// the optimiser step (0-based) to the probability of feeding the teacher token, so a resumed run
// needs only its step count. 1 is plain teacher forcing; 0 always feeds the model's own argmax.

import type { TeacherForcingSpec } from '../../spec/training-spec';

export type TeacherForcingSchedule = (step: number) => number;

function checkRatio(fn: string, name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new Error(`${fn}: ${name} must be in [0, 1], got ${value}`);
}

export function constantRatio(ratio: number): TeacherForcingSchedule {
  checkRatio('constantRatio', 'ratio', ratio);
  return () => ratio;
}

/** The paper's linear decay: from `start` down by `slope` per step, never below `floor`. */
export function linearDecay(start: number, floor: number, slope: number): TeacherForcingSchedule {
  checkRatio('linearDecay', 'start', start);
  checkRatio('linearDecay', 'floor', floor);
  if (!(slope >= 0 && Number.isFinite(slope))) throw new Error(`linearDecay: slope must be >= 0, got ${slope}`);
  return (step) => Math.max(floor, start - slope * step);
}

/** The paper's inverse sigmoid decay k / (k + exp(step / k)), k ≥ 1: stays near 1, then falls off. */
export function inverseSigmoidDecay(k: number): TeacherForcingSchedule {
  if (!(k >= 1 && Number.isFinite(k))) throw new Error(`inverseSigmoidDecay: k must be >= 1, got ${k}`);
  return (step) => k / (k + Math.exp(step / k));
}

/** The schedule a spec's training.teacherForcing names. */
export function teacherForcingSchedule(spec: TeacherForcingSpec): TeacherForcingSchedule {
  switch (spec.kind) {
    case 'constant':
      return constantRatio(spec.ratio);
    case 'linear':
      return linearDecay(spec.start, spec.floor, spec.slope);
    case 'inverse-sigmoid':
      return inverseSigmoidDecay(spec.k);
  }
}
