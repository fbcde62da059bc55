// The New sweep form's builder: the fields to vary, each with a list of values or a range, over a grid (every
// combination) or a seeded random search, turned into a sweep spec (core/common/spec/sweep-spec.ts) and back. The
// JSON beside it is the same sweep; a sweep the builder cannot show exactly (a `list` of trials, an unknown key) is
// refused by the builder with the reason, and stays editable as JSON.
import { MAX_SWEEP_TRIALS, sweepSpecSchema, type SweepSpecInput } from '../../../core/common/spec/sweep-spec';

export type AxisMode = 'values' | 'range';
export type AxisScale = 'linear' | 'log';

/** One swept field. */
export interface SweepAxis {
  path: string;
  mode: AxisMode;
  /** Comma-separated values as typed: numbers, true / false, words (`lstm, gru`); "quoted" for a word that reads as a number. */
  values: string;
  min: number;
  max: number;
  /** Grid only: how many values the range gives, ends included. */
  count: number;
  scale: AxisScale;
  /** Whole numbers only (the field is an integer). */
  int: boolean;
}

export interface SweepDesign {
  name: string;
  /** The experiment spec every trial starts from (edited in the JSON). */
  base: Record<string, unknown>;
  strategy: 'grid' | 'random';
  axes: SweepAxis[];
  /** Random search: trials drawn, and the seed of the draw. */
  trials: number;
  seed: number;
  concurrency: number;
}

export interface AxisIssue {
  /** The axis's field path, or 'sweep' for the sweep as a whole. */
  readonly path: string;
  readonly message: string;
}

export type BuiltSweep = { readonly ok: true; readonly sweep: SweepSpecInput } | { readonly ok: false; readonly issues: readonly AxisIssue[] };

/** A value as typed: JSON where it reads as JSON (3, 0.01, true, "8"), else the word itself (lstm). */
function parseValue(token: string): unknown {
  try {
    return JSON.parse(token) as unknown;
  } catch {
    return token;
  }
}

/** The values of a list as the builder writes them; a string that would read back as something else is quoted. */
export function formatValues(values: readonly unknown[]): string {
  return values
    .map((value) => {
      if (typeof value !== 'string') return JSON.stringify(value);
      return parseValue(value) === value && !value.includes(',') && value.trim() === value && value !== '' ? value : JSON.stringify(value);
    })
    .join(', ');
}

export function parseValues(text: string): { ok: true; values: unknown[] } | { ok: false; message: string } {
  const tokens = text.split(',').map((token) => token.trim());
  if (tokens.some((token) => token === '')) return { ok: false, message: 'give the values separated by commas, none empty' };
  return { ok: true, values: tokens.map(parseValue) };
}

/**
 * `count` values from min to max, ends included: evenly spaced (linear) or by a constant ratio (log).
 * Whole-number fields are rounded; a count that would repeat a whole number is refused.
 */
export function rangeValues(axis: Pick<SweepAxis, 'min' | 'max' | 'count' | 'scale' | 'int'>): { ok: true; values: number[] } | { ok: false; message: string } {
  const { min, max, count, scale } = axis;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ok: false, message: 'min and max must be numbers' };
  if (min > max) return { ok: false, message: 'min must not exceed max' };
  if (!Number.isInteger(count) || count < 1) return { ok: false, message: 'count must be a whole number, at least 1' };
  if (scale === 'log' && min <= 0) return { ok: false, message: 'a log range needs min > 0' };
  const at = (i: number): number => {
    if (count === 1) return min;
    const t = i / (count - 1);
    // x_i = min·(max/min)^t (log) or min + t·(max − min) (linear), t = i / (count − 1)
    const value = scale === 'log' ? min * (max / min) ** t : min + t * (max - min);
    return Number(value.toPrecision(6));
  };
  const values = Array.from({ length: count }, (_, i) => (axis.int ? Math.round(at(i)) : at(i)));
  if (new Set(values).size !== values.length)
    return { ok: false, message: `${count} whole numbers from ${min} to ${max} would repeat values; lower the count` };
  return { ok: true, values };
}

/** How many trials the design gives (null while an axis is not valid). */
export function designTrialCount(design: SweepDesign): number | null {
  if (design.strategy === 'random') return design.trials;
  let total = 1;
  for (const axis of design.axes) {
    const values = axis.mode === 'values' ? parseValues(axis.values) : rangeValues(axis);
    if (!values.ok) return null;
    total *= values.values.length;
  }
  return total;
}

