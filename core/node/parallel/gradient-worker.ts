// Entry of a data-parallel gradient worker thread: builds the same model as the coordinator on the
// shared parameters, then loops without returning to the event loop: wait for the start signal, take
// the shard, compute its gradient into this worker's row of the shared gradients, barrier, reduce
// this worker's slice of the parameter vector, barrier. Errors are caught and reported per step.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { SequenceModel } from '../../common/models/sequence/sequence-model';
import { BatchGradient } from '../../common/models/sequence/batch-gradient';
import { bindFlatParams, flatLength } from '../../common/train/parallel/flat-params';
import { reduceSlice, sliceBounds } from '../../common/train/parallel/gradient-reduce';
import { jsKernels } from '../../common/nn/kernels-js';
import { createWasmKernelsSync } from '../../common/nn/kernels-wasm';
import { BarrierAborted, StepBarrier } from './barrier';
import { COMMAND, CONTROL_WORDS, STAT, STAT_WORDS, type GradientWorkerData, type ShardMessage, type ShardReply, type WorkerStatus } from './protocol';
import { shardRng } from '../../common/train/parallel/shard-rng';

const port = parentPort;
if (port === null) throw new Error('gradient-worker: this module is a worker thread entry; start it with spawnWorker');
const data = workerData as GradientWorkerData;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Setup = ReturnType<typeof build>;

let setup: Setup | null = null;
try {
  setup = build();
  port.postMessage({ type: 'ready' } satisfies WorkerStatus);
} catch (error) {
  port.postMessage({ type: 'failed', message: describe(error) } satisfies WorkerStatus);
}
if (setup !== null) serve(setup);

function build() {
  const { index, threads, shared } = data;
  const kernels = data.kernels === 'wasm' ? createWasmKernelsSync() : jsKernels;
  const model = new SequenceModel({ ...data.model, kernels });
  const P = flatLength(model.params);
  const params = new Float32Array(shared.params);
  const grads = new Float32Array(shared.grads);
  if (params.length !== P || grads.length !== threads * P)
    throw new Error(`gradient worker ${index}: the model has ${P} parameter values but the shared buffers hold ${params.length} and ${grads.length / threads}`);
  bindFlatParams(model.params, params, grads.subarray(index * P, (index + 1) * P), { copyValues: false });
  const control = new Int32Array(shared.control);
  if (control.length !== CONTROL_WORDS) throw new Error(`gradient worker ${index}: control has ${control.length} words, expected ${CONTROL_WORDS}`);
  const slice = sliceBounds(P, threads);
  const from = slice[index];
  const to = slice[index + 1];
  if (from === undefined || to === undefined) throw new Error(`gradient worker ${index}: there is no shard ${index} of ${threads} to reduce`);
  return {
    gradient: new BatchGradient(model, data.bptt),
    barrier: new StepBarrier(control, threads),
    grads,
    P,
    alpha: new Float64Array(shared.alpha),
    stats: new Float64Array(shared.stats).subarray(index * STAT_WORDS, (index + 1) * STAT_WORDS),
    from,
    to,
    scratch: new Float64Array(1024),
  };
}

function serve(s: Setup): void {
  const { barrier, stats } = s;
  let seen = 0;
  try {
    for (;;) {
      seen = barrier.waitForStart(seen);
      if (barrier.command() === COMMAND.stop) break;
      data.port.postMessage(computeShard(s) satisfies ShardReply);
      barrier.arrive(); // every shard's gradient is in its row
      reduceSlice(s.grads, s.P, s.alpha, s.from, s.to, s.scratch);
      barrier.arrive(); // row 0 holds the whole batch's gradient
    }
  } catch (error) {
    // An aborted step ends the worker quietly: the coordinator already knows why it gave up.
    if (!(error instanceof BarrierAborted)) throw error;
  } finally {
    stats.fill(0);
    data.port.close();
  }
}

function computeShard(s: Setup): ShardReply {
  const { stats } = s;
  stats.fill(0);
  try {
    const received = receiveMessageOnPort(data.port);
    if (received === undefined) throw new Error('no shard was posted for this step');
    const shard = received.message as ShardMessage;
    if (shard.batch === null) return { ok: true, gradNorms: null };
    const rng = shard.dropoutSeed === null ? undefined : shardRng(shard.dropoutSeed, data.index);
    const r = s.gradient.compute(shard.batch, { rng, hGradNorms: shard.hGradNorms });
    stats[STAT.lossSum] = r.lossSum;
    stats[STAT.accSum] = r.accSum;
    stats[STAT.accWeight] = r.accWeight;
    return { ok: true, gradNorms: r.gradNorms };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}
