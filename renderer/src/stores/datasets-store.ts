// Registered datasets, and the import of a file by its path on the backend's machine: its preview, the
// import's progress, and the error of each step where it happened (with the file's line and column).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiEvent } from '../../../core/common/api/contract';
import type { DatasetInfo, DatasetPreview } from '../../../core/common/api/entities';
import { datasetsApi, onApiEvent } from '../api/api';
import { errorMessage } from './error-message';

export type DatasetKind = 'series' | 'text' | 'pairs' | 'labelled';

/** What the import form asks for; options a kind does not take are left out of the request. */
export interface ImportRequest {
  readonly path: string;
  readonly kind: DatasetKind;
  readonly name?: string;
  /** Series and text: rows or tokens a run reads. */
  readonly window?: number;
}

/** The message of an import's error: it already names file, line and column. */
function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : errorMessage(caught);
}

export const useDatasetsStore = defineStore('datasets', () => {
  const datasets = ref<DatasetInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** The preview of the last path previewed; big arrays, replaced whole. */
  const preview = shallowRef<DatasetPreview | null>(null);
  const previewing = ref(false);
  const previewError = ref<string | null>(null);
  const importing = ref(false);
  const importError = ref<string | null>(null);
  const importProgress = shallowRef<ApiEvent<'datasets.importProgress'> | null>(null);
  const lastImported = ref<{ dataset: DatasetInfo; reused: boolean } | null>(null);
  let subscribed = false;

  async function refresh(): Promise<void> {
    try {
      datasets.value = await datasetsApi.list();
      loaded.value = true;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  /** Loads the list and follows changes and import progress from any window. */
  function start(): void {
    if (!subscribed) {
      subscribed = true;
      onApiEvent('datasets.changed', () => void refresh());
      onApiEvent('datasets.importProgress', (event) => {
        if (importing.value) importProgress.value = event;
      });
    }
    void refresh();
  }

  async function previewFile(path: string, kind: DatasetKind): Promise<void> {
    previewing.value = true;
    previewError.value = null;
    try {
      preview.value = await datasetsApi.preview({ path, options: kind === 'text' ? { format: 'text', level: 'char' } : {} });
    } catch (caught) {
      preview.value = null;
      previewError.value = messageOf(caught);
    } finally {
      previewing.value = false;
    }
  }

  /** Resolves to the dataset, or null with `importError` set. */
  async function importFile(request: ImportRequest): Promise<DatasetInfo | null> {
    importing.value = true;
    importError.value = null;
    importProgress.value = null;
    lastImported.value = null;
    const windowed = request.kind === 'series' || request.kind === 'text';
    const options = windowed && request.window !== undefined ? { kind: request.kind, window: request.window } : { kind: request.kind };
    try {
      const imported = await datasetsApi.import({ path: request.path, options, ...(request.name ? { name: request.name } : {}) });
      lastImported.value = imported;
      await refresh();
      return imported.dataset;
    } catch (caught) {
      importError.value = messageOf(caught);
      return null;
    } finally {
      importing.value = false;
      importProgress.value = null;
    }
  }

  function find(id: number): DatasetInfo | undefined {
    return datasets.value.find((d) => d.id === id);
  }

  return { datasets, loaded, error, preview, previewing, previewError, importing, importError, importProgress, lastImported, refresh, start, previewFile, importFile, find };
});
