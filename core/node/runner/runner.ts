// The run engine's main-thread half: a pool of training workers (one per run, each counted by the threads
// it trains on) with a FIFO queue behind it, and each run's state machine (queued → running ⇄ paused →
// completed | stopped | failed | diverged | interrupted). It only routes messages and writes to SQLite
// (through RunRecorder); training happens in train-worker.ts. Crash safety rests on the recorder's
// transactions and the worker's message order.
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { INTERRUPTED_MESSAGE } from '../store/run-repository';
import { isProcessOwnerAlive } from '../store/process-owner';
import type { Store } from '../store/store';
import type { Run, RunDivergence, RunStatus } from '../store/types';
import { readFieldPath } from '../../common/spec/field-path';
import type { WorkerToMain } from './protocol';
import { RunRecorder } from './run-recorder';
import { RunWorker } from './run-worker';
import type { RemoteTrainer, RunHandle, RunnerEvent, RunnerEventListener, RunnerOptions, RunnerResult } from './runner-types';

interface ActiveRun {
  readonly runId: number;
  readonly worker: RunHandle;
  /** Pool slots (cores) the run holds: its training.threads, at most the whole pool (none on a queue of agents). */
  readonly slots: number;
  /** What the worker last acknowledged. */
  status: 'running' | 'paused';
  /** Set when stop was sent: the status the run ends in once the worker has checkpointed. */
  stopAs: 'stopped' | 'interrupted' | null;
  stopTimer: ReturnType<typeof setTimeout> | null;
  readonly ended: Promise<void>;
  readonly markEnded: () => void;
}

type Divergence = Extract<RunnerEvent, { type: 'status' }>['divergence'];

const OK: RunnerResult = { ok: true };

