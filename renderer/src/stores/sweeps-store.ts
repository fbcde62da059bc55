// Every sweep's summary, and the trials of the sweeps a person has opened; both re-read when a run
// changes status (the backend's `run.status` events), so counts and results stay current.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { SweepDetail, SweepSummary } from '../../../core/common/api/entities';
import { sweepsApi } from '../api/api';
import { refreshOnEvents } from './refresh-on-events';
import { errorMessage } from './error-message';

export const useSweepsStore = defineStore('sweeps', () => {
  const sweeps = ref<SweepSummary[]>([]);
  /** Trials of each open sweep by sweep id; replaced (not mutated) so views re-render. */
  const details = shallowRef<ReadonlyMap<number, SweepDetail>>(new Map());
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      const list = await sweepsApi.list();
      const fresh = new Map<number, SweepDetail>();
      for (const [id] of details.value) {
        if (list.some((s) => s.id === id)) fresh.set(id, await sweepsApi.get(id));
      }
      sweeps.value = list;
      // Only the sweeps still open now: one may have been opened or closed while this read.
      const next = new Map(details.value);
      for (const id of next.keys()) if (!list.some((s) => s.id === id)) next.delete(id);
      for (const [id, detail] of fresh) if (next.has(id)) next.set(id, detail);
      details.value = next;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Re-read on `run.status`; one read at a time, a burst of events during one ends in one more. */
  const { refresh, start } = refreshOnEvents(load, ['run.status']);

  /** Resolves to the new sweep's id, or throws the backend's error (with per-field issues) for the form to show. */
  async function create(experimentId: number, sweep: unknown): Promise<number> {
    const { sweepId } = await sweepsApi.create(experimentId, sweep);
    await refresh();
    return sweepId;
  }

  async function toggle(id: number): Promise<void> {
    const next = new Map(details.value);
    if (next.delete(id)) {
      details.value = next;
      return;
    }
    try {
      next.set(id, await sweepsApi.get(id));
      details.value = next;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Stops every run of the sweep still waiting or training; the panel follows through the run.status events. */
  async function stop(id: number): Promise<void> {
    try {
      await sweepsApi.stop(id);
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  function sweepsOf(experimentId: number): SweepSummary[] {
    return sweeps.value.filter((sweep) => sweep.experimentId === experimentId);
  }

  return { sweeps, details, error, refresh, start, create, toggle, stop, sweepsOf };
});
