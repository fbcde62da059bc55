// What the runs table adds to the runs: each run's results and cell (re-read when a run changes status), the search,
// filters and sort a person chose, and what they do to a run — rename, tag, note, clone, delete and undo the delete.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiRequest } from '../../../core/common/api/contract';
import type { RunResults, RunSummary } from '../../../core/common/api/entities';
import { RUN_ANNOTATION_LIMITS } from '../../../core/common/api/run-annotations';
import { runsApi } from '../api/api';
import { DEFAULT_RUN_QUERY, type RunTableQuery } from '../composables/run-table';
import { errorMessage } from './error-message';
import { refreshOnEvents } from './refresh-on-events';
import { useRunDraftStore } from './run-draft-store';
import { useRunsStore } from './runs-store';
import { useSweepsStore } from './sweeps-store';

export interface RunExtras {
  readonly results: RunResults;
  readonly cell: string | null;
}

/** A run deleted in this session, which Undo restores until it is purged (runs.delete says when). */
export interface DeletedRun {
  readonly id: number;
  readonly name: string;
}

export const useRunTableStore = defineStore('run-table', () => {
  const extras = shallowRef<ReadonlyMap<number, RunExtras>>(new Map());
  const query = ref<RunTableQuery>({ ...DEFAULT_RUN_QUERY });
  /** Deleted in this session, newest last. */
  const deleted = ref<DeletedRun[]>([]);
  const error = ref<string | null>(null);
  const runs = useRunsStore();
  const sweeps = useSweepsStore();

  async function load(): Promise<void> {
    try {
      const list = await runsApi.listResults();
      extras.value = new Map(list.map(({ runId, results, cell }) => [runId, { results, cell }]));
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Results change when a run ends or reaches an evaluation; the status events cover both ends of a run. */
  const { refresh, start } = refreshOnEvents(load, ['run.status']);

  /** Every list that shows runs reads again: the runs, their results, the sweeps' trials. */
  async function refreshAll(): Promise<void> {
    await Promise.all([runs.refresh(), refresh(), sweeps.refresh()]);
  }

  /** Rename, tags, notes; resolves to an error message for the editor, or null once saved. */
  async function update(request: ApiRequest<'runs.update'>): Promise<string | null> {
    try {
      await runsApi.update(request);
      await runs.refresh();
      return null;
    } catch (caught) {
      return errorMessage(caught);
    }
  }

  async function remove(run: Pick<RunSummary, 'id' | 'name'>): Promise<void> {
    try {
      await runsApi.remove(run.id);
      deleted.value = [...deleted.value.filter((d) => d.id !== run.id), { id: run.id, name: run.name }];
      if (runs.selectedRunId === run.id) runs.selectedRunId = null;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
    await refreshAll();
  }

  async function undo(id: number): Promise<void> {
    try {
      await runsApi.restore(id);
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
    deleted.value = deleted.value.filter((d) => d.id !== id);
    await refreshAll();
  }

  function dismiss(id: number): void {
    deleted.value = deleted.value.filter((d) => d.id !== id);
  }

  /** Puts the run's resolved spec, renamed as a copy, where the New run form of its experiment takes it. */
  async function clone(run: Pick<RunSummary, 'id' | 'name' | 'experimentId'>): Promise<boolean> {
    try {
      const detail = await runsApi.get(run.id);
      useRunDraftStore().put({
        experimentId: run.experimentId,
        spec: { ...detail.spec, name: `${run.name} (copy)`.slice(0, RUN_ANNOTATION_LIMITS.name.max) },
        sourceRunId: run.id,
      });
      error.value = null;
      return true;
    } catch (caught) {
      error.value = errorMessage(caught);
      return false;
    }
  }

  return { extras, query, deleted, error, start, refresh, update, remove, undo, dismiss, clone };
});
