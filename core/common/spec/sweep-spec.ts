// A sweep: a base experiment spec and the fields to vary — a `grid` (every combination) or a `random`
// search (`trials` draws from lists or ranges, seeded) — run as one run per trial, at most
// `concurrency` at a time. `parseSweepSpec` validates the sweep, expands it deterministically, and
// validates every trial's spec, naming the trial and the field of each problem.
//
//   { "name": "GRU width × lr", "base": { …experiment spec… }, "concurrency": 2,
//     "grid": { "model.hiddenSize": [32, 64], "training.learningRate": [0.001, 0.01] } }
//   { "base": { … }, "random": { "trials": 8, "seed": 1,
//       "fields": { "training.learningRate": { "min": 0.0001, "max": 0.1, "log": true }, "model.cell": ["lstm", "gru"] } } }
//   { "base": { … }, "list": [{ "model.cell": "lstm", "training.learningRate": 0.01 }, { "model.cell": "gru", "training.learningRate": 0.003 }] }
// A `list` gives every trial's values outright: linked fields (a learning rate per cell) without a full cross
// product; studies (core/common/studies) expand their grids into one.
//
// Values are written into `base` as it was written (missing objects are created), then the trial is
// validated like any spec; so a trial inherits every default the base leaves out. A spec naming a registered
// dataset (`task.dataset`) needs the store: the backend passes a resolver that reads it (core/node/data).
import { z } from 'zod';
import { Rng } from '../random/rng';
import { parseExperimentSpec, type ExperimentSpec, type SpecIssue, type SpecResult } from './experiment-spec';
import { isFieldPath, readFieldPath, siblingKeys, unsafeSegment, writeFieldPath } from './field-path';
import type { ResourceEstimate } from './resource-estimate';

export const SWEEP_SPEC_VERSION = 1;
/** More trials than this is almost certainly a mistake in the grid (and a very long wait). */
export const MAX_SWEEP_TRIALS = 1000;
export const MAX_SWEEP_CONCURRENCY = 64;

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const valueListSchema = z.array(z.unknown()).min(1, 'needs at least one value');

/** Uniform in [min, max], or log-uniform with `log`; `int` draws whole numbers in [min, max]. */
const rangeSchema = z
  .object({ min: z.number(), max: z.number(), log: z.boolean().default(false), int: z.boolean().default(false) })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] })
  .refine((r) => !r.log || r.min > 0, { message: 'a log range needs min > 0', path: ['min'] });

export const sweepSpecSchema = z
  .object({
    version: z.literal(SWEEP_SPEC_VERSION).default(SWEEP_SPEC_VERSION),
    name: z.string().trim().max(120, 'name must be at most 120 characters').optional(),
    base: z.record(z.string(), z.unknown(), { error: 'base must be an experiment spec (a JSON object)' }),
    grid: z.record(z.string(), valueListSchema).optional(),
    random: z
      .object({
        trials: int('trials', 1, MAX_SWEEP_TRIALS),
        seed: int('seed', 0, 2 ** 32 - 1).default(1),
        fields: z.record(z.string(), z.union([valueListSchema, rangeSchema], { error: 'must be a list of values or { "min", "max", "log"?, "int"? }' })),
      })
      .strict()
      .optional(),
    list: z
      .array(z.record(z.string(), z.unknown()), { error: 'list must be a list of trials, each { "field.path": value, … }' })
      .min(1, 'needs at least one trial')
      .optional(),
    /** Trials of this sweep that train at once; the rest wait (the app-wide worker limit still applies). */
    concurrency: int('concurrency', 1, MAX_SWEEP_CONCURRENCY).default(1),
  })
  .strict()
  .refine((s) => [s.grid, s.random, s.list].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of "grid", "random" or "list"',
    path: ['grid'],
  });

export type SweepSpec = z.output<typeof sweepSpecSchema>;
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;
type FieldRange = z.output<typeof rangeSchema>;

/** One trial: the values it gives the swept fields (in the sweep's field order) and its resolved spec. */
export interface SweepTrial {
  /** 0-based; messages number trials from 1. */
  readonly index: number;
  readonly assignments: Readonly<Record<string, unknown>>;
  readonly spec: ExperimentSpec;
  /** What the trial needs, when the sweep was checked against a machine (TrialCheck). */
  readonly estimate?: ResourceEstimate;
}

export type SweepResult =
  { readonly ok: true; readonly sweep: SweepSpec; readonly trials: readonly SweepTrial[] } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

export function sweepStrategy(sweep: SweepSpec): 'grid' | 'random' | 'list' {
  return sweep.grid ? 'grid' : sweep.list ? 'list' : 'random';
}

