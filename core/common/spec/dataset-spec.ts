// Finishing an experiment spec whose task is a registered dataset, once the backend has read the data: the
// task's parameters checked against the dataset kind's definition (defaults: the import's window and horizon),
// the Task built from the arrays, and the same rules across parts as a built-in task.
import { datasetDefinitions } from '../tasks/dataset-definitions';
import { datasetTask, type DatasetData } from '../tasks/dataset-task';
import type { DatasetEncoder } from '../data/import/encoder';
import { parseParams, type ParamSpecs } from '../tasks/params';
import { completeSpec, type ExperimentSpec, type SpecResult } from './experiment-spec';

/**
 * Resolves `spec` (fields already valid, `task.dataset` set) against the dataset read with `encoder`.
 * @param file the dataset's source, for messages
 */
export function resolveDatasetSpec(spec: ExperimentSpec, encoder: DatasetEncoder, data: DatasetData, file: string): SpecResult {
  const { dataset, id } = spec.task;
  if (dataset === undefined) throw new Error('resolveDatasetSpec: the spec names no dataset');
  const definition = datasetDefinitions[encoder.kind];
  if (id !== undefined && id !== definition.id) {
    return {
      ok: false,
      issues: [
        { path: 'task.id', message: `dataset #${dataset} holds ${encoder.kind} data, so its task is "${definition.id}", not "${id}"; leave task.id out` },
      ],
    };
  }
  const params = parseParams(definition.params as ParamSpecs, { ...importedParams(encoder), ...spec.task.params });
  if (!params.ok)
    return { ok: false, issues: params.issues.map((i) => ({ path: `task.params${i.param === '(params)' ? '' : `.${i.param}`}`, message: i.message })) };
  const task = datasetTask(encoder, data, file, params.value as { window?: number; horizon?: number });
  if (!task.ok) return { ok: false, issues: [{ path: 'window' in params.value ? 'task.params.window' : 'task.dataset', message: task.error.message }] };
  return completeSpec(spec, task.value);
}

/** The window (and horizon) the dataset was imported with: a run's defaults. */
function importedParams(encoder: DatasetEncoder): Record<string, number> {
  switch (encoder.kind) {
    case 'series':
      return { window: encoder.options.window, horizon: encoder.options.horizon };
    case 'text':
      return { window: encoder.options.window };
    default:
      return {};
  }
}
