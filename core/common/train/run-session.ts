// What the run loop (core/node/runner/training-loop.ts) trains: a session advanced one step at a time,
// evaluated on a fixed held-out stream, and captured / restored exactly by its checkpoint. The one
// implementation, for every model kind, is core/common/models/training-session.ts.
import type { RngState } from '../random/rng';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { Task } from '../tasks/task';
import type { OptimizerState } from './optim/optimizer';
import type { StepStats } from './update-step';
import type { SessionEvaluation } from './evaluation';

export interface SessionCheckpoint {
  /** Steps completed. */
  readonly step: number;
  /** Parameter values by name (float32, PyTorch names). */
  readonly params: Readonly<Record<string, Float32Array>>;
  readonly optimizer: OptimizerState;
  readonly dataRng: RngState;
  readonly dropoutRng: RngState;
}

/** A training step as a run logs it: the step's stats (update-step.ts) and which step it was. */
export interface SessionStep extends StepStats {
  /** The step just completed, counting from 1. */
  readonly step: number;
}

export interface RunSession {
  readonly spec: ExperimentSpec;
  /** What it trains on (its baseline is what an explosion is measured against). */
  readonly task: Task;
  /** Steps completed. */
  readonly step: number;
  readonly finished: boolean;
  /** Trains on one fresh batch. */
  next(): SessionStep;
  /** Loss and metrics on the same held-out batches every time. */
  evaluate(split?: 'validation' | 'test'): SessionEvaluation;
  checkpoint(): SessionCheckpoint;
  restore(checkpoint: SessionCheckpoint): void;
}

/** Whether per-time-step gradient norms are sampled on `step` (1-based): step 1 and every `every` (0 = never). */
export function samplesGradNorms(step: number, every: number): boolean {
  return every > 0 && (step === 1 || step % every === 0);
}
