// The messages between the runner (main thread) and a training worker. Everything is structured-clone
// safe; checkpoint bytes travel as transferred ArrayBuffers, so they are moved, not copied.
//
// One worker trains one run. Order matters and is relied on:
//   main → worker   start (once), then any of pause / resume / stop
//   worker → main   metrics and progress while training; a `metrics` message carrying every row up
//                   to step S always precedes a `checkpoint` of step S and every `paused` or final message;
//                   `paused` / `resumed` acknowledge a pause or resume once it has taken effect;
//                   `warning` notes an explosion the run trains on through (training.divergence.action 'warn');
//                   exactly one final message: done, failed or diverged.

import type { RunDivergence } from '../../common/api/entities';
import type { RunDataset } from '../data/run-spec';
import type { CheckpointKind } from '../../common/train/checkpoint-kinds';
import type { MachineLimits } from '../../common/spec/machine-limits';

/** A metric row without its run, which the main side adds. Names: core/common/train/metric-names.ts. */
export interface WireMetric {
  readonly name: string;
  readonly step: number;
  readonly value: number;
  readonly wallTime: number;
}

export type MainToWorker =
  /** `spec` as stored (the worker validates it again); `checkpoint` is an encoded 'latest' checkpoint to continue from. */
  | {
      readonly type: 'start';
      readonly runId: number;
      readonly spec: unknown;
      readonly checkpoint?: ArrayBuffer;
      /** Path of the gradient worker entry, for runs with training.threads > 1 (data-parallel). */
      readonly gradientWorkerEntry?: string;
      /** For a run on a registered dataset (spec task.dataset): its record, so the worker reads the file itself. */
      readonly dataset?: RunDataset;
      /** An agent's machine (core/node/queue): a spec whose estimate exceeds it, or its threads the cores, is refused before training. */
      readonly machineLimits?: MachineLimits;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** Saves a 'latest' checkpoint at the current step, then ends with `done` (reason 'stopped'). */
  | { readonly type: 'stop' };

export interface ProgressMessage {
  readonly type: 'progress';
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly accuracy: number | null;
  readonly learningRate: number;
  readonly gradNorm: number;
  /** Valid (non-padding) time steps trained per second, over the time since the previous progress. */
  readonly tokensPerSecond: number | null;
  readonly etaSeconds: number | null;
}

export type DoneReason = 'completed' | 'early-stopped' | 'stopped';

export type WorkerToMain =
  | ProgressMessage
  | { readonly type: 'metrics'; readonly rows: readonly WireMetric[] }
  | {
      readonly type: 'checkpoint';
      readonly kind: CheckpointKind;
      readonly step: number;
      /** encodeCheckpoint bytes (core/common/train/checkpoint-codec.ts), transferred. */
      readonly bytes: ArrayBuffer;
      /** Small JSON stored beside the blob, e.g. the validation loss that made it 'best'. */
      readonly metadata: Readonly<Record<string, number | string | null>>;
    }
  | { readonly type: 'paused'; readonly step: number }
  | { readonly type: 'resumed'; readonly step: number }
  | { readonly type: 'done'; readonly step: number; readonly reason: DoneReason }
  | { readonly type: 'failed'; readonly message: string }
  /** An explosion (training.divergence, or NaN / Inf) that ended the run. */
  | { readonly type: 'diverged'; readonly divergence: RunDivergence }
  /** An explosion the run trains on through (training.divergence.action 'warn'). */
  | { readonly type: 'warning'; readonly warning: RunDivergence };

/** The messages after which a worker sends nothing more. */
export type FinalMessage = Extract<WorkerToMain, { type: 'done' | 'failed' | 'diverged' }>;

export function isFinalMessage(message: WorkerToMain): message is FinalMessage {
  return message.type === 'done' || message.type === 'failed' || message.type === 'diverged';
}
