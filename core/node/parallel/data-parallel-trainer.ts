// Data-parallel training of one model over k threads: this thread (the coordinator, shard 0) and k − 1
// gradient workers share the parameters and a [k, P] gradient matrix through SharedArrayBuffers.
//
// One step: split the batch along B into k shards (sizes differ by at most 1) → every thread computes
// its shard's mean-loss gradient into its own row → barrier → every thread reduces its slice of the
// parameter vector into row 0, g = Σ_i (W_i / W) g_i with W_i the shard's targetWeight (valid targets),
// so g is the whole batch's mean-loss gradient → barrier → the coordinator alone computes the
// pre-clip norm, checks for NaN/Inf, clips and steps the optimiser (Trainer.update) on the shared
// parameters, which every worker reads in the next step. Barriers are Atomics.wait/notify on shared
// words; the coordinator waits with Atomics.waitAsync so a worker that dies is noticed at once.
//
// Deterministic: shards, reduction order and dropout streams depend only on the batch, k and the rng.
// With k = 1 it is exactly Trainer.step; with k > 1 it matches one thread up to float rounding,
// except with dropout (shard-rng.ts). Any failure ends the trainer: its workers are terminated, and
// the step rejects with what went wrong, where.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Rng } from '../../common/random/rng';
import type { Batch, SequenceBatch } from '../../common/data/batch';
import type { GradientOptions } from '../../common/models/model-kind';
import type { SequenceModel } from '../../common/models/sequence/sequence-model';
import { targetWeight } from '../../common/train/target-loss';
import { BatchGradient, type GradientResult } from '../../common/models/sequence/batch-gradient';
import { Trainer, type TrainerOptions } from '../../common/models/sequence/trainer';
import type { EvalStats } from '../../common/train/evaluation';
import type { LayerGradNorms } from '../../common/train/layer-grad-norms';
import type { StepStats } from '../../common/train/update-step';
import { bindFlatParams, flatLength } from '../../common/train/parallel/flat-params';
import { combineGradNorms, reduceSlice, shardWeights, sliceBounds } from '../../common/train/parallel/gradient-reduce';
import { shardBounds, sliceBatch } from '../../common/train/parallel/shard-batch';
import { shardRng } from '../../common/train/parallel/shard-rng';
import { spawnWorker } from '../workers/spawn-worker';
import { StepBarrier } from './barrier';
import {
  COMMAND,
  CONTROL_WORDS,
  STAT,
  STAT_WORDS,
  type GradientWorkerData,
  type KernelName,
  type SharedBuffers,
  type ShardMessage,
  type ShardReply,
  type WorkerStatus,
} from './protocol';

/** How long `close` lets workers finish on their own before terminating them. */
const CLOSE_GRACE_MS = 2000;

export interface DataParallelOptions extends TrainerOptions {
  /** k: this thread plus k − 1 gradient workers. */
  readonly threads: number;
  /** The kernel backend the workers build; must be the one `model` was built with. Default 'js'. */
  readonly kernels?: KernelName;
  /**
   * Path of the gradient worker entry (gradient-worker.ts): the source file when running from source
   * (tsx, vitest), the bundled one in the app (runner/worker-entries.ts).
   */
  readonly workerEntry: string;
}

export class DataParallelTrainer {
  readonly threads: number;
  private readonly model: SequenceModel;
  private readonly trainer: Trainer;
  private readonly gradient: BatchGradient;
  private readonly barrier: StepBarrier;
  private readonly grads: Float32Array; //  [k, P]
  private readonly alpha: Float64Array; //  [k]
  private readonly stats: Float64Array; //  [k, STAT_WORDS]
  private readonly P: number;
  private readonly shared: SharedBuffers;
  private readonly slice: Int32Array; //    [k + 1] reduction slices
  private readonly scratch = new Float64Array(1024);
  private readonly shardWeight: Float64Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly exits: Promise<void>[] = [];
  private readonly failure: Promise<never>;
  private fail: (error: Error) => void = () => {};
  private failedReason: string | null = null;
  private closed = false;
  private busy = false;
  private running = 0;

  /**
   * Moves `model`'s parameters into shared memory (each Param's `data` and `grad` are new arrays
   * afterwards, holding the same values), spawns the workers, and resolves once each has built its
   * model on them. Call `close` when done (a failed step closes the trainer itself).
   */
  static async create(options: DataParallelOptions): Promise<DataParallelTrainer> {
    const trainer = new DataParallelTrainer(options);
    await trainer.start(options);
    return trainer;
  }