export class Runner {
  /**
   * Cores the pool keeps busy. A run holds one slot per thread it trains on (training.threads), so a
   * two-thread run counts twice; one asking for more threads than the pool has holds the whole pool.
   */
  readonly concurrency: number;
  private readonly queue: number[] = [];
  private readonly active = new Map<number, ActiveRun>();
  private readonly recorder: RunRecorder;
  private readonly limits: ResourceLimits;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly onEvent: RunnerEventListener,
    private readonly options: RunnerOptions,
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? availableParallelism()));
    this.limits = { maxOldGenerationSizeMb: options.maxHeapMb ?? 2048 };
    const batching = { flushMs: options.flushMs ?? 100, flushRows: options.flushRows ?? 500 };
    this.recorder = new RunRecorder(store, batching, (failures) => {
      for (const { runId, status, message } of failures) {
        console.error(`SeqLab runner: run ${runId}: ${message}`);
        const active = this.active.get(runId);
        if (active) this.endRun(active, status, message);
      }
    });
  }

  /** Runs with a worker, in start order. */
  get activeRunIds(): number[] {
    return [...this.active.keys()];
  }

  /** Runs waiting for a free worker, first to start first. */
  get queuedRunIds(): number[] {
    return [...this.queue];
  }

  /** Slots the training runs hold (≤ concurrency). */
  get busySlots(): number {
    let slots = 0;
    for (const active of this.active.values()) slots += active.slots;
    return slots;
  }

  /** At start-up, before any run starts: runs left running or paused by a crash become interrupted. */
  recoverAtStartup(): Run[] {
    if (this.active.size > 0) throw new Error('Runner.recoverAtStartup: call it at start-up, before any run starts');
    const runs = this.store.runs.markInterrupted(isProcessOwnerAlive);
    for (const run of runs) this.emit({ type: 'status', runId: run.id, status: 'interrupted', error: run.error });
    return runs;
  }

  /** Queues a stored run in status `queued`; it trains when a worker is free. */
  start(runId: number): RunnerResult {
    const run = this.store.runs.get(runId);
    const refused = this.refuse(runId, run);
    if (refused) return refused;
    if (run?.status !== 'queued') {
      const hint = run?.status === 'interrupted' ? ' Resume it to continue from its last checkpoint.' : '';
      return conflict(`Run ${runId} is ${run?.status}; only a queued run can be started.${hint}`);
    }
    this.enqueue(runId);
    return OK;
  }

  /** Queues an interrupted run again; its worker continues from the last 'latest' checkpoint (or the start). */
  resumeInterrupted(runId: number): RunnerResult {
    // A status a full disk kept from the store (a run it stopped) is written first, if there is space now.
    this.recorder.flush();
    const run = this.store.runs.get(runId);
    const refused = this.refuse(runId, run);
    if (refused) return refused;
    if (run?.status !== 'interrupted') return conflict(`Run ${runId} is ${run?.status}; only an interrupted run can be resumed this way.`);
    this.setStatus(runId, 'queued', null);
    this.enqueue(runId);
    return OK;
  }

  /** Asks a training run to pause after its current step; its status becomes `paused` once it has. */
  pause(runId: number): RunnerResult {
    const run = this.controllable(runId, 'paused');
    if (!run.ok) return run.refusal;
    if (run.active.status === 'running') run.active.worker.send({ type: 'pause' });
    return OK;
  }

  /** Continues a paused run (or cancels a pause not yet taken); its status becomes `running` once it has. */
  resume(runId: number): RunnerResult {
    const run = this.controllable(runId, 'resumed');
    if (!run.ok) return run.refusal;
    run.active.worker.send({ type: 'resume' });
    return OK;
  }

  /** Stops a run for good: a queued one at once, a training one after it has saved a 'latest' checkpoint. */
  stop(runId: number): RunnerResult {
    const active = this.active.get(runId);
    if (active) {
      this.requestStop(active, 'stopped');
      return OK;
    }
    const run = this.store.runs.get(runId);
    if (!run) return notFound(runId);
    // Also queued runs this runner never saw, e.g. ones queued before the app restarted.
    if (run.status !== 'queued') return conflict(`Run ${runId} is ${run.status}; there is nothing to stop.`);
    const queued = this.queue.indexOf(runId);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.setStatus(runId, 'stopped', null);
    return OK;
  }

  /**
   * Before deleting a run (or its experiment): ends its worker at once and forgets its waiting rows,
   * writing nothing. Rows of a deleted run would fail the foreign key, and with it the batch of every run.
   */
  async discard(runId: number): Promise<void> {
    const queued = this.queue.indexOf(runId);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.recorder.drop(runId);
    const active = this.active.get(runId);
    if (!active) return;
    this.active.delete(runId);
    if (active.stopTimer !== null) clearTimeout(active.stopTimer);
    await active.worker.terminate();
    active.markEnded();
    this.pump();
  }

  /**
   * For app exit: training runs save a checkpoint and end as `interrupted` (resumable); queued runs stay
   * queued in the store. Resolves when every worker has ended. Commands are refused afterwards.
   */
  async shutdown(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const running = [...this.active.values()];
    const { remote } = this.options;
    // Runs on agents train on; their results wait in the queue for the next start.
    if (remote) for (const active of running) this.detach(active, remote);
    else for (const active of running) this.requestStop(active, 'interrupted');
    await Promise.all(running.map((active) => active.ended));
    this.recorder.flush();
    this.recorder.dispose();
  }

  private refuse(runId: number, run: Run | undefined): RunnerResult | null {
    if (this.closed) return conflict('The runner is shutting down; no run can start.');
    if (!run) return notFound(runId);
    if (this.active.has(runId)) return conflict(`Run ${runId} is already training.`);
    if (this.queue.includes(runId)) return conflict(`Run ${runId} is already waiting for a free worker.`);
    return null;
  }

  private controllable(runId: number, verb: string): { ok: true; active: ActiveRun } | { ok: false; refusal: RunnerResult } {
    const active = this.active.get(runId);
    if (active && active.stopAs === null) return { ok: true, active };
    if (active) return { ok: false, refusal: conflict(`Run ${runId} is stopping and cannot be ${verb}.`) };
    const run = this.store.runs.get(runId);
    if (!run) return { ok: false, refusal: notFound(runId) };
    return { ok: false, refusal: conflict(`Run ${runId} is ${run.status}, not training in this process, so it cannot be ${verb}.`) };
  }

  private enqueue(runId: number): void {
    this.queue.push(runId);
    this.pump();
  }

  /**
   * Starts queued runs while their threads fit in the free slots. Strictly first in, first out: a run at
   * the head that needs more slots than are free waits for them, and later, narrower runs wait behind it
   * rather than overtake it (which could keep a wide run waiting for ever).
   */
  private pump(): void {
    while (!this.closed) {
      const runId = this.queue[0];
      if (runId === undefined) break; // the queue is empty
      const run = this.store.runs.get(runId);
      if (!run || run.status !== 'queued') {
        this.queue.shift(); // deleted or stopped while it waited
        continue;
      }
      const slots = this.options.remote ? 0 : Math.min(threadsOf(run.spec), this.concurrency);
      if (this.busySlots + slots > this.concurrency) return;
      this.queue.shift();
      this.dispatch(run, slots);
    }
  }

  /** Starts a worker for a queued run, from its last 'latest' checkpoint when it has one (see prepareStart). */
  private dispatch(run: Run, slots: number): void {
    if (this.options.remote) return this.dispatchRemote(run, this.options.remote);
    const runId = run.id;
    const start = this.recorder.prepareStart(runId);
    if (!start.ok) {
      this.setStatus(runId, start.status, start.message);
      return;
    }
    let markEnded = () => {};
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    let worker: RunWorker;
    try {
      worker = new RunWorker(this.options.workerEntry, this.limits, {
        message: (message) => this.route(active, message),
        crashed: (message) => this.endRun(active, 'failed', message),
      });
    } catch (error) {
      this.setStatus(runId, 'failed', `The training worker could not start: ${describe(error)}`);
      return;
    }
    const active: ActiveRun = { runId, worker, slots, status: 'running', stopAs: null, stopTimer: null, ended, markEnded };
    this.active.set(runId, active);
    // A note (continuing from the best checkpoint because the latest is damaged) stays with the run while it trains.
    this.setStatus(runId, 'running', start.note);
    const checkpoint = start.checkpoint ? (start.checkpoint.blob.slice().buffer as ArrayBuffer) : undefined;
    const { gradientWorkerEntry } = this.options;
    // a run on a registered dataset: the worker reads (and hash-checks) the file itself, but never opens the store
    const dataset = run.datasetId === null ? undefined : this.store.datasets.get(run.datasetId);
    worker.send(
      {
        type: 'start',
        runId,
        spec: run.spec,
        ...(checkpoint ? { checkpoint } : {}),
        ...(gradientWorkerEntry ? { gradientWorkerEntry } : {}),
        ...(dataset ? { dataset } : {}),
      },
      checkpoint ? [checkpoint] : [],
    );
  }

  /**
   * A run on a queue of agents: its messages come back through the remote trainer and are routed like a worker's.
   * Where it starts is the agent's to say (rewind): a run attached again after a restart keeps the rows stored.
   */
  private dispatchRemote(run: Run, remote: RemoteTrainer): void {
    const runId = run.id;
    let markEnded = () => {};
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const worker = remote.open(run, {
      message: (message) => this.route(active, message),
      crashed: (message) => this.endRun(active, 'failed', message),
      rewind: (step) => this.recorder.rewind(runId, step),
      commit: () => this.recorder.flush(),
    });
    const active: ActiveRun = { runId, worker, slots: 0, status: 'running', stopAs: null, stopTimer: null, ended, markEnded };
    this.active.set(runId, active);
    this.setStatus(runId, 'running', null);
  }

  private detach(active: ActiveRun, remote: RemoteTrainer): void {
    this.active.delete(active.runId);
    if (active.stopTimer !== null) clearTimeout(active.stopTimer);
    remote.detach(active.runId);
    active.markEnded();
  }

  private route(active: ActiveRun, message: WorkerToMain): void {
    const { runId } = active;
    switch (message.type) {
      case 'progress': {
        const { type: _type, ...progress } = message;
        this.emit({ type: 'progress', runId, ...progress });
        return;
      }
      case 'metrics':
        this.recorder.addMetrics(runId, message.rows);
        return;
      case 'checkpoint':
        this.recorder.saveCheckpoint(runId, message);
        return;
      case 'paused':
      case 'resumed':
        active.status = message.type === 'paused' ? 'paused' : 'running';
        this.setStatus(runId, active.status, null);
        return;
      case 'done':
        if (message.reason === 'stopped') this.endRun(active, active.stopAs ?? 'stopped', active.stopAs === 'interrupted' ? INTERRUPTED_MESSAGE : null);
        else this.endRun(active, 'completed', null);
        return;
      case 'failed':
        this.endRun(active, 'failed', message.message);
        return;
      case 'diverged':
        this.recorder.recordDivergence(runId, message.divergence);
        this.endRun(active, 'diverged', divergenceMessage(message.divergence), message.divergence);
        return;
      case 'warning':
        this.recorder.addWarning(runId, message.warning);
        this.emit({ type: 'warning', runId, warning: message.warning });
        return;
    }
  }

  private requestStop(active: ActiveRun, as: 'stopped' | 'interrupted'): void {
    if (active.stopAs !== null) return;
    active.stopAs = as;
    active.worker.send({ type: 'stop' });
    // A worker stuck inside one very long step (or hung) is ended without its final checkpoint.
    const timeoutMs = this.options.stopTimeoutMs ?? 30_000;
    active.stopTimer = setTimeout(() => this.endRun(active, as, as === 'interrupted' ? INTERRUPTED_MESSAGE : null), timeoutMs);
  }

  private endRun(active: ActiveRun, status: RunStatus, error: string | null, divergence?: Divergence): void {
    if (this.active.get(active.runId) !== active) return;
    this.active.delete(active.runId);
    if (active.stopTimer !== null) clearTimeout(active.stopTimer);
    void active.worker.terminate();
    this.setStatus(active.runId, status, error, divergence);
    active.markEnded();
    this.pump();
  }

  private setStatus(runId: number, status: RunStatus, error: string | null, divergence?: Divergence): void {
    this.recorder.setStatus(runId, status, error);
    this.emit({ type: 'status', runId, status, error, ...(divergence ? { divergence } : {}) });
  }

  private emit(event: RunnerEvent): void {
    // A failing listener must not break the run's bookkeeping.
    try {
      this.onEvent(event);
    } catch (error) {
      console.error('SeqLab runner: an event listener failed:', error);
    }
  }
}

/** Threads a stored spec trains on (training.threads); 1 when it names none or an unusable value (the worker then refuses the spec). */
function threadsOf(spec: unknown): number {
  const read = readFieldPath(spec, 'training.threads');
  const threads = read.found ? read.value : undefined;
  return typeof threads === 'number' && Number.isInteger(threads) && threads > 1 ? threads : 1;
}

/** The stored error of a diverged run: where, why, the last sane loss, and what to try. */
export function divergenceMessage(d: RunDivergence): string {
  const sane = d.lastSaneLoss === null ? 'none (it began at the first step)' : `${d.lastSaneLoss} (step ${d.lastSaneStep})`;
  return `Training diverged at step ${d.step}: ${d.reason}. Last sane loss: ${sane}. Lower the learning rate or clip gradients (or adjust training.divergence), then run it again.`;
}

function notFound(runId: number): RunnerResult {
  return { ok: false, code: 'not-found', message: `Run ${runId} does not exist (it may have been deleted).` };
}

function conflict(message: string): RunnerResult {
  return { ok: false, code: 'conflict', message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