/** The swept field paths, in the order the sweep lists them (a list: in the order its trials first name them). */
export function sweepFields(sweep: SweepSpec): string[] {
  if (sweep.list) return [...new Set(sweep.list.flatMap((trial) => Object.keys(trial)))];
  return Object.keys(sweep.grid ?? sweep.random?.fields ?? {});
}

/** How many trials the sweep has. */
export function sweepTrialCount(sweep: SweepSpec): number {
  if (sweep.grid) return Object.values(sweep.grid).reduce((n, values) => n * values.length, 1);
  return sweep.list ? sweep.list.length : (sweep.random?.trials ?? 0);
}

/** Validates one experiment spec completely (default: built-in tasks only, as parseExperimentSpec). */
export type SpecResolver = (raw: unknown) => SpecResult;

/**
 * Checks a trial that resolved, beyond the spec itself (the backend: against the machine, with its estimate).
 * The base is not checked so: a base too large for the machine is fine as long as every trial fits.
 */
export type TrialCheck = (resolved: Extract<SpecResult, { ok: true }>) => { readonly issues: readonly SpecIssue[]; readonly estimate?: ResourceEstimate };

/**
 * @param resolve validates the base and every trial's spec; the backend's also resolves registered datasets
 * @param check runs on every trial that resolved; a trial it finds issues with refuses the sweep
 */
export function parseSweepSpec(raw: unknown, resolve: SpecResolver = parseExperimentSpec, check?: TrialCheck): SweepResult {
  // before anything copies the fields (zod's record included): "__proto__" would reach Object.prototype
  const unsafe = unsafeSweepFields(raw);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };
  const parsed = sweepSpecSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(sweep)', message: i.message })) };
  }
  const sweep = parsed.data;
  const where = sweep.grid ? 'grid' : sweep.list ? 'list' : 'random.fields';
  const fields = sweepFields(sweep);
  const issues: SpecIssue[] = [];
  if (fields.length === 0) issues.push({ path: where, message: 'name at least one field to vary' });
  for (const field of fields) {
    if (!isFieldPath(field))
      issues.push({ path: `${where}.${field}`, message: `"${field}" is not a field path; write it like model.hiddenSize or task.params.length` });
  }
  const count = sweepTrialCount(sweep);
  if (count > MAX_SWEEP_TRIALS) issues.push({ path: where, message: `the grid has ${count} combinations; at most ${MAX_SWEEP_TRIALS} are allowed` });
  if (issues.length > 0) return { ok: false, issues };

  // The base must be valid on its own, except in the fields the sweep sets (e.g. a grid over task.id).
  const base = resolve(sweep.base);
  if (!base.ok) {
    const own = base.issues.filter((issue) => !fields.some((field) => pathsOverlap(field, issue.path)));
    if (own.length > 0) return { ok: false, issues: own.map((i) => ({ path: `base.${i.path}`, message: i.message })) };
  }

  const assignments = expandSweep(sweep);
  const outcomes = assignments.map((assignment) => buildTrial(sweep.base, assignment, resolve, check));
  // A field is known when the resolved base has it, or some trial that sets it is valid (e.g.
  // training.optimizer.momentum while the grid also switches optimizer.kind to sgd).
  const valid = outcomes.flatMap((o) => (o.ok ? [o.spec] : []));
  const reference = base.ok ? base.spec : valid[0];
  const known = (field: string) => (base.ok && readFieldPath(base.spec, field).found) || valid.some((spec) => readFieldPath(spec, field).found);
  const unknown = reference === undefined ? [] : fields.filter((field) => !known(field));
  if (unknown.length > 0) {
    return {
      ok: false,
      issues: unknown.map((field) => {
        const { parent, keys } = siblingKeys(reference, field);
        const hint = keys.length > 0 ? `; ${parent || 'the spec'} has: ${keys.join(', ')}` : '';
        return { path: `${where}.${field}`, message: `"${field}" is not a field of the experiment spec${hint}` };
      }),
    };
  }

  const trials: SweepTrial[] = [];
  outcomes.forEach((outcome, index) => {
    const label = `trial ${index + 1} of ${outcomes.length}: ${describeAssignments(assignments[index] ?? {})}`;
    if (outcome.ok)
      trials.push({
        index,
        assignments: assignments[index] ?? {},
        spec: outcome.spec,
        ...(outcome.estimate === undefined ? {} : { estimate: outcome.estimate }),
      });
    else for (const issue of outcome.issues) issues.push({ path: `trials.${index + 1}.${issue.path}`, message: `${issue.message} (${label})` });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, sweep, trials };
}

