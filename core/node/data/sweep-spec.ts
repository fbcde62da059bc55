// A sweep over registered datasets: its base (or a swept `task.dataset`) names datasets in the store. Each one
// is read once (hash-checked, as a run's dataset is), then every trial's spec is resolved with its data exactly
// as `runs.create` resolves a single run's (resolveRunSpec), so each trial trains on the Task a run would.
// Every trial is then checked against the machine as a run's spec is (checkOnMachine). This runs in the spec worker,
// given the records of the datasets the sweep may name.
import { resolveDatasetSpec } from '../../common/spec/dataset-spec';
import { parseExperimentSpec, parseSpecFields, type SpecResult } from '../../common/spec/experiment-spec';
import { applyAssignments, expandSweep, MAX_SWEEP_TRIALS, parseSweepSpec, sweepSpecSchema, type SweepResult } from '../../common/spec/sweep-spec';
import type { ImportResult } from '../../common/data/import/import-error';
import type { MachineLimits } from '../../common/spec/machine-limits';
import { readDataset, type DatasetContent } from './load-dataset';
import type { ReadControl } from './read-file';
import { checkOnMachine, missingDataset, type DatasetLookup } from './run-spec';

/**
 * Validates a sweep spec completely, reading the datasets its trials name (a dataset `datasetOf` lacks does not exist),
 * and checks every trial against the machine's `limits`.
 */
export async function resolveSweepSpec(raw: unknown, datasetOf: DatasetLookup, limits: MachineLimits, control: ReadControl = {}): Promise<SweepResult> {
  const contents = new Map<number, ImportResult<DatasetContent>>();
  for (const id of datasetIdsOf(raw)) {
    const dataset = datasetOf(id);
    if (dataset !== undefined) contents.set(id, await readDataset(dataset, control));
  }
  return parseSweepSpec(
    raw,
    (spec) => resolveWith(contents, spec),
    (trial) => checkOnMachine(trial, limits),
  );
}

/** The distinct `task.dataset` ids of the base and of every trial (none when the sweep itself is malformed or too large). */
function datasetIdsOf(raw: unknown): number[] {
  const parsed = sweepSpecSchema.safeParse(raw);
  if (!parsed.success) return [];
  const sweep = parsed.data;
  // parseSweepSpec refuses more trials than this before resolving any; do not expand them here
  if (sweep.grid && Object.values(sweep.grid).reduce((n, values) => n * values.length, 1) > MAX_SWEEP_TRIALS) return [];
  const specs: unknown[] = [sweep.base];
  for (const assignment of expandSweep(sweep)) {
    const applied = applyAssignments(sweep.base, assignment);
    if (applied.ok) specs.push(applied.raw);
  }
  const ids = new Set<number>();
  for (const spec of specs) {
    const fields = parseSpecFields(spec);
    if (fields.ok && fields.spec.task.dataset !== undefined) ids.add(fields.spec.task.dataset);
  }
  return [...ids];
}

function resolveWith(contents: ReadonlyMap<number, ImportResult<DatasetContent>>, raw: unknown): SpecResult {
  const fields = parseSpecFields(raw);
  if (!fields.ok) return fields;
  const id = fields.spec.task.dataset;
  if (id === undefined) return parseExperimentSpec(raw);
  const content = contents.get(id);
  if (content === undefined) return refused(missingDataset(id));
  if (!content.ok) return refused(content.error.message);
  return resolveDatasetSpec(fields.spec, content.value.encoder, content.value.data, content.value.file);
}

function refused(message: string): { ok: false; issues: { path: string; message: string }[] } {
  return { ok: false, issues: [{ path: 'task.dataset', message }] };
}
