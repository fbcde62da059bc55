// What the Runner takes and tells: its options, the events it pushes to its owner, and the results of
// its commands (expected refusals are values with a code and a message, never throws).
import type { RunDivergence, RunStatus } from '../store/types';
import type { ProgressMessage } from './protocol';

export type RunnerEvent =
  | {
      readonly type: 'status';
      readonly runId: number;
      readonly status: RunStatus;
      /** Why a run failed, diverged or was interrupted, as stored in runs.error; null otherwise. */
      readonly error: string | null;
      /** For `diverged`: the step, why, and the last sane train loss from before the explosion began. */
      readonly divergence?: RunDivergence;
    }
  /** A run noted an explosion and trains on (training.divergence.action 'warn'); stored in its warnings. */
  | { readonly type: 'warning'; readonly runId: number; readonly warning: RunDivergence }
  /** A worker's progress message (protocol.ts) with its run: at most about 10 per second per run. */
  | (ProgressMessage & { readonly runId: number });

export type RunnerEventListener = (event: RunnerEvent) => void;

/** Codes match the API's error codes, so a handler can pass a refusal straight on. */
export type RunnerResult = { readonly ok: true } | { readonly ok: false; readonly code: 'not-found' | 'conflict'; readonly message: string };

export interface RunnerOptions {
  /** Path of the training worker entry; createRunner passes the bundled one (worker-entries.ts). */
  readonly workerEntry: string;
  /** Path of the data-parallel gradient worker entry, needed by runs with training.threads > 1. */
  readonly gradientWorkerEntry?: string;
  /** Runs training at once; the rest wait in a FIFO queue. Default: os.availableParallelism(). */
  readonly concurrency?: number;
  /**
   * V8 heap limit of each worker (resourceLimits.maxOldGenerationSizeMb): a run that exceeds it fails
   * alone instead of taking the app down. Typed-array tensors live outside this heap. Default 2048.
   */
  readonly maxHeapMb?: number;
  /** Metric rows are written at least this often (ms)… Default 100. */
  readonly flushMs?: number;
  /** …or as soon as this many wait. Default 500. */
  readonly flushRows?: number;
  /** How long a worker may take to honour `stop` (its current step must finish) before it is terminated. Default 30 s. */
  readonly stopTimeoutMs?: number;
}
