// A study's results from its runs: each run's measurements and whether it beat the task's baseline, every metric
// aggregated over seeds per setting (and per x for curves) as mean, standard deviation, min and max, every check of
// the criterion with the numbers behind it, and the verdict. A study whose runs have not all finished is
// `inconclusive` whatever its numbers say: no verdict is drawn from part of the data.
import type {
  StudyBaseline as RunBaseline,
  StudyGradientNorms as GradientNorms,
  StudyRunResults as RunResults,
  StudyRunStatus as RunStatus,
} from './run-outcome';
import { LAST, type StudyCheck, type StudyDefinition } from './study-definition';
import { measure, type MetricHistory, type MetricPoint } from './study-metrics';
import { settingKey, settingLabel, type StudyPlan, type StudySetting } from './study-plan';
import { summarize, type Summary } from './study-stats';

/** A trial's run as read from the store; null when the run was deleted. */
export interface StudyRunRecord {
  readonly runId: number;
  readonly status: RunStatus;
  readonly results: RunResults;
  readonly gradients: GradientNorms | null;
  /** The steps the run has trained. */
  readonly steps: number;
  /** By series name, the logged histories the study's `history` metrics read; left out or null when not loaded. */
  readonly histories?: Readonly<Record<string, MetricHistory>> | null;
}

export interface StudyRunRow {
  readonly trialIndex: number;
  readonly runId: number | null;
  readonly status: RunStatus | 'deleted';
  readonly setting: StudySetting;
  readonly seed: number;
  /** By metric id. */
  readonly values: Readonly<Record<string, readonly MetricPoint[]>>;
  readonly baseline: RunBaseline | null;
  /** Whether the run's last value of the baseline's metric beat the baseline; null when it has none. */
  readonly beatBaseline: boolean | null;
}

export interface AggregatePoint extends Summary {
  readonly x: number | null;
}

export interface SettingAggregate {
  readonly setting: StudySetting;
  /** The task's baseline for this setting (every run of it stores the same one), and the metric it scores. */
  readonly baseline: { readonly metric: string; readonly value: number } | null;
  /** By metric id: one point (x null) for a final value, one per x for a curve. */
  readonly metrics: Readonly<Record<string, readonly AggregatePoint[]>>;
  /** Runs of the setting that beat the baseline, of those that have a value to compare. */
  readonly beatBaseline: { readonly beaten: number; readonly compared: number };
}

export type CheckOutcome = 'holds' | 'fails' | 'mixed' | 'missing';

export interface CheckResult {
  readonly claim: string;
  readonly setting: StudySetting;
  readonly metric: string;
  readonly test: StudyCheck['test'];
  /** The number each seed's value is compared with (null: the baseline it is a fraction of is missing). */
  readonly threshold: number | null;
  readonly perSeed: readonly { readonly seed: number; readonly runId: number | null; readonly value: number | null }[];
  readonly summary: Summary;
  readonly outcome: CheckOutcome;
  /** The check in one sentence with its numbers. */
  readonly text: string;
}

export type Verdict = 'reproduced' | 'not reproduced' | 'inconclusive';

export interface StudyAnalysis {
  readonly runs: readonly StudyRunRow[];
  readonly settings: readonly SettingAggregate[];
  readonly checks: readonly CheckResult[];
  readonly verdict: Verdict;
  readonly reason: string;
  readonly progress: { readonly finished: number; readonly total: number };
}

/** Statuses whose numbers are final (a diverged run is a result: the setting blew up). */
const FINISHED: readonly RunStatus[] = ['completed', 'diverged'];

