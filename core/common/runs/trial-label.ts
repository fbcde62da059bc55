// A sweep trial's readable name: the values it gave the swept fields, e.g. `cell=lstm hiddenSize=64`, used wherever
// runs are listed side by side (seqlab compare and sweep, the app's sweep trials and Compare tables).
import type { RunResults, RunSummary } from '../api/entities';

/** A sweep trial by its sweep and the values it varied (`sweep 3: cell=lstm hiddenSize=64`), any other run by its name; never cut. */
export function runLabel(run: Pick<RunSummary, 'name'>, results: Pick<RunResults, 'trial'> | null): string {
  return results?.trial ? `sweep ${results.trial.sweepId}: ${results.trial.label}` : run.name;
}

/**
 * `cell=lstm hiddenSize=64 lr=0.003`: each field by its last path segment (the whole path when two fields share it,
 * as model.hiddenSize and model.decoder.hiddenSize), in the sweep's field order. An object value is spelt out field
 * by field (`optimizer.kind=adam optimizer.beta2=0.99`), a list joined by commas, a missing value as —.
 */
export function trialLabel(fields: readonly string[], params: Readonly<Record<string, unknown>>): string {
  const last = (field: string) => field.slice(field.lastIndexOf('.') + 1);
  const ambiguous = new Set(fields.filter((f, i) => fields.findIndex((g) => last(g) === last(f)) !== i).map(last));
  return fields.flatMap((field) => assignments(ambiguous.has(last(field)) ? field : last(field), params[field])).join(' ');
}

/** `key=value` pairs of one value, objects flattened into dotted keys. */
function assignments(key: string, value: unknown): string[] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? [`${key}={}`] : entries.flatMap(([k, v]) => assignments(`${key}.${k}`, v));
  }
  return [`${key}=${formatTrialValue(value)}`];
}

/** A swept value as a trial label shows it: 4 significant digits for fractions, a list joined by commas. */
export function formatTrialValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (Array.isArray(value)) return value.map(formatTrialValue).join(',');
  if (typeof value === 'object') return trialLabel(Object.keys(value), value as Record<string, unknown>);
  return String(value);
}