export function sweepFromDesign(design: SweepDesign): BuiltSweep {
  const issues: AxisIssue[] = [];
  if (design.axes.length === 0) issues.push({ path: 'sweep', message: 'pick at least one field to vary' });
  const seen = new Set<string>();
  const grid: Record<string, unknown[]> = {};
  const fields: Record<string, unknown[] | { min: number; max: number; log: boolean; int: boolean }> = {};
  for (const axis of design.axes) {
    if (seen.has(axis.path)) issues.push({ path: axis.path, message: 'this field is varied twice; remove one' });
    seen.add(axis.path);
    if (axis.mode === 'values') {
      const values = parseValues(axis.values);
      if (!values.ok) issues.push({ path: axis.path, message: values.message });
      else if (design.strategy === 'grid') grid[axis.path] = values.values;
      else fields[axis.path] = values.values;
    } else if (design.strategy === 'grid') {
      const values = rangeValues(axis);
      if (!values.ok) issues.push({ path: axis.path, message: values.message });
      else grid[axis.path] = values.values;
    } else {
      const checked = rangeValues({ ...axis, count: 1 });
      if (!checked.ok) issues.push({ path: axis.path, message: checked.message });
      else fields[axis.path] = { min: axis.min, max: axis.max, log: axis.scale === 'log', int: axis.int };
    }
  }
  const count = designTrialCount(design);
  if (count !== null && count > MAX_SWEEP_TRIALS)
    issues.push({ path: 'sweep', message: `${count} trials is more than the ${MAX_SWEEP_TRIALS} a sweep may have` });
  if (issues.length > 0) return { ok: false, issues };
  const name = design.name.trim() === '' ? {} : { name: design.name };
  const strategy = design.strategy === 'grid' ? { grid } : { random: { trials: design.trials, seed: design.seed, fields } };
  return { ok: true, sweep: { ...name, base: design.base, ...strategy, concurrency: design.concurrency } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A new axis for a field: its current value as the one value to start from, or an empty range for a number. */
export function newAxis(path: string, kind: 'int' | 'number' | 'other', current: unknown): SweepAxis {
  const numeric = kind !== 'other';
  const start = typeof current === 'number' ? current : 1;
  return {
    path,
    mode: 'values',
    values: current === undefined ? '' : formatValues([current]),
    min: numeric ? start : 0,
    max: numeric ? start * 10 : 1,
    count: 3,
    scale: 'linear',
    int: kind === 'int',
  };
}

/**
 * The builder's design for a sweep (the JSON's), or why it cannot show it. It must give back the same sweep, so
 * nothing is dropped or changed by showing it.
 */
export function designFromSweep(raw: unknown): { ok: true; design: SweepDesign } | { ok: false; message: string } {
  const parsed = sweepSpecSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(sweep)'}: ${i.message}`).join('; ') };
  const sweep = parsed.data;
  if (sweep.list) return { ok: false, message: 'a list of trials is edited as JSON (the builder makes grids and random searches)' };
  const axes: SweepAxis[] = [];
  if (sweep.grid) {
    for (const [path, values] of Object.entries(sweep.grid)) axes.push({ ...newAxis(path, 'other', undefined), values: formatValues(values) });
  } else if (sweep.random) {
    for (const [path, spec] of Object.entries(sweep.random.fields)) {
      if (Array.isArray(spec)) axes.push({ ...newAxis(path, 'other', undefined), values: formatValues(spec) });
      else
        axes.push({
          ...newAxis(path, spec.int ? 'int' : 'number', undefined),
          mode: 'range',
          min: spec.min,
          max: spec.max,
          scale: spec.log ? 'log' : 'linear',
          int: spec.int,
        });
    }
  }
  const design: SweepDesign = {
    name: sweep.name ?? '',
    base: isRecord(sweep.base) ? sweep.base : {},
    strategy: sweep.grid ? 'grid' : 'random',
    axes,
    trials: sweep.random?.trials ?? 8,
    seed: sweep.random?.seed ?? 1,
    concurrency: sweep.concurrency,
  };
  const back = sweepFromDesign(design);
  const again = back.ok ? sweepSpecSchema.safeParse(back.sweep) : null;
  if (!again?.success || JSON.stringify(again.data) !== JSON.stringify(sweep))
    return { ok: false, message: 'the builder cannot show this sweep exactly; keep editing it as JSON' };
  return { ok: true, design };
}
