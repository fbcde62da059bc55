// Experiments as the Experiments view lists them; refreshed when the backend says they changed.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ApiRequest } from '../../../core/common/api/contract';
import type { Experiment } from '../../../core/common/api/entities';
import { experimentsApi, onApiEvent } from '../api/api';
import { errorMessage } from './error-message';

export const useExperimentsStore = defineStore('experiments', () => {
  const experiments = ref<Experiment[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const isEmpty = computed(() => loaded.value && experiments.value.length === 0);
  /** Archived experiments are hidden unless the person asks to see them. */
  const showArchived = ref(false);
  const shown = computed(() => (showArchived.value ? experiments.value : experiments.value.filter((e) => e.archivedAt === null)));
  let unsubscribe: (() => void) | null = null;

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      experiments.value = await experimentsApi.list();
      error.value = null;
      loaded.value = true;
    } catch (caught) {
      error.value = errorMessage(caught);
    } finally {
      loading.value = false;
    }
  }

  /** Loads once and keeps following backend changes. */
  async function start(): Promise<void> {
    unsubscribe ??= onApiEvent('experiments.changed', () => void refresh());
    await refresh();
  }

  /** Resolves to an error message for the form, or null on success. */
  async function create(name: string, notes: string): Promise<string | null> {
    try {
      await experimentsApi.create({ name, notes });
      await refresh();
      return null;
    } catch (caught) {
      return errorMessage(caught);
    }
  }

  /** Rename, description, tags, archive; resolves to an error message for the editor, or null once saved. */
  async function update(request: ApiRequest<'experiments.update'>): Promise<string | null> {
    try {
      await experimentsApi.update(request);
      await refresh();
      return null;
    } catch (caught) {
      return errorMessage(caught);
    }
  }

  /** Deletes the experiment with all its runs (no undo: the view confirms first); resolves to an error message or null. */
  async function remove(id: number): Promise<string | null> {
    try {
      await experimentsApi.remove(id);
      await refresh();
      return null;
    } catch (caught) {
      return errorMessage(caught);
    }
  }

  return { experiments, loading, loaded, error, isEmpty, showArchived, shown, start, refresh, create, update, remove };
});
