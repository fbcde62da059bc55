// How strongly each varied field of a sweep goes with its trials' final metric, and the best trial.
//
// Only trials that completed count (a running trial's last value is not final; a failed, stopped or diverged one has
// no final value to rank): each field's result says how many trials it used. Per field:
//   numeric (every used value a finite number): Pearson's r and Spearman's ρ of value against metric.
//   categorical (cell names, optimiser objects, booleans…): no order, so no correlation; a one-way comparison
//     instead: the mean metric per value, the spread of those means (largest − smallest) and η² = SS_between / SS_total,
//     the share of the metric's variance the grouping explains (0–1).
// A field is refused, with the reason, when fewer than 3 trials are usable, when it took a single value among
// them, or when the metric did not vary; a categorical field also when no value occurs twice (every trial its own
// group: η² would be 1 by construction).
import { formatTrialValue } from '../trial-label';
import type { MetricDirection } from '../../train/metric-names';
import { pearson, spearman } from './correlation';

export interface ImportanceTrial {
  readonly runId: number;
  /** Whether the trial ran to its end (only those have a final value to rank). */
  readonly completed: boolean;
  /** The values the trial gave the swept fields, by field path. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Its final value of the metric; null when not logged or not finite. */
  readonly value: number | null;
}

export const MIN_IMPORTANCE_TRIALS = 3;

export interface CategoryMean {
  readonly label: string;
  readonly n: number;
  readonly mean: number;
}

export type FieldImportance =
  | { readonly field: string; readonly kind: 'numeric'; readonly n: number; readonly pearson: number; readonly spearman: number }
  | {
      readonly field: string;
      readonly kind: 'categorical';
      readonly n: number;
      readonly means: readonly CategoryMean[];
      /** Largest − smallest category mean. */
      readonly spread: number;
      readonly etaSquared: number;
    }
  | { readonly field: string; readonly kind: 'refused'; readonly n: number; readonly reason: string };

export interface SweepImportance {
  /** Trials with a final value (completed, value logged and finite). */
  readonly used: readonly number[];
  /** Trial run ids left out, each with why. */
  readonly excluded: readonly { readonly runId: number; readonly reason: string }[];
  readonly fields: readonly FieldImportance[];
  /** The best used trial by the metric's direction (the earliest on a tie); null with `bestRefused` saying why. */
  readonly best: { readonly runId: number; readonly value: number } | null;
  readonly bestRefused: string | null;
}

export function sweepImportance(trials: readonly ImportanceTrial[], fields: readonly string[], direction: MetricDirection): SweepImportance {
  const excluded: { runId: number; reason: string }[] = [];
  const used: (ImportanceTrial & { value: number })[] = [];
  for (const trial of trials) {
    if (!trial.completed) excluded.push({ runId: trial.runId, reason: 'not completed' });
    else if (trial.value === null || !Number.isFinite(trial.value)) excluded.push({ runId: trial.runId, reason: 'no finite final value' });
    else used.push({ ...trial, value: trial.value });
  }
  return { used: used.map((t) => t.runId), excluded, fields: fields.map((field) => fieldImportance(field, used)), ...bestTrial(used, direction) };
}

function bestTrial(used: readonly { runId: number; value: number }[], direction: MetricDirection): Pick<SweepImportance, 'best' | 'bestRefused'> {
  if (direction === null) return { best: null, bestRefused: 'the metric has no direction (neither lower nor higher is better)' };
  if (used.length === 0) return { best: null, bestRefused: 'no completed trial has a final value yet' };
  const best = used.reduce((b, t) => ((direction === 'lower' ? t.value < b.value : t.value > b.value) ? t : b));
  return { best: { runId: best.runId, value: best.value }, bestRefused: null };
}

function fieldImportance(field: string, used: readonly { params: Readonly<Record<string, unknown>>; value: number }[]): FieldImportance {
  const n = used.length;
  const refuse = (reason: string): FieldImportance => ({ field, kind: 'refused', n, reason });
  if (n < MIN_IMPORTANCE_TRIALS) return refuse(`${n} completed trial(s) with a final value; at least ${MIN_IMPORTANCE_TRIALS} are needed`);
  const metric = used.map((t) => t.value);
  if (metric.every((v) => v === metric[0])) return refuse('the final metric is the same in every trial');
  const raw = used.map((t) => t.params[field]);
  if (raw.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) {
    const r = pearson(raw, metric);
    const rho = spearman(raw, metric);
    if (r === null || rho === null) return refuse('the field took a single value in the completed trials');
    return { field, kind: 'numeric', n, pearson: r, spearman: rho };
  }
  return categoricalImportance(field, raw, metric, refuse);
}

function categoricalImportance(
  field: string,
  raw: readonly unknown[],
  metric: readonly number[],
  refuse: (reason: string) => FieldImportance,
): FieldImportance {
  const groups = new Map<string, number[]>();
  raw.forEach((value, i) => {
    const label = formatTrialValue(value);
    groups.set(label, [...(groups.get(label) ?? []), metric[i]!]);
  });
  if (groups.size < 2) return refuse('the field took a single value in the completed trials');
  if (groups.size === raw.length) return refuse('categorical, and no value occurs in two trials: a one-way comparison needs repeated values');
  const grand = metric.reduce((s, v) => s + v, 0) / metric.length;
  const means = [...groups.entries()].map(([label, values]) => ({ label, n: values.length, mean: values.reduce((s, v) => s + v, 0) / values.length }));
  const between = means.reduce((s, g) => s + g.n * (g.mean - grand) ** 2, 0);
  const total = metric.reduce((s, v) => s + (v - grand) ** 2, 0);
  const spread = Math.max(...means.map((g) => g.mean)) - Math.min(...means.map((g) => g.mean));
  return { field, kind: 'categorical', n: metric.length, means, spread, etaSquared: between / total };
}
