// The stores' refresh on the backend's events: one load at a time, and a burst of calls during a load ends in exactly one more load,
// started after the burst (so what it reads is at least as new as the last event).
import { describe, expect, it } from 'vitest';
import type { ApiEventName } from '../../../core/common/api/contract';
import { coalescedRefresh, refreshOnEvents } from '../../../renderer/src/stores/refresh-on-events';

/** A load a test finishes by hand: each call is recorded with the resolver that ends it. */
function manualLoad() {
  const finishers: (() => void)[] = [];
  const load = () => new Promise<void>((resolve) => finishers.push(resolve));
  return { load, finishers };
}

describe('coalescedRefresh', () => {
  it('runs one load for a burst of calls during a load, after that load ends', async () => {
    const { load, finishers } = manualLoad();
    const refresh = coalescedRefresh(load);
    const first = refresh();
    const during = [refresh(), refresh(), refresh()];
    expect(finishers).toHaveLength(1);
    for (const call of during) expect(call).toBe(first);

    finishers[0]!();
    await first;
    expect(finishers).toHaveLength(2);
    finishers[1]!();
    await Promise.resolve();
    await Promise.resolve();
    expect(finishers).toHaveLength(2);
  });

  it('starts a new load for a call after the last one ended, and again after a load that failed', async () => {
    let loads = 0;
    const refresh = coalescedRefresh(async () => {
      loads++;
      if (loads === 1) throw new Error('the backend is gone');
    });
    await expect(refresh()).rejects.toThrow('the backend is gone');
    await refresh();
    expect(loads).toBe(2);
  });

  it('subscribes once, on the first start, to every event named, and each event reads again', async () => {
    let loads = 0;
    const listeners: [ApiEventName, () => void][] = [];
    const { start } = refreshOnEvents(
      async () => void loads++,
      ['run.status', 'studies.changed'],
      (event, listener) => listeners.push([event, listener]),
    );
    start();
    start();
    expect(listeners.map(([event]) => event)).toEqual(['run.status', 'studies.changed']);
    await Promise.resolve();
    expect(loads).toBe(1);
    listeners[1]![1]();
    await Promise.resolve();
    expect(loads).toBe(2);
  });
});
