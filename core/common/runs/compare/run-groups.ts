// Runs grouped by the values of chosen spec fields (cell, hidden size, init…), and each group's curve as the mean
// over its runs (seeds) at every step, with the spread. Curves are aligned by step exactly, never interpolated: a
// step some runs of the group did not log is averaged over the runs that did, and every point says how many (n of
// the group's size); a point where a run logged NaN/±∞ (a diverged run) has no mean, and says how many were not finite.
import { fieldKey, fieldValue, flattenSpec, formatFieldValue } from './spec-fields';

export interface GroupableRun {
  readonly runId: number;
  /** The run's resolved spec. */
  readonly spec: unknown;
  /** One metric over steps; a null value is NaN or ±∞ (as the API sends them). */
  readonly steps: readonly number[];
  readonly values: readonly (number | null)[];
}

export interface GroupPoint {
  readonly step: number;
  /** Runs of the group with a finite value at this step (the mean's n). */
  readonly n: number;
  /** Runs of the group whose value at this step was NaN or ±∞. */
  readonly nonFinite: number;
  /** Null when n is 0 or any run's value here was not finite (the mean would be NaN or a guess). */
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null below n = 2. */
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface RunGroup {
  /** `model.cell=lstm model.hiddenSize=64`; a field the run's spec lacks reads `=absent`. */
  readonly label: string;
  readonly runIds: readonly number[];
  readonly points: readonly GroupPoint[];
}

/**
 * Groups in the order their first run appears in `runs`; points in step order over the union of the group's steps.
 * @param fields dotted spec paths (spec-fields.ts); at least one
 */
export function groupRuns(runs: readonly GroupableRun[], fields: readonly string[]): RunGroup[] {
  if (fields.length === 0) throw new Error('groupRuns: no field to group by');
  const groups = new Map<string, { label: string; runs: GroupableRun[] }>();
  for (const run of runs) {
    const spec = flattenSpec(run.spec);
    const values = fields.map((path) => fieldValue(spec, path));
    const key = values.map(fieldKey).join('\u0000');
    const label = fields.map((path, i) => `${path}=${formatFieldValue(values[i] ?? { kind: 'absent' })}`).join(' ');
    const group = groups.get(key) ?? { label, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ label, runs: members }) => ({ label, runIds: members.map((r) => r.runId), points: meanOverRuns(members) }));
}

/** Mean ± spread at each step any of `runs` logged. */
export function meanOverRuns(runs: readonly GroupableRun[]): GroupPoint[] {
  const byStep = new Map<number, (number | null)[]>();
  for (const run of runs) {
    if (run.steps.length !== run.values.length) throw new Error(`meanOverRuns: run ${run.runId} has ${run.steps.length} steps but ${run.values.length} values`);
    const seen = new Set<number>();
    run.steps.forEach((step, i) => {
      if (seen.has(step)) throw new Error(`meanOverRuns: run ${run.runId} logged step ${step} twice (a downsampled series cannot be aligned by step)`);
      seen.add(step);
      const list = byStep.get(step) ?? [];
      list.push(run.values[i] ?? null);
      byStep.set(step, list);
    });
  }
  return [...byStep.entries()].sort(([a], [b]) => a - b).map(([step, values]) => pointOf(step, values));
}

function pointOf(step: number, values: readonly (number | null)[]): GroupPoint {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const nonFinite = values.length - finite.length;
  const n = finite.length;
  if (n === 0) return { step, n, nonFinite, mean: null, sd: null, min: null, max: null };
  const mean = finite.reduce((sum, v) => sum + v, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(finite.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  return { step, n, nonFinite, mean: nonFinite > 0 ? null : mean, sd: nonFinite > 0 ? null : sd, min: Math.min(...finite), max: Math.max(...finite) };
}