/** @param records one per trial of the plan, in its order */
export function analyseStudy(study: StudyDefinition, plan: StudyPlan, records: readonly (StudyRunRecord | null)[]): StudyAnalysis {
  if (records.length !== plan.trials.length) throw new Error(`analyseStudy: ${records.length} runs for ${plan.trials.length} trials`);
  const runs = plan.trials.map((trial, trialIndex): StudyRunRow => {
    const record = records[trialIndex] ?? null;
    const values = Object.fromEntries(Object.entries(study.metrics).map(([id, metric]) => [id, record ? measure(metric, record) : []]));
    const baseline = record?.results.baseline ?? null;
    return {
      trialIndex,
      runId: record?.runId ?? null,
      status: record?.status ?? 'deleted',
      setting: trial.setting,
      seed: trial.seed,
      values,
      baseline,
      beatBaseline: baseline?.beaten ?? null,
    };
  });
  const settings = plan.settings.map((setting) => aggregateSetting(study, plan, setting, runs));
  const checks = study.criterion.checks.map((check) => evaluateCheck(study, plan, check, runs, settings));
  const unfinished = runs.filter((run) => run.status === 'deleted' || !FINISHED.includes(run.status));
  const progress = { finished: runs.length - unfinished.length, total: runs.length };
  return { runs, settings, checks, progress, ...decide(plan, checks, unfinished) };
}

function decide(plan: StudyPlan, checks: readonly CheckResult[], unfinished: readonly StudyRunRow[]): { verdict: Verdict; reason: string } {
  if (unfinished.length > 0) {
    const named = unfinished
      .slice(0, 5)
      .map((run) => `${run.runId === null ? 'a deleted run' : `run ${run.runId}`} (${settingLabel(plan.axes, run.setting)} seed=${run.seed}) ${run.status}`);
    const more = unfinished.length > named.length ? ` and ${unfinished.length - named.length} more` : '';
    return {
      verdict: 'inconclusive',
      reason: `${unfinished.length} of ${plan.trials.length} runs have not finished (completed or diverged): ${named.join('; ')}${more}. A verdict needs every run.`,
    };
  }
  const failed = checks.filter((c) => c.outcome === 'fails');
  if (failed.length > 0)
    return { verdict: 'not reproduced', reason: `${failed.length} of ${checks.length} checks fail on every seed: ${failed.map((c) => c.text).join(' ')}` };
  const open = checks.filter((c) => c.outcome !== 'holds');
  if (open.length > 0)
    return { verdict: 'inconclusive', reason: `${open.length} of ${checks.length} checks are not decided: ${open.map((c) => c.text).join(' ')}` };
  return { verdict: 'reproduced', reason: `All ${checks.length} checks hold on every seed.` };
}

