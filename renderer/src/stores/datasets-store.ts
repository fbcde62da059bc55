// Registered datasets, and the import of a file by its path on the backend's machine: its preview, the
// import's progress and what it read (the kind, the columns and the windows that fit, and why), and the error of
// each step where it happened (with the file's line and column).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiEvent, ApiRequest, ApiResponse } from '../../../core/common/api/contract';
import type { DatasetInfo, DatasetPreview } from '../../../core/common/api/entities';
import type { ImportKind } from '../../../core/common/data/import/import-kinds';
import { datasetsApi, onApiEvent } from '../api/api';
import { errorMessage } from './error-message';

/** A kind of dataset, or 'auto': detected from the file's content (the preview and the import say what and why). */
export type DatasetKind = ImportKind | 'auto';

/** What the import form asks for; options a kind does not take are left out of the request. */
export interface ImportRequest {
  readonly path: string;
  readonly kind: DatasetKind;
  readonly name?: string;
  /** Series and text: rows or tokens a run reads by default. */
  readonly window?: number;
  /** Series: the input columns (default: every numeric one but an index-like first column) and the target. */
  readonly columns?: readonly string[];
  readonly target?: string;
}

/** The options of a request that its kind takes ('auto' takes all: the import checks them once the kind is known). */
function optionsOf(request: ImportRequest): { kind?: ImportKind; window?: number; columns?: string[]; target?: string } {
  const series = request.kind === 'series' || request.kind === 'auto';
  const windowed = series || request.kind === 'text';
  return {
    ...(request.kind === 'auto' ? {} : { kind: request.kind }),
    ...(windowed && request.window !== undefined ? { window: request.window } : {}),
    ...(series && request.columns !== undefined && request.columns.length > 0 ? { columns: [...request.columns] } : {}),
    ...(series && request.target !== undefined && request.target !== '' ? { target: request.target } : {}),
  };
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
  /** The last import's dataset and its report (what was read and why). */
  const lastImported = shallowRef<ApiResponse<'datasets.import'> | null>(null);
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

  async function previewFile(request: ImportRequest): Promise<void> {
    previewing.value = true;
    previewError.value = null;
    const { kind, columns, target } = optionsOf(request);
    const options: ApiRequest<'datasets.preview'>['options'] = {
      kind: kind ?? 'auto',
      ...(kind === 'text' ? { level: 'char' as const } : {}),
      ...(columns === undefined ? {} : { columns }),
      ...(target === undefined ? {} : { target }),
    };
    try {
      preview.value = await datasetsApi.preview({ path: request.path, options });
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
    try {
      const imported = await datasetsApi.import({ path: request.path, options: optionsOf(request), ...(request.name ? { name: request.name } : {}) });
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

  return {
    datasets,
    loaded,
    error,
    preview,
    previewing,
    previewError,
    importing,
    importError,
    importProgress,
    lastImported,
    refresh,
    start,
    previewFile,
    importFile,
    find,
  };
});