/**
 * Every trial's field values, deterministically: a grid in nested-loop order (the first field
 * varies slowest), a random search drawn from `Rng(seed)` trial by trial, field by field.
 */
export function expandSweep(sweep: SweepSpec): Record<string, unknown>[] {
  if (sweep.grid) {
    let combos: Record<string, unknown>[] = [{}];
    for (const [field, values] of Object.entries(sweep.grid)) {
      combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [field]: value })));
    }
    return combos;
  }
  if (sweep.list) return sweep.list.map((trial) => ({ ...trial }));
  const random = sweep.random;
  if (!random) return [];
  const rng = new Rng(random.seed);
  return Array.from({ length: random.trials }, () => {
    const trial: Record<string, unknown> = {};
    for (const [field, choice] of Object.entries(random.fields)) {
      trial[field] = Array.isArray(choice) ? choice[rng.int(choice.length)] : drawFromRange(rng, choice);
    }
    return trial;
  });
}

function drawFromRange(rng: Rng, range: FieldRange): number {
  const u = rng.next(); // [0, 1)
  if (range.int) {
    const lo = Math.ceil(range.min);
    const hi = Math.floor(range.max);
    // Log-uniform over [lo, hi + 1) then floored, so every integer in [lo, hi] can come up.
    const x = range.log ? Math.exp(Math.log(lo) + u * (Math.log(hi + 1) - Math.log(lo))) : lo + u * (hi - lo + 1);
    return Math.min(hi, Math.max(lo, Math.floor(x)));
  }
  if (range.log) return Math.exp(Math.log(range.min) + u * (Math.log(range.max) - Math.log(range.min)));
  return range.min + u * (range.max - range.min);
}

/** `task` and `task.id` overlap; `model.cell` and `model.hiddenSize` do not. */
function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** The base with a trial's values written in, not yet validated; or the field that could not be written. */
export function applyAssignments(base: unknown, assignment: Readonly<Record<string, unknown>>): { ok: true; raw: unknown } | { ok: false; issue: SpecIssue } {
  let raw = base;
  for (const [field, value] of Object.entries(assignment)) {
    const written = writeFieldPath(raw, field, value);
    if (!written.ok) return { ok: false, issue: { path: field, message: written.message } };
    raw = written.value;
  }
  return { ok: true, raw };
}

function buildTrial(
  base: unknown,
  assignment: Record<string, unknown>,
  resolve: SpecResolver,
  check: TrialCheck | undefined,
): { ok: true; spec: ExperimentSpec; estimate?: ResourceEstimate } | { ok: false; issues: readonly SpecIssue[] } {
  const applied = applyAssignments(base, assignment);
  if (!applied.ok) return { ok: false, issues: [applied.issue] };
  const parsed = resolve(applied.raw);
  if (!parsed.ok) return parsed;
  if (check === undefined) return { ok: true, spec: parsed.spec };
  const checked = check(parsed);
  if (checked.issues.length > 0) return { ok: false, issues: checked.issues };
  return { ok: true, spec: parsed.spec, ...(checked.estimate === undefined ? {} : { estimate: checked.estimate }) };
}

/** Swept fields of the raw sweep whose path goes through `__proto__`, `constructor` or `prototype`. */
function unsafeSweepFields(raw: unknown): SpecIssue[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const { grid, random, list } = raw as { grid?: unknown; random?: unknown; list?: unknown };
  const fields = (where: string, record: unknown) =>
    typeof record === 'object' && record !== null ? Object.keys(record).map((field) => ({ where, field })) : [];
  const listed = Array.isArray(list) ? list.flatMap((trial) => fields('list', trial)) : [];
  const swept = [
    ...fields('grid', grid),
    ...fields('random.fields', typeof random === 'object' && random !== null ? (random as { fields?: unknown }).fields : undefined),
    ...listed,
  ];
  return swept.flatMap(({ where, field }) => {
    const segment = unsafeSegment(field);
    return segment === undefined
      ? []
      : [
          {
            path: `${where}.${field}`,
            message: `"${field}" is not a field of the experiment spec: "${segment}" names the prototype machinery of every object, and no spec field is called so`,
          },
        ];
  });
}

/** `model.hiddenSize=64, training.learningRate=0.003162`: a trial's values, short enough for a run name. */
export function describeAssignments(assignments: Readonly<Record<string, unknown>>): string {
  return Object.entries(assignments)
    .map(([field, value]) => `${field}=${formatValue(value)}`)
    .join(', ');
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toPrecision(4)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A readable multi-line summary of sweep issues, for the CLI and error dialogs. */
export function formatSweepIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
}
