// Everything the runner writes to SQLite. Each write is one transaction that first stores every waiting
// metric row (with each run's progress), so that what a checkpoint or a status change says is always
// backed by the metrics before it: a committed 'latest' checkpoint at step S has every row up to S.
// A write SQLite refuses (a full disk) stops the runs it concerns as `interrupted`: their last committed
// checkpoint is intact, and they resume from it once the database can be written again.
import { CheckpointDamagedError, StoreWriteError } from '../store/errors';
import type { Store } from '../store/store';
import type { Checkpoint, RunDivergence, RunStatus } from '../store/types';
import { MetricBuffer, type MetricBufferOptions } from './metric-buffer';
import type { WireMetric, WorkerToMain } from './protocol';

type CheckpointMessage = Extract<WorkerToMain, { type: 'checkpoint' }>;

/** How a run whose rows or records SQLite refused must end: continuing it would leave gaps. */
export interface WriteFailure {
  readonly runId: number;
  /** `interrupted` (resumable) when the database could not be written, `failed` for anything else. */
  readonly status: 'interrupted' | 'failed';
  readonly message: string;
}

/** What a run (re)starts from: its checkpoint, or why it cannot start. */
export type StartPoint =
  | {
      readonly ok: true;
      /** undefined: the run starts from step 0. */
      readonly checkpoint: Checkpoint | undefined;
      /** Set when the run continues from another checkpoint than its latest, saying which and why. */
      readonly note: string | null;
    }
  | { readonly ok: false; readonly status: 'interrupted' | 'failed'; readonly message: string };

/** How often statuses SQLite refused are tried again while nothing else writes (ms). */
const RETRY_MS = 1000;

export class RunRecorder {
  private readonly buffer: MetricBuffer;
  /**
   * Status changes SQLite refused (a full disk), by run: written with the next commit that succeeds,
   * so a run stopped by a full disk is stored as interrupted once there is space again.
   */
  private readonly unsavedStatuses = new Map<number, { status: RunStatus; error: string | null }>();
  private retryTimer: ReturnType<typeof setInterval> | null = null;

  /** `writeFailed` hears of the runs whose rows or records SQLite refused, with how each must end. */
  constructor(
    private readonly store: Store,
    options: MetricBufferOptions,
    private readonly writeFailed: (failures: readonly WriteFailure[]) => void,
  ) {
    this.buffer = new MetricBuffer(options, () => this.commit(null));
  }

  /**
   * Before a worker starts or restarts a run: the checkpoint it continues from, and the rows logged
   * after it dropped, since they belong to a future the run is about to live again (the resumed worker
   * logs the same values), so the curves never mix the two. That is the 'latest' checkpoint; when it is
   * damaged, the 'best' one if intact — a full state of the same run, so training from it retraces the
   * same steps — and the note says so. A run with neither is not restarted from step 0 behind the
   * user's back: it cannot start.
   */
  prepareStart(runId: number): StartPoint {
    let checkpoint: Checkpoint | undefined;
    let note: string | null = null;
    try {
      checkpoint = this.store.checkpoints.load(runId, 'latest');
    } catch (error) {
      if (!(error instanceof CheckpointDamagedError)) throw error;
      checkpoint = this.store.checkpoints.loadIntact(runId, 'best');
      if (!checkpoint) {
        return {
          ok: false,
          status: 'failed',
          message: `${error.message} The run has no intact best checkpoint to continue from either, so it cannot resume (it was not restarted from step 0); train its spec again as a new run.`,
        };
      }
      const retrained = checkpoint.step < error.step ? `; steps ${checkpoint.step + 1}–${error.step} are trained again` : '';
      note = `${error.message} The run continues from its best checkpoint instead (step ${checkpoint.step}), the last intact state of this run${retrained}.`;
    }
    const fromStep = checkpoint?.step ?? 0;
    const failure = this.commit(runId, () => {
      this.store.metrics.deleteAfter(runId, fromStep);
      this.store.runs.updateProgress(runId, fromStep);
    });
    if (failure) return { ok: false, status: failure.status, message: failure.message };
    return { ok: true, checkpoint, note };
  }

