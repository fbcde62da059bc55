// A study and a budget as the runs it needs: every setting (one value per axis, the cross product of the values the
// budget keeps) times every seed of the budget, written as one sweep spec with a `list` of trials, so the runs are
// normal sweep trials (checked like any spec before one starts, visible, comparable, resumable).
import { MAX_SWEEP_CONCURRENCY, type SweepSpecInput } from '../spec/sweep-spec';
import { writeFieldPath } from '../spec/field-path';
import type { StudyAxis, StudyDefinition } from './study-definition';

/** One setting of the grid: the label of its value on each axis, by axis name. */
export type StudySetting = Readonly<Record<string, string>>;

export interface StudyTrial {
  readonly setting: StudySetting;
  readonly seed: number;
  /** The fields this trial sets over the budget's base (its axis values' fields and the seed). */
  readonly assignment: Readonly<Record<string, unknown>>;
}

export interface StudyPlan {
  readonly budget: string;
  /** Each axis with only the values the budget keeps, in the definition's order. */
  readonly axes: readonly StudyAxis[];
  readonly settings: readonly StudySetting[];
  readonly trials: readonly StudyTrial[];
  readonly sweep: SweepSpecInput;
}

export class StudyPlanError extends Error {}

/** @throws StudyPlanError for a budget the study does not have, or a budget field that cannot be written into the base */
export function planStudy(study: StudyDefinition, budgetName: string): StudyPlan {
  const budget = study.budgets[budgetName];
  if (!budget) throw new StudyPlanError(`Study "${study.id}" has no budget "${budgetName}"; it has: ${Object.keys(study.budgets).join(', ')}.`);
  const axes = study.axes.map((axis) => {
    const kept = budget.axes[axis.name];
    return kept === undefined ? axis : { ...axis, values: axis.values.filter((v) => kept.includes(v.label)) };
  });
  let settings: { setting: Record<string, string>; set: Record<string, unknown> }[] = [{ setting: {}, set: {} }];
  for (const axis of axes) {
    settings = settings.flatMap(({ setting, set }) =>
      axis.values.map((value) => ({ setting: { ...setting, [axis.name]: value.label }, set: { ...set, ...value.set } })),
    );
  }
  const trials = settings.flatMap(({ setting, set }) => budget.seeds.map((seed) => ({ setting, seed, assignment: { ...set, seed } })));

  let base: unknown = study.base;
  for (const [field, value] of Object.entries(budget.set)) {
    const written = writeFieldPath(base, field, value);
    if (!written.ok) throw new StudyPlanError(`Study "${study.id}", budget "${budgetName}": ${field}: ${written.message}`);
    base = written.value;
  }
  const sweep: SweepSpecInput = {
    name: `Study ${study.id} v${study.version} (${budgetName})`,
    base: base as Record<string, unknown>,
    list: trials.map((trial) => ({ ...trial.assignment })),
    // Unless the budget says, the runner's own pool (one slot per core) decides how many train at once.
    concurrency: budget.concurrency ?? Math.min(MAX_SWEEP_CONCURRENCY, Math.max(1, trials.length)),
  };
  return { budget: budgetName, axes, settings: settings.map((s) => s.setting), trials, sweep };
}

/** `cell=LSTM T=100`: a setting for tables and messages, in the axes' order. */
export function settingLabel(axes: readonly Pick<StudyAxis, 'name'>[], setting: StudySetting): string {
  return axes.map((axis) => `${axis.name}=${setting[axis.name] ?? '—'}`).join(' ');
}

/** The key that identifies a setting (its labels joined in the axes' order). */
export function settingKey(axes: readonly Pick<StudyAxis, 'name'>[], setting: StudySetting): string {
  return JSON.stringify(axes.map((axis) => setting[axis.name] ?? null));
}
