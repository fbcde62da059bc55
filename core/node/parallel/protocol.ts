// What the data-parallel coordinator and its gradient workers share: the SharedArrayBuffers and
// their layout, the worker's start data, and the few messages they exchange.
//
// Hot path: all synchronisation is Atomics on `control`; each step the coordinator posts every worker
// its shard on a private MessagePort and the worker posts back a small reply, and both sides read
// these synchronously (receiveMessageOnPort) right after a barrier, so no event loop turn is involved.
import type { MessagePort } from 'node:worker_threads';
import type { SequenceBatch } from '../../common/data/batch';
import type { SequenceModelConfig } from '../../common/models/sequence/sequence-model';
import type { BpttSpec } from '../../common/spec/training-spec';
import type { LayerGradNorms } from '../../common/train/layer-grad-norms';

/** Kernel backends a worker can build by name (a Kernels object cannot cross threads). */
import type { KernelName } from '../../common/nn/kernel-choice';

export type { KernelName };

/** Int32 words of `control`. */
export const CONTROL = {
  /** Bumped by the coordinator to start a step (or stop); workers wait on it between steps. */
  start: 0,
  /** COMMAND.step or COMMAND.stop, written before `start` is bumped. */
  command: 1,
  /** Arrivals at the current barrier. */
  arrived: 2,
  /** Barrier generation: bumped by the last arrival, which wakes the others. */
  generation: 3,
  /** 1 once the coordinator has given up on the step: waiters stop waiting and bail out. */
  abort: 4,
} as const;
export const CONTROL_WORDS = 8;

export const COMMAND = { step: 0, stop: 1 } as const;

/** Float64 words per shard in `stats`, written by the shard's thread before the first barrier. */
export const STAT = { lossSum: 0, accSum: 1, accWeight: 2 } as const;
export const STAT_WORDS = 4;

export interface SharedBuffers {
  /** Float32 [P]: every parameter, in model.params order. */
  readonly params: SharedArrayBuffer;
  /** Float32 [k, P]: row i is shard i's gradient; row 0 receives the reduced gradient. */
  readonly grads: SharedArrayBuffer;
  /** Int32 [CONTROL_WORDS] */
  readonly control: SharedArrayBuffer;
  /** Float64 [k]: the reduction weights α_i = W_i / W of the current step. */
  readonly alpha: SharedArrayBuffer;
  /** Float64 [k, STAT_WORDS] */
  readonly stats: SharedArrayBuffer;
}

/** Model config without `kernels`, which the worker builds from `kernels` (a KernelName). */
export type PortableModelConfig = Omit<SequenceModelConfig, 'kernels'>;

export interface GradientWorkerData {
  /** Shard (and reduction slice) this worker owns, 1..k-1; the coordinator is 0. */
  readonly index: number;
  readonly threads: number;
  readonly model: PortableModelConfig;
  readonly kernels: KernelName;
  readonly bptt: BpttSpec;
  readonly shared: SharedBuffers;
  /** The worker's end of its private channel (transferred). */
  readonly port: MessagePort;
}

/** Coordinator → worker, once per step, before `start` is bumped. */
export interface ShardMessage {
  /** The worker's rows of the batch, or null when it has none (batch smaller than k). */
  readonly batch: SequenceBatch | null;
  /** Seeds the shard's dropout stream (see DataParallelTrainer), or null for no dropout. */
  readonly dropoutSeed: number | null;
  readonly hGradNorms: boolean;
}

/** Worker → coordinator, once per step, before the first barrier. */
export type ShardReply = { readonly ok: true; readonly gradNorms: LayerGradNorms[] | null } | { readonly ok: false; readonly error: string };

/** Worker → coordinator over parentPort, once, when set up (or not). */
export type WorkerStatus = { readonly type: 'ready' } | { readonly type: 'failed'; readonly message: string };
