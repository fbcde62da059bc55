// A run's spec with its Task, for a built-in task or a registered dataset. A new spec is resolved in the spec
// worker (`resolveRunSpec`, with the dataset records the backend looked up for it); the training worker, which
// never opens the store, rebuilds the same Task from the dataset record the runner hands it (`taskForRun`),
// re-reading the source file hash-checked. Neither runs on the backend's main thread. A new spec is also checked
// against the machine (`checkOnMachine`): its resource estimate must fit the memory a run may take, its threads the
// cores.
import { resolveDatasetSpec } from '../../common/spec/dataset-spec';
import { parseExperimentSpec, parseSpecFields, type ExperimentSpec, type SpecIssue, type SpecResult } from '../../common/spec/experiment-spec';
import { machineIssues, type MachineLimits } from '../../common/spec/machine-limits';
import { estimateResources, type ResourceEstimate } from '../../common/spec/resource-estimate';
import { taskDimensions } from '../../common/spec/task-dimensions';
import type { Task } from '../../common/tasks/task';
import { readDataset, type DatasetSource } from './load-dataset';
import type { ReadControl } from './read-file';

/** What the worker is given of a run's dataset: the stored record (encoder JSON included). */
export type RunDataset = DatasetSource;

export type RunSpecResult =
  | { readonly ok: true; readonly spec: ExperimentSpec; readonly task: Task; readonly dataset: RunDataset | null; readonly estimate: ResourceEstimate }
  /** `estimate`: what a spec that is valid in itself but too much for the machine would need; null otherwise. */
  | { readonly ok: false; readonly issues: readonly SpecIssue[]; readonly estimate: ResourceEstimate | null };

/** A registered dataset's record by id (undefined: there is no such dataset). */
export type DatasetLookup = (id: number) => RunDataset | undefined;

/**
 * Validates a new spec completely; one naming `task.dataset` is resolved with that dataset's data (read from its
 * file), and the result names the dataset so the run can record it. Then checks it against the machine.
 */
export async function resolveRunSpec(raw: unknown, datasetOf: DatasetLookup, limits: MachineLimits, control: ReadControl = {}): Promise<RunSpecResult> {
  const resolved = await resolveSpec(raw, datasetOf, control);
  if (!resolved.ok) return { ...resolved, estimate: null };
  const checked = checkOnMachine(resolved, limits);
  if (checked.issues.length > 0) return { ok: false, issues: checked.issues, estimate: checked.estimate };
  return { ...resolved, estimate: checked.estimate };
}

async function resolveSpec(
  raw: unknown,
  datasetOf: DatasetLookup,
  control: ReadControl,
): Promise<{ ok: true; spec: ExperimentSpec; task: Task; dataset: RunDataset | null } | { ok: false; issues: readonly SpecIssue[] }> {
  const fields = parseSpecFields(raw);
  if (!fields.ok) return fields;
  const id = fields.spec.task.dataset;
  if (id === undefined) {
    const parsed = parseExperimentSpec(raw);
    return parsed.ok ? { ...parsed, dataset: null } : parsed;
  }
  const dataset = datasetOf(id);
  if (dataset === undefined) return refused(missingDataset(id));
  const resolved = await specForDataset(fields.spec, dataset, control);
  return resolved.ok ? { ...resolved, dataset } : resolved;
}

/** A resolved spec's estimate on its task's batches, and why the machine cannot train it (none when it can). */
export function checkOnMachine(
  resolved: { readonly spec: ExperimentSpec; readonly task: Task },
  limits: MachineLimits,
): { issues: SpecIssue[]; estimate: ResourceEstimate } {
  const estimate = estimateResources(resolved.spec, taskDimensions(resolved.task, resolved.spec.training.batchSize));
  return { issues: machineIssues(resolved.spec, estimate, limits), estimate };
}

/** The worker's side: the run's stored spec and, for a dataset run, the dataset record from its start message. */
export async function taskForRun(raw: unknown, dataset?: RunDataset): Promise<SpecResult> {
  const fields = parseSpecFields(raw);
  if (!fields.ok) return fields;
  const id = fields.spec.task.dataset;
  if (id === undefined) return parseExperimentSpec(raw);
  if (dataset === undefined || dataset.id !== id) return refused(`the run trains on dataset #${id}, but its record was not passed to the worker`);
  return specForDataset(fields.spec, dataset);
}

async function specForDataset(spec: ExperimentSpec, dataset: RunDataset, control: ReadControl = {}): Promise<SpecResult> {
  const content = await readDataset(dataset, control);
  if (!content.ok) return refused(content.error.message);
  return resolveDatasetSpec(spec, content.value.encoder, content.value.data, content.value.file);
}

/** Why a spec naming dataset `id` cannot be resolved when the store has no such dataset. */
export function missingDataset(id: number): string {
  return `there is no dataset #${id}; import the file first (Data view, or seqlab data import FILE) and use the id it gets`;
}

function refused(message: string): { ok: false; issues: SpecIssue[] } {
  return { ok: false, issues: [{ path: 'task.dataset', message }] };
}
