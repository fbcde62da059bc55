// The specs the store holds, read back through their schemas: what runs.get and the sweep calls answer with, typed.
// A stored spec that no longer passes its schema is a damaged record, refused naming the field — never handed on as
// whatever it happens to hold.
import { ApiError } from '../../common/api/result';
import { formatSpecIssues, parseSpecFields, type ExperimentSpec, type SpecIssue } from '../../common/spec/experiment-spec';
import { sweepSpecSchema, type SweepSpec } from '../../common/spec/sweep-spec';
import type { Run, Sweep } from '../store/types';

function damaged(what: string, issues: readonly SpecIssue[], prefix: string): ApiError {
  const named = issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message }));
  return new ApiError(
    'storage',
    `The stored spec of ${what} does not pass the spec schema (its JSON is unchanged; 'seqlab show' prints it):\n${formatSpecIssues(issues)}`,
    named,
  );
}

/** A run's resolved spec; the JSON a run stores today comes back unchanged. */
export function storedRunSpec(run: Run): ExperimentSpec {
  const parsed = parseSpecFields(run.spec);
  if (parsed.ok) return parsed.spec;
  throw damaged(`run ${run.id}`, parsed.issues, 'spec');
}

/** A sweep's validated spec (defaults filled in when it was created). */
export function storedSweepSpec(sweep: Sweep): SweepSpec {
  const read = readStoredSweepSpec(sweep);
  if (!read.ok) throw read.error;
  return read.spec;
}

/** The same, with a damaged record as a value: for a list that shows every sweep, the damaged one with its error. */
export function readStoredSweepSpec(sweep: Sweep): { readonly ok: true; readonly spec: SweepSpec } | { readonly ok: false; readonly error: ApiError } {
  const parsed = sweepSpecSchema.safeParse(sweep.spec);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return {
    ok: false,
    error: damaged(
      `sweep ${sweep.id}`,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(sweep)', message: i.message })),
      'sweep',
    ),
  };
}
