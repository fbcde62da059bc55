// What the Runner takes and tells: its options, the events it pushes to its owner, and the results of
// its commands (expected refusals are values with a code and a message, never throws).
import type { Run, RunDivergence, RunStatus } from '../store/types';
import type { MainToWorker, ProgressMessage, WorkerToMain } from './protocol';

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
  /** Train every run on a queue of agents instead of in this process's workers (core/node/queue). */
  readonly remote?: RemoteTrainer;
}

/** A run's training as the runner drives it: a worker thread here (RunWorker), or a job on agents (RemoteTrainer). */
export interface RunHandle {
  send(message: MainToWorker, transfer?: ArrayBuffer[]): void;
  /** Ends the training; after a final message it only lets go of the run. */
  terminate(): Promise<void>;
}

/** What a remote trainer tells the runner about a run: its worker's messages, in order, and more. */
export interface RemoteRunHandlers {
  message(message: WorkerToMain): void;
  /** The run cannot train there (a refusal of the queue); it ends as failed with this message. */
  crashed(message: string): void;
  /** An agent (re)starts the run from this step: the rows logged after it are dropped, as for a local restart. */
  rewind(step: number): void;
  /** Writes every waiting row now (before the queue is told they are stored). */
  commit(): void;
}

/** Where runs train when they train on a queue of agents. Its handlers are never called from within open(). */
export interface RemoteTrainer {
  /** Sends the run to the queue, or attaches to its job already there (the app restarted while agents worked). */
  open(run: Run, handlers: RemoteRunHandlers): RunHandle;
  /** The app is closing: the run trains on, its results wait in the queue for the next start. */
  detach(runId: number): void;
}