  /** An agent (re)starts a run from `step` (core/node/queue): the rows after it are dropped, as prepareStart drops them. */
  rewind(runId: number, step: number): void {
    this.commit(runId, () => {
      this.store.metrics.deleteAfter(runId, step);
      this.store.runs.updateProgress(runId, step);
    });
  }

  /** The explosion that ends a diverged run, after every row up to it; its status follows (setStatus). */
  recordDivergence(runId: number, divergence: RunDivergence): void {
    this.commit(runId, () => this.store.runs.recordDivergence(runId, divergence));
  }

  /** An explosion the run trains on through (training.divergence.action 'warn'), after every row up to it. */
  addWarning(runId: number, warning: RunDivergence): void {
    this.commit(runId, () => this.store.runs.addWarning(runId, warning));
  }

  addMetrics(runId: number, rows: readonly WireMetric[]): void {
    this.buffer.add(runId, rows);
  }

  saveCheckpoint(runId: number, message: CheckpointMessage): void {
    this.commit(runId, () => {
      const blob = new Uint8Array(message.bytes);
      this.store.checkpoints.save({ runId, step: message.step, kind: message.kind, blob, metadata: message.metadata });
      this.store.runs.updateProgress(runId, message.step);
    });
  }

  /** Stores a status change; one SQLite refuses is kept and written with the next commit that succeeds. */
  setStatus(runId: number, status: RunStatus, error: string | null): void {
    this.unsavedStatuses.set(runId, { status, error });
    this.commit(runId);
  }

  /** Writes the waiting rows (and statuses still unsaved) now. */
  flush(): void {
    if (this.buffer.size > 0 || this.unsavedStatuses.size > 0) this.commit(null);
  }

  /** Forgets the waiting rows of a run about to be deleted (its rows would fail the foreign key, and the batch with them). */
  drop(runId: number): void {
    this.buffer.drop(runId);
    this.unsavedStatuses.delete(runId);
  }

  dispose(): void {
    this.buffer.dispose();
    this.stopRetrying();
  }

  /** One transaction: waiting rows, progress, `work`, unsaved statuses. Returns the failure of `runId` when it failed. */
  private commit(runId: number | null, work: () => void = () => {}): WriteFailure | null {
    const taken = this.buffer.take();
    const statuses = [...this.unsavedStatuses];
    try {
      this.store.transaction(() => {
        this.store.metrics.append(taken.rows);
        for (const [id, step] of taken.lastSteps) this.store.runs.updateProgress(id, step);
        work();
        for (const [id, { status, error }] of statuses) this.store.runs.updateStatus(id, status, error);
      });
    } catch (error) {
      const storage = error instanceof StoreWriteError;
      // A status refused for another reason than storage (a bug) would fail every later commit too.
      if (!storage) for (const [id, entry] of statuses) if (this.unsavedStatuses.get(id) === entry) this.unsavedStatuses.delete(id);
      if (this.unsavedStatuses.size > 0) this.retryLater();
      const affected = new Set(taken.lastSteps.keys());
      if (runId !== null) affected.add(runId);
      const failures = [...affected].map((id) => this.failureOf(id, error));
      this.writeFailed(failures);
      return failures.find((failure) => failure.runId === runId) ?? null;
    }
    for (const [id, entry] of statuses) if (this.unsavedStatuses.get(id) === entry) this.unsavedStatuses.delete(id);
    if (this.unsavedStatuses.size === 0) this.stopRetrying();
    return null;
  }

  private failureOf(runId: number, error: unknown): WriteFailure {
    if (!(error instanceof StoreWriteError)) {
      return { runId, status: 'failed', message: `SeqLab could not save this run to its database: ${error instanceof Error ? error.message : String(error)}` };
    }
    const latest = this.store.checkpoints.info(runId, 'latest');
    const from = latest ? `its last saved checkpoint (step ${latest.step})` : 'the start (it had no checkpoint yet)';
    return {
      runId,
      status: 'interrupted',
      message: `Training stopped because the database ${error.path} could not be written: ${error.reason}. Nothing is lost up to ${from}; ${error.advice}, then resume the run to continue from there.`,
    };
  }

  private retryLater(): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = setInterval(() => this.commit(null), RETRY_MS);
    // Unsaved statuses alone must not keep the process alive; shutdown tries them once more.
    this.retryTimer.unref();
  }

  private stopRetrying(): void {
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }
}
