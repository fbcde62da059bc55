// Exported models: the list with each file's hash and parity report, the runs that can be exported
// (ended with a checkpoint), and the export command with its progress and error per run. An export whose
// file is already there is refused by the backend; the run then holds that refusal until the person
// replaces the file or cancels.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ExportFormat, ModelExport, RunSummary } from '../../../core/common/api/entities';
import type { CheckpointKind } from '../../../core/common/train/checkpoint-kinds';
import { ApiError } from '../../../core/common/api/result';
import { modelsApi } from '../api/api';
import { errorMessage } from './error-message';
import { useRunsStore } from './runs-store';

/** The refused export and the backend's message, which names the file in the way. */
export interface OverwritePrompt {
  readonly checkpoint: CheckpointKind;
  readonly format: ExportFormat;
  readonly message: string;
}

/** models.export refuses a file that is already there as a conflict that `overwrite` would lift (nothing written); its message names the file. */
function existingFile(caught: unknown): string | null {
  if (!(caught instanceof ApiError) || caught.code !== 'conflict') return null;
  return caught.issues?.find((issue) => issue.path === 'overwrite')?.message ?? null;
}

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
  /** An export refused because its file exists, waiting for the person to replace it or cancel; per run. */
  const overwritePrompts = shallowRef<ReadonlyMap<number, OverwritePrompt>>(new Map());

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

  /** Exports a run; `overwrite` replaces a file already there (asked for after a refusal, see overwritePrompts). */
  async function exportRun(runId: number, checkpoint: CheckpointKind, format: ExportFormat = 'onnx', overwrite = false): Promise<void> {
    if (exporting.value.has(runId)) return;
    exporting.value = withEntry(exporting.value, runId, `${checkpoint} · ${format}`);
    exportErrors.value = withEntry(exportErrors.value, runId, null);
    overwritePrompts.value = withEntry(overwritePrompts.value, runId, null);
    try {
      const created = await modelsApi.export({ runId, checkpoint, format, overwrite });
      exports.value = [created, ...exports.value.filter((e) => e.id !== created.id)];
    } catch (caught) {
      const existing = existingFile(caught);
      if (existing !== null) overwritePrompts.value = withEntry(overwritePrompts.value, runId, { checkpoint, format, message: existing });
      else exportErrors.value = withEntry(exportErrors.value, runId, errorMessage(caught));
    } finally {
      exporting.value = withEntry(exporting.value, runId, null);
    }
  }

  /** Answers a refusal: replace the file (export again with overwrite) or leave it. */
  async function answerOverwrite(runId: number, replace: boolean): Promise<void> {
    const prompt = overwritePrompts.value.get(runId);
    overwritePrompts.value = withEntry(overwritePrompts.value, runId, null);
    if (prompt !== undefined && replace) await exportRun(runId, prompt.checkpoint, prompt.format, true);
  }

  function exportsOf(runId: number): ModelExport[] {
    return exports.value.filter((e) => e.runId === runId);
  }

  return { exports, loaded, error, exporting, exportErrors, overwritePrompts, exportableRuns, refresh, start, exportRun, answerOverwrite, exportsOf };
});