  private constructor(options: DataParallelOptions) {
    const { model, threads } = options;
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`DataParallelTrainer: threads must be an integer >= 1, got ${threads}`);
    if (model.dtype !== 'float32') throw new Error(`DataParallelTrainer: the model is ${model.dtype}; data-parallel training shares float32 parameters only`);
    this.threads = threads;
    this.model = model;
    this.P = flatLength(model.params);
    const shared = sharedBuffers(this.P, threads);
    this.grads = new Float32Array(shared.grads);
    bindFlatParams(model.params, new Float32Array(shared.params), this.grads.subarray(0, this.P), { copyValues: true });
    this.alpha = new Float64Array(shared.alpha);
    this.stats = new Float64Array(shared.stats);
    this.shardWeight = new Float64Array(threads);
    this.slice = sliceBounds(this.P, threads);
    this.barrier = new StepBarrier(new Int32Array(shared.control), threads);
    this.trainer = new Trainer(options);
    this.gradient = new BatchGradient(model, options.bptt);
    this.failure = new Promise<never>((_, reject) => (this.fail = reject));
    this.failure.catch(() => {}); // observed by every wait; never an unhandled rejection
    this.shared = shared;
  }

  /** Workers still running (0 after `close`, or after a failure). */
  get runningWorkers(): number {
    return this.running;
  }

  /**
   * One update from one batch, as Trainer.step: the same loss, pre-clip gradient norm, divergence
   * check and update, computed over k shards. `rng` draws dropout masks (per shard when k > 1).
   */
  async step(batch: SequenceBatch, step: number, opts: { rng?: Rng | undefined; hGradNorms?: boolean | undefined } = {}): Promise<StepStats> {
    if (this.closed)
      throw new Error(`DataParallelTrainer.step: the trainer is closed${this.failedReason === null ? '' : ` after a failure (${this.failedReason})`}`);
    if (this.busy) throw new Error('DataParallelTrainer.step: the previous step has not finished; await it first');
    this.busy = true;
    this.setRef(true);
    try {
      return await this.runStep(batch, step, opts);
    } catch (error) {
      this.failedReason ??= error instanceof Error ? error.message : String(error);
      await this.terminateAll();
      throw error;
    } finally {
      this.busy = false;
      this.setRef(false);
    }
  }

  /** As `step`, for a batch of any kind: a data-parallel trainer trains a sequence model, and refuses other batches. */
  stepBatch(batch: Batch, step: number, opts: GradientOptions): Promise<StepStats> {
    if (batch.kind !== 'sequence')
      return Promise.reject(new Error(`DataParallelTrainer: a ${batch.kind} batch; data-parallel training is for sequence models`));
    return this.step(batch, step, { rng: opts.rng, hGradNorms: opts.gradNorms });
  }

  /** Mean loss (and accuracy) over batches on this thread, without dropout or gradients. */
  evaluate(batches: Iterable<SequenceBatch>): EvalStats {
    return this.trainer.evaluate(batches);
  }

  /** Stops the workers (terminating any that do not stop within 2 s). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return void (await Promise.all(this.exits));
    this.closed = true;
    this.setRef(true);
    this.barrier.release(COMMAND.stop);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS)));
    const outcome = await Promise.race([Promise.all(this.exits), grace]);
    clearTimeout(timer);
    if (outcome === 'late') await this.terminateAll();
  }

  private async runStep(batch: SequenceBatch, step: number, opts: { rng?: Rng | undefined; hGradNorms?: boolean | undefined }): Promise<StepStats> {
    const k = this.threads;
    const wantNorms = opts.hGradNorms === true;
    const bounds = shardBounds(batch.batchSize, k);
    const shards: (SequenceBatch | null)[] = [];
    for (let i = 0; i < k; i++) {
      const rows = bounds[i + 1]! - bounds[i]!;
      const shard = rows === 0 ? null : k === 1 ? batch : sliceBatch(batch, bounds[i]!, bounds[i + 1]!);
      shards.push(shard);
      this.shardWeight[i] = shard === null ? 0 : targetWeight(shard.target, rows);
    }
    shardWeights(this.shardWeight, this.alpha);
    const dropout = this.model.rnn.dropout > 0 && this.model.rnn.numLayers > 1;
    const dropoutSeed = k > 1 && dropout && opts.rng !== undefined ? opts.rng.nextUint32() : null;
    for (let i = 1; i < k; i++) this.ports[i - 1]!.postMessage({ batch: shards[i] ?? null, dropoutSeed, hGradNorms: wantNorms } satisfies ShardMessage);
    this.barrier.release(COMMAND.step);

    // Shard 0 here, while the workers compute theirs; an error waits until the step is complete.
    let own: GradientResult | null = null;
    let ownError: unknown = null;
    try {
      const rng = k === 1 ? opts.rng : dropoutSeed === null ? undefined : shardRng(dropoutSeed, 0);
      own = this.gradient.compute(shards[0] as SequenceBatch, { rng, hGradNorms: wantNorms });
    } catch (error) {
      ownError = error;
    }
    await this.barrier.arriveAsync(this.failure);
    if (k > 1) reduceSlice(this.grads, this.P, this.alpha, this.slice[0]!, this.slice[1]!, this.scratch);
    await this.barrier.arriveAsync(this.failure);

    const where = (i: number) => `rows ${bounds[i]}..${bounds[i + 1]! - 1} of ${batch.batchSize}`;
    const problems: string[] = [];
    if (ownError !== null) problems.push(`shard 0 (${where(0)}, this thread): ${ownError instanceof Error ? ownError.message : String(ownError)}`);
    let lossSum = own?.lossSum ?? 0;
    let accSum = own?.accSum ?? 0;
    let accWeight = own?.accWeight ?? 0;
    const norms: (readonly LayerGradNorms[] | null)[] = [own?.gradNorms ?? null];
    for (let i = 1; i < k; i++) {
      const reply = receiveMessageOnPort(this.ports[i - 1]!)?.message as ShardReply | undefined;
      if (reply === undefined) problems.push(`gradient worker ${i} (${where(i)}) sent no result`);
      else if (!reply.ok) problems.push(`gradient worker ${i} (${where(i)}): ${reply.error}`);
      else {
        const s = i * STAT_WORDS;
        lossSum += this.stats[s + STAT.lossSum]!;
        accSum += this.stats[s + STAT.accSum]!;
        accWeight += this.stats[s + STAT.accWeight]!;
        norms.push(reply.gradNorms);
      }
    }
    if (problems.length > 0) throw new Error(`DataParallelTrainer: step ${step} failed in ${problems.join('; ')}`);

    let weight = 0;
    for (let i = 0; i < k; i++) weight += this.shardWeight[i]!;
    const gradient: GradientResult =
      k === 1 && own !== null
        ? own
        : { lossSum, weight, accSum, accWeight, tokens: sumLengths(batch.lengths), gradNorms: wantNorms ? combineGradNorms(norms, this.alpha) : null };
    return this.trainer.update(gradient, step);
  }

  private async start(options: DataParallelOptions): Promise<void> {
    const { kernels: _kernels, ...model } = this.model.config;
    const entry = options.workerEntry;
    const ready: Promise<void>[] = [];
    for (let index = 1; index < this.threads; index++) {
      const { port1, port2 } = new MessageChannel();
      const workerData: GradientWorkerData = {
        index,
        threads: this.threads,
        model,
        kernels: options.kernels ?? 'js',
        bptt: options.bptt,
        shared: this.shared,
        port: port2,
      };
      const worker = spawnWorker(entry, { workerData, transferList: [port2] });
      this.workers.push(worker);
      this.ports.push(port1);
      this.running++;
      this.exits.push(new Promise((resolve) => worker.once('exit', () => resolve())));
      const started = new Promise<void>((resolve, reject) => {
        worker.once('message', (status: WorkerStatus) =>
          status.type === 'ready' ? resolve() : reject(new Error(`gradient worker ${index} could not start: ${status.message}`)),
        );
        worker.once('error', (error) => reject(new Error(`gradient worker ${index} could not start: ${error.message}`)));
        worker.once('exit', (code) => reject(new Error(`gradient worker ${index} exited with code ${code} while starting`)));
      });
      started.catch(() => {}); // Promise.all below reports the first failure; the others are expected
      ready.push(started);
      worker.on('error', (error) => this.workerFailed(index, `threw: ${error.message}`));
      worker.on('exit', (code) => {
        this.running--;
        if (!this.closed) this.workerFailed(index, `stopped unexpectedly (exit code ${code})`);
      });
    }
    try {
      await Promise.all(ready);
    } catch (error) {
      this.failedReason = error instanceof Error ? error.message : String(error);
      await this.terminateAll();
      throw error;
    }
    this.setRef(false);
  }

  /** A worker died or threw outside a step's try: wake and fail whatever waits for it. */
  private workerFailed(index: number, what: string): void {
    if (this.failedReason !== null) return;
    this.failedReason = `gradient worker ${index} ${what}`;
    this.barrier.abort();
    this.fail(new Error(`DataParallelTrainer: ${this.failedReason}`));
  }

  private async terminateAll(): Promise<void> {
    this.closed = true;
    this.barrier.abort();
    await Promise.all(this.workers.map((w) => w.terminate()));
    await Promise.all(this.exits);
  }

  /** Workers keep the process alive only while a step (or start, or close) needs them. */
  private setRef(ref: boolean): void {
    for (const w of this.workers) {
      if (ref) w.ref();
      else w.unref();
    }
  }
}

function sharedBuffers(P: number, k: number): SharedBuffers {
  return {
    params: new SharedArrayBuffer(P * 4),
    grads: new SharedArrayBuffer(k * P * 4),
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    alpha: new SharedArrayBuffer(k * 8),
    stats: new SharedArrayBuffer(k * STAT_WORDS * 8),
  };
}

function sumLengths(lengths: Int32Array): number {
  let total = 0;
  for (let b = 0; b < lengths.length; b++) total += lengths[b]!;
  return total;
}
