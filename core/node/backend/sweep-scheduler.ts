// Holds each sweep to its concurrency limit: a sweep's runs wait in the store as `queued` and are
// handed to the runner (whose own worker limit still applies) at most `concurrency` at a time, the
// next one as soon as one ends. Stateless beyond the store, so it picks up where it was after a restart.
import type { ApiEvent } from '../../common/api/contract';
import { readFieldPath } from '../../common/spec/field-path';
import type { Runner } from '../runner';
import type { Store } from '../store/store';
import { ENDED_STATUSES } from '../store/types';
import type { EventBus } from './event-bus';

export class SweepScheduler {
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly runner: Runner,
    events: EventBus,
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event !== 'run.status') return;
      const { runId, status } = payload as ApiEvent<'run.status'>;
      if (!ENDED_STATUSES.includes(status)) return;
      const sweepId = this.store.runs.get(runId)?.sweepId ?? null;
      // After the runner has finished its own bookkeeping for the run that ended.
      if (sweepId !== null) queueMicrotask(() => this.pump(sweepId));
    });
  }

  /** At start-up: sweeps whose runs were still waiting when the app last closed continue. */
  startWaiting(): void {
    const sweepIds = new Set(this.store.runs.list({ statuses: ['queued'] }).flatMap((run) => (run.sweepId === null ? [] : [run.sweepId])));
    for (const sweepId of [...sweepIds].sort((a, b) => a - b)) this.pump(sweepId);
  }

  /** Hands waiting runs of the sweep to the runner, in trial order, until `concurrency` are busy. */
  pump(sweepId: number): void {
    if (this.closed || !this.store.isOpen) return;
    const sweep = this.store.sweeps.get(sweepId);
    if (!sweep) return;
    const limit = concurrencyOf(sweep.spec);
    const withRunner = new Set([...this.runner.activeRunIds, ...this.runner.queuedRunIds]);
    const open = this.store.runs.list({ sweepId, statuses: ['queued', 'running', 'paused'] }).sort((a, b) => a.id - b.id);
    const waiting = open.filter((run) => run.status === 'queued' && !withRunner.has(run.id));
    let busy = open.length - waiting.length;
    for (const run of waiting) {
      if (busy >= limit) break;
      const started = this.runner.start(run.id);
      if (!started.ok) return; // the runner is shutting down; the run stays queued for the next start
      busy++;
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }
}

/** The stored sweep's concurrency; 1 (one trial at a time) if the record no longer holds one. */
function concurrencyOf(spec: unknown): number {
  const read = readFieldPath(spec, 'concurrency');
  const value = read.found ? read.value : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 1;
}
