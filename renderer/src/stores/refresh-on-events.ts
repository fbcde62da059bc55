// The refresh a store runs when the backend's events say its data changed: events come in bursts (every
// trial of a sweep changing status), so reads must not pile up, yet the last read must start after the last event.
import type { ApiEventName } from '../../../core/common/api/contract';
import { onApiEvent } from '../api/api';

/**
 * Wraps `load` so one runs at a time: a call while one runs returns that run's promise and marks one more
 * run, started when it ends; however many calls came in meanwhile, that is one more run, not one each.
 */
export function coalescedRefresh(load: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null;
  let again = false;
  function refresh(): Promise<void> {
    if (pending) {
      again = true;
      return pending;
    }
    pending = load().finally(() => {
      pending = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return pending;
  }
  return refresh;
}

/**
 * A store's `refresh` (coalesced, as above) and its `start`: the first start subscribes to `events` and reads;
 * later starts (another view mounting) change nothing. `subscribe` is the API's event subscription.
 */
export function refreshOnEvents(
  load: () => Promise<void>,
  events: readonly ApiEventName[],
  subscribe: (event: ApiEventName, listener: () => void) => unknown = onApiEvent,
): { refresh: () => Promise<void>; start: () => void } {
  const refresh = coalescedRefresh(load);
  let subscribed = false;
  function start(): void {
    if (subscribed) return;
    subscribed = true;
    for (const event of events) subscribe(event, () => void refresh());
    void refresh();
  }
  return { refresh, start };
}
