// Follows runs through the backend's pushed events until each has ended, or until Ctrl-C. Created
// before the runs are (the first events come while `runs.create` is still returning).
import type { ApiEvent } from '../../common/api/contract';
import type { RunStatus } from '../../common/api/entities';
import type { EventBus } from '../backend/event-bus';
import { ENDED_STATUSES } from '../store/types';
import type { ProgressView } from './progress';

export type WaitOutcome = 'ended' | 'aborted';

export class RunWatcher {
  private readonly statuses = new Map<number, RunStatus>();
  private readonly unsubscribe: () => void;
  private wake: (() => void) | null = null;

  constructor(
    events: EventBus,
    private readonly view: ProgressView,
    /** Told of every status change, e.g. to print a line when a sweep's trial ends. */
    private readonly onStatus: (status: ApiEvent<'run.status'>) => void = () => {},
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'run.progress') this.view.progress(payload as ApiEvent<'run.progress'>);
      if (event === 'run.status') {
        const status = payload as ApiEvent<'run.status'>;
        this.statuses.set(status.runId, status.status);
        this.onStatus(status);
        this.wake?.();
      }
    });
  }

  /** The last status seen for a run in this process. */
  statusOf(runId: number): RunStatus | undefined {
    return this.statuses.get(runId);
  }

  /** Resolves with 'ended' once every run has ended, or 'aborted' as soon as `signal` aborts. */
  async waitForEnd(runIds: readonly number[], signal: AbortSignal): Promise<WaitOutcome> {
    const allEnded = () =>
      runIds.every((id) => {
        const status = this.statuses.get(id); // undefined until the run's first status arrives
        return status !== undefined && ENDED_STATUSES.includes(status);
      });
    while (!allEnded()) {
      if (signal.aborted) return 'aborted';
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          this.wake = null;
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return 'ended';
  }

  dispose(): void {
    this.unsubscribe();
    this.view.finish();
  }
}