function aggregateSetting(study: StudyDefinition, plan: StudyPlan, setting: StudySetting, runs: readonly StudyRunRow[]): SettingAggregate {
  const key = settingKey(plan.axes, setting);
  const own = runs.filter((run) => settingKey(plan.axes, run.setting) === key);
  const withBaseline = own.find((run) => run.baseline !== null)?.baseline ?? null;
  const metrics = Object.fromEntries(
    Object.keys(study.metrics).map((id) => {
      const byX = new Map<number | null, number[]>();
      for (const run of own) for (const point of run.values[id] ?? []) if (point.y !== null) byX.set(point.x, [...(byX.get(point.x) ?? []), point.y]);
      const xs = [...byX.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
      return [id, xs.map((x) => ({ x, ...summarize(byX.get(x) ?? []) }))];
    }),
  );
  const compared = own.filter((run) => run.beatBaseline !== null);
  return {
    setting,
    baseline: withBaseline && { metric: withBaseline.metric, value: withBaseline.value },
    metrics,
    beatBaseline: { beaten: compared.filter((run) => run.beatBaseline === true).length, compared: compared.length },
  };
}

/** The setting a check is about in this plan ($last resolved to the budget's last value of the axis). */
export function checkSetting(plan: StudyPlan, check: StudyCheck): StudySetting {
  return Object.fromEntries(
    plan.axes.map((axis) => {
      const wanted = check.where[axis.name];
      const label = wanted === undefined || wanted === LAST ? axis.values[axis.values.length - 1]?.label : wanted;
      return [axis.name, label ?? ''];
    }),
  );
}

function isNumber(value: number | null): value is number {
  return value !== null;
}

/** One run's value for a check: its final value, or the mean / last of its curve's points in the check's x range. */
function checkValue(check: StudyCheck, points: readonly MetricPoint[]): number | null {
  const inRange = points.filter(
    (p) => p.x === null || ((check.x?.min === undefined || p.x >= check.x.min) && (check.x?.max === undefined || p.x <= check.x.max)),
  );
  const ys = inRange.map((p) => p.y);
  if (ys.length === 0 || !ys.every(isNumber)) return null;
  return check.at === 'last' ? ys[ys.length - 1]! : ys.reduce((a, b) => a + b, 0) / ys.length;
}

function evaluateCheck(
  study: StudyDefinition,
  plan: StudyPlan,
  check: StudyCheck,
  runs: readonly StudyRunRow[],
  settings: readonly SettingAggregate[],
): CheckResult {
  const setting = checkSetting(plan, check);
  const key = settingKey(plan.axes, setting);
  const own = runs.filter((run) => settingKey(plan.axes, run.setting) === key);
  const baseline = settings.find((s) => settingKey(plan.axes, s.setting) === key)?.baseline ?? null;
  const reference = 'where' in check.threshold ? referenceMean(plan, check, check.threshold.where, runs) : null;
  const threshold =
    'value' in check.threshold
      ? check.threshold.value
      : 'times' in check.threshold
        ? reference === null
          ? null
          : check.threshold.times * reference.mean
        : baseline === null
          ? null
          : check.threshold.baselineFraction * baseline.value;
  const perSeed = own.map((run) => ({ seed: run.seed, runId: run.runId, value: checkValue(check, run.values[check.metric] ?? []) }));
  const values = perSeed.flatMap((s) => (s.value === null ? [] : [s.value]));
  const summary = summarize(values);
  const passes = (v: number) => threshold !== null && (check.test === 'below' ? v < threshold : v > threshold);
  const outcome: CheckOutcome =
    own.length === 0 || threshold === null || values.length < perSeed.length
      ? 'missing'
      : values.every(passes)
        ? 'holds'
        : values.some(passes)
          ? 'mixed'
          : 'fails';
  const label = study.metrics[check.metric]?.label ?? check.metric;
  const thresholdText =
    'times' in check.threshold
      ? `${check.threshold.times} × the mean at ${reference === null ? 'a setting with values missing' : `${settingLabel(plan.axes, reference.setting)} (${fmt(reference.mean)})`}${threshold === null ? '' : ` = ${fmt(threshold)}`}`
      : threshold === null
        ? 'a threshold that needs the task baseline (not stored)'
        : 'value' in check.threshold
          ? fmt(threshold)
          : `${check.threshold.baselineFraction} × baseline ${fmt(baseline?.value ?? NaN)} = ${fmt(threshold)}`;
  const seeds = perSeed.map((s) => `seed ${s.seed}: ${s.value === null ? 'no value' : fmt(s.value)}`).join(', ');
  const verdictWord = { holds: 'holds', fails: 'fails on every seed', mixed: 'holds on some seeds only', missing: 'cannot be judged (values missing)' }[
    outcome
  ];
  const text = `${check.claim} — ${settingLabel(plan.axes, setting)}: ${label} ${summary.mean === null ? 'no value' : `mean ${fmt(summary.mean)}`} (${seeds}) ${check.test} ${thresholdText}: ${verdictWord}.`;
  return { claim: check.claim, setting, metric: check.metric, test: check.test, threshold, perSeed, summary, outcome, text };
}

/** The mean over seeds of a check's value at another setting; null when any of its runs has none. */
function referenceMean(
  plan: StudyPlan,
  check: StudyCheck,
  where: Readonly<Record<string, string>>,
  runs: readonly StudyRunRow[],
): { setting: StudySetting; mean: number } | null {
  const setting = checkSetting(plan, { ...check, where });
  const key = settingKey(plan.axes, setting);
  const values = runs.filter((run) => settingKey(plan.axes, run.setting) === key).map((run) => checkValue(check, run.values[check.metric] ?? []));
  if (!values.every(isNumber)) return null;
  const { mean } = summarize(values);
  return mean === null ? null : { setting, mean };
}

/** 4 significant digits; very small or large numbers in exponent form (a gradient ratio of 1e-21). */
export function fmt(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return value === null ? '—' : String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}
