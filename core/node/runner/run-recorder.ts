// Everything the runner writes to SQLite. Each write is one transaction that first stores every waiting
// metric row (with each run's progress), so that what a checkpoint or a status change says is always
// backed by the metrics before it: a committed 'latest' checkpoint at step S has every row up to S.
import type { Store } from '../store/store';
import type { Checkpoint, RunDivergence, RunStatus } from '../store/types';
import { MetricBuffer, type MetricBufferOptions } from './metric-buffer';
import type { WireMetric, WorkerToMain } from './protocol';

type CheckpointMessage = Extract<WorkerToMain, { type: 'checkpoint' }>;

export class RunRecorder {
  private readonly buffer: MetricBuffer;

  /** `writeFailed` hears of runs whose rows or records SQLite refused: continuing them would leave gaps. */
  constructor(
    private readonly store: Store,
    options: MetricBufferOptions,
    private readonly writeFailed: (runIds: readonly number[], message: string) => void,
  ) {
    this.buffer = new MetricBuffer(options, () => this.commit(null));
  }

  /**
   * Before a worker starts or restarts a run: returns the run's last 'latest' checkpoint, and drops the
   * rows logged after it, which belong to a future the run is about to live again (the resumed worker
   * logs the same values), so the curves never mix the two.
   */
  prepareStart(runId: number): Checkpoint | undefined {
    const latest = this.store.checkpoints.load(runId, 'latest');
    const fromStep = latest?.step ?? 0;
    this.commit(runId, () => {
      this.store.metrics.deleteAfter(runId, fromStep);
      this.store.runs.updateProgress(runId, fromStep);
    });
    return latest;
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

  setStatus(runId: number, status: RunStatus, error: string | null): void {
    this.commit(runId, () => this.store.runs.updateStatus(runId, status, error));
  }

  /** Writes the waiting rows now. */
  flush(): void {
    this.commit(null);
  }

  /** Forgets the waiting rows of a run about to be deleted (its rows would fail the foreign key, and the batch with them). */
  drop(runId: number): void {
    this.buffer.drop(runId);
  }

  dispose(): void {
    this.buffer.dispose();
  }

  private commit(runId: number | null, work: () => void = () => {}): void {
    const taken = this.buffer.take();
    try {
      this.store.transaction(() => {
        this.store.metrics.append(taken.rows);
        for (const [id, step] of taken.lastSteps) this.store.runs.updateProgress(id, step);
        work();
      });
    } catch (error) {
      const affected = new Set(taken.lastSteps.keys());
      if (runId !== null) affected.add(runId);
      this.writeFailed([...affected], `SeqLab could not save this run to its database: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
