// Main-side buffer of metric rows on their way to SQLite: rows from every run wait here until a batch
// is due (by count or age) or until the runner needs them written with a checkpoint or a status change.
import type { MetricRow } from '../store/types';
import type { WireMetric } from './protocol';

export interface MetricBufferOptions {
  /** Write at most this long after the first waiting row arrived (ms)… */
  readonly flushMs: number;
  /** …or as soon as this many rows wait. */
  readonly flushRows: number;
}

export interface TakenMetrics {
  readonly rows: MetricRow[];
  /** Highest step among the taken rows, per run: the run's progress once they are stored. */
  readonly lastSteps: ReadonlyMap<number, number>;
}

export class MetricBuffer {
  private rows: MetricRow[] = [];
  private lastSteps = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `due` is called when a batch should be written; it is expected to call take(). */
  constructor(
    private readonly options: MetricBufferOptions,
    private readonly due: () => void,
  ) {}

  add(runId: number, rows: readonly WireMetric[]): void {
    let last = this.lastSteps.get(runId) ?? 0;
    for (const row of rows) {
      this.rows.push({ runId, name: row.name, step: row.step, value: row.value, wallTime: row.wallTime });
      if (row.step > last) last = row.step;
    }
    this.lastSteps.set(runId, last);
    if (this.rows.length >= this.options.flushRows) this.due();
    else if (this.timer === null && this.rows.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.due();
      }, this.options.flushMs);
      // A pending write alone must not keep the process alive; the runner writes at every state change anyway.
      this.timer.unref();
    }
  }

  /** Removes and returns everything waiting. */
  take(): TakenMetrics {
    this.cancelTimer();
    const taken = { rows: this.rows, lastSteps: this.lastSteps };
    this.rows = [];
    this.lastSteps = new Map();
    return taken;
  }

  /** Forgets the waiting rows of one run (one about to be deleted, whose rows could no longer be stored). */
  drop(runId: number): void {
    this.rows = this.rows.filter((row) => row.runId !== runId);
    this.lastSteps.delete(runId);
  }

  get size(): number {
    return this.rows.length;
  }

  dispose(): void {
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
