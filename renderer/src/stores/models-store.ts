// Exported models: the list with each file's hash and parity report, the runs that can be exported
// (ended with a checkpoint), and the export command with its progress and error per run.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ModelExport, RunSummary } from '../../../core/common/api/entities';
import { modelsApi } from '../api/api';
import { errorMessage } from './error-message';
import { useRunsStore } from './runs-store';

export type CheckpointKind = 'latest' | 'best';
export type ExportFormat = 'onnx' | 'safetensors';

/** Runs in these states have their final checkpoint saved. */
const EXPORTABLE: ReadonlySet<RunSummary['status']> = new Set(['completed', 'stopped']);

export const useModelsStore = defineStore('models', () => {
  const runs = useRunsStore();
  const exports = ref<ModelExport[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** What each run is exporting right now, e.g. "latest · onnx"; replaced, not mutated. */
  const exporting = shallowRef<ReadonlyMap<number, string>>(new Map());
  /** The last export error per run. */
  const exportErrors = shallowRef<ReadonlyMap<number, string>>(new Map());

  const exportableRuns = computed(() => runs.runs.filter((run) => EXPORTABLE.has(run.status)));

  async function refresh(): Promise<void> {
    try {
      exports.value = await modelsApi.list();
      loaded.value = true;
      error.value = null;
    } catch (caught) {
      error.value = errorMessage(caught);
    }
  }

  function start(): void {
    runs.start();
    void refresh();
  }

  function withEntry<T>(map: ReadonlyMap<number, T>, runId: number, value: T | null): ReadonlyMap<number, T> {
    const next = new Map(map);
    if (value === null) next.delete(runId);
    else next.set(runId, value);
    return next;
  }

  async function exportRun(runId: number, checkpoint: CheckpointKind, format: ExportFormat = 'onnx'): Promise<void> {
    if (exporting.value.has(runId)) return;
    exporting.value = withEntry(exporting.value, runId, `${checkpoint} · ${format}`);
    exportErrors.value = withEntry(exportErrors.value, runId, null);
    try {
      const created = await modelsApi.export({ runId, checkpoint, format });
      exports.value = [created, ...exports.value.filter((e) => e.id !== created.id)];
    } catch (caught) {
      exportErrors.value = withEntry(exportErrors.value, runId, errorMessage(caught));
    } finally {
      exporting.value = withEntry(exporting.value, runId, null);
    }
  }

  function exportsOf(runId: number): ModelExport[] {
    return exports.value.filter((e) => e.runId === runId);
  }

  return { exports, loaded, error, exporting, exportErrors, exportableRuns, refresh, start, exportRun, exportsOf };
});
