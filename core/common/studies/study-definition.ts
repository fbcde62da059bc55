// A study: one claim from the literature about training recurrent networks, as data — the question, the citation,
// the grid of runs, the seeds and budgets, what to measure, the figures and the criterion that turns the results
// into a verdict. Each built-in study is one definition file (core/common/studies/builtin/); running one creates a
// sweep of normal runs (study-plan.ts), and its results are read back from the store (study-analysis.ts).
//
//   {
//     id: 'attention-length', version: 1, title, question, citation,
//     base: { …experiment spec… },
//     axes: [{ name: 'attention', label: 'Attention', values: [
//       { label: 'with', set: { 'model.attention': { size: 16 } } },
//       { label: 'without', set: { 'model.attention': null } } ] }],
//     budgets: { quick: { description, seeds: [1, 2], set: { 'training.steps': 300 } }, full: { … } },
//     metrics: { exact: { kind: 'byLength', label: 'exact-match accuracy' } },
//     figures: [{ id, title, metric: 'exact', x: { from: 'metric', label: 'source length' }, series: 'attention', yLog: false }],
//     criterion: { checks: [{ metric: 'exact', where: { attention: 'with' }, x: { min: 15 }, test: 'above', threshold: { value: 0.9 } }] },
//   }
//
// The grid is the cross product of the axes; one axis value sets several linked fields at once (a learning rate per
// cell), so no cell ever runs with another's settings. A budget may keep only some values of an axis (`axes`).
import { z } from 'zod';
import { isFieldPath, unsafeSegment } from '../spec/field-path';
import { METRIC } from '../train/metric-names';

const name = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, 'must start with a letter and hold only letters, digits and -');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Spec fields by path (`training.learningRate`) and the values a trial gives them. */
const fieldValuesSchema = z.record(z.string(), z.unknown());

export const studyAxisValueSchema = z
  .object({
    /** How tables, figures and the CSV name this value (`LSTM`, `100`). */
    label: text(40),
    /** A number to place it on a figure's x axis (T = 100); left out, the axis is categorical. */
    x: z.number().optional(),
    set: fieldValuesSchema,
  })
  .strict();

export const studyAxisSchema = z
  .object({
    name,
    /** The axis as a person reads it (`cell`, `T (sequence length)`). */
    label: text(60),
    values: z.array(studyAxisValueSchema).min(1, 'needs at least one value'),
  })
  .strict();

export const studyBudgetSchema = z
  .object({
    /** What this budget runs and roughly how long it takes, for the list and the report. */
    description: text(300),
    seeds: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1),
      )
      .min(1, 'needs at least one seed'),
    /** Fields set on every run of this budget (training.steps, sizes), over the base. */
    set: fieldValuesSchema.default({}),
    /** The labels of each axis this budget keeps (by axis name); an axis not named keeps every value. */
    axes: z.record(z.string(), z.array(z.string()).min(1)).default({}),
    /** Runs that train at once (a timing study wants 1); left out, as many as the machine's cores allow. */
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict();

/** Where a gradient profile is read: the sampled training step nearest this fraction of the run (0 = first sample). */
const stageSchema = z.enum(['early', 'middle', 'end']);
export type TrainingStage = z.infer<typeof stageSchema>;

/**
 * Whose gradient a gradient metric reads: the hidden state h_t, or an LSTM's cell state c_t (runs of other cells have
 * none: their curves are absent from such a figure, not zero).
 */
const gradStateSchema = z.enum(['h', 'c']).default('h');

/** The logged series a `history` metric can draw over training: the train loss, the pre-clip gradient norm, the validation loss. */
export const HISTORY_SERIES = [METRIC.trainLoss, METRIC.gradNorm, METRIC.valLoss] as const;
export type HistorySeries = (typeof HISTORY_SERIES)[number];

/** At most this many points of a history per run: means over windows of steps (study-metrics.ts, historyWindows). */
export const HISTORY_POINTS = 400;

/** A quantity read from every run. A `final` value is one number; the others are curves over their own x. */
export const studyMetricSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('final'),
      /** A field of the run's results (runs.results). */
      field: z.enum(['finalValLoss', 'bestValLoss', 'finalValAccuracy', 'finalValSequenceAccuracy', 'bestValSequenceAccuracy']),
      label: text(80),
    })
    .strict(),
  /** Exact-sequence accuracy per source length at the last evaluation (`val/sequence_accuracy@len=N`); x = length. */
  z.object({ kind: z.literal('byLength'), label: text(80) }).strict(),
  /** ‖∂L/∂h_t‖ (state 'c': an LSTM's ‖∂L/∂c_t‖) of the first layer against t (from 1) at a training stage; x = t. */
  z.object({ kind: z.literal('gradientProfile'), stage: stageSchema, state: gradStateSchema, label: text(80) }).strict(),
  /** ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ (state 'c': ‖∂L/∂c₁‖ / ‖∂L/∂c_T‖) of the first layer at every sampled training step; x = step. */
  z.object({ kind: z.literal('gradientRatio'), state: gradStateSchema, label: text(80) }).strict(),
  /** Training time per step in ms: the run's active training time (evaluations included) over the steps it trained. */
  z.object({ kind: z.literal('timePerStep'), label: text(80) }).strict(),
  /**
   * 1 when the run ended as `diverged` (a NaN / Inf, or the spec's training.divergence rules with action 'stop'), else
   * 0: one value per run, so a setting expected to blow up is judged by a check on it (`above`, value 0.5).
   */
  z.object({ kind: z.literal('diverged'), label: text(80) }).strict(),
  /** A series the run logs, against the training step (x): at most HISTORY_POINTS points, each the mean over a window of steps. */
  z.object({ kind: z.literal('history'), series: z.enum(HISTORY_SERIES), label: text(80) }).strict(),
]);
export type StudyMetric = z.infer<typeof studyMetricSchema>;

/** One number per run (drawn against a grid axis), rather than a curve over its own x. */
export function isScalarMetric(metric: StudyMetric): boolean {
  return metric.kind === 'final' || metric.kind === 'timePerStep' || metric.kind === 'diverged';
}

export const studyFigureSchema = z
  .object({
    id: name,
    title: text(160),
    metric: name,
    /** The x axis: an axis of the grid (its values' `x`), or the metric's own x (length, t, step). */
    x: z.union([z.object({ from: z.literal('axis'), axis: name }).strict(), z.object({ from: z.literal('metric'), label: text(60) }).strict()]),
    /** One line per value of this axis; left out, one line through every setting. */
    series: name.optional(),
    /** One panel per value of this axis (e.g. one per T); left out, one panel. */
    panel: name.optional(),
    yLog: z.boolean().default(false),
    xLog: z.boolean().default(false),
    /** Why the figure draws no baseline, when its quantity is not the one the task's baseline scores. */
    noBaseline: text(200).optional(),
  })
  .strict();

export const studyCheckSchema = z
  .object({
    metric: name,
    /** The setting it is about: an axis value's label by axis name; `$last` is the budget's last value of that axis. */
    where: z.record(z.string(), z.string()),
    /** For a curve: the mean over the points whose x lies in [min, max]. */
    x: z.object({ min: z.number().optional(), max: z.number().optional() }).strict().optional(),
    /** For a curve: the mean of those points, or the last of them (the end of training, for a curve over steps). */
    at: z.enum(['mean', 'last']).default('mean'),
    test: z.enum(['below', 'above']),
    /**
     * A number, a fraction of the task's baseline (the value it stored at step 0), or a multiple of the same metric's
     * mean over the seeds of another setting (`where` as the check's own; e.g. the time per step at T = 25).
     */
    threshold: z.union([
      z.object({ value: z.number() }).strict(),
      z.object({ baselineFraction: z.number().positive() }).strict(),
      z.object({ times: z.number().positive(), where: z.record(z.string(), z.string()) }).strict(),
    ]),
    /** The claim in words (`IRNN well below the baseline at the longest T`). */
    claim: text(200),
  })
  .strict();

export const studyDefinitionSchema = z
  .object({
    id: name,
    version: z.number().int().positive(),
    title: text(160),
    question: text(600),
    citation: text(600),
    base: z.record(z.string(), z.unknown()),
    axes: z.array(studyAxisSchema).min(1, 'needs at least one axis'),
    budgets: z.record(name, studyBudgetSchema).refine((b) => 'quick' in b && 'full' in b, 'needs a "quick" and a "full" budget'),
    metrics: z.record(name, studyMetricSchema),
    figures: z.array(studyFigureSchema).min(1, 'needs at least one figure'),
    criterion: z
      .object({
        /** Every check holds on every seed: reproduced; one fails on every seed: not reproduced; otherwise inconclusive. */
        checks: z.array(studyCheckSchema).min(1, 'needs at least one check'),
        /** What the verdict means, for the report. */
        explanation: text(1000),
      })
      .strict(),
  })
  .strict()
  .superRefine((study, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
    const axes = new Map(study.axes.map((axis) => [axis.name, axis]));
    if (axes.size !== study.axes.length) issue(['axes'], 'axis names must differ');
    study.axes.forEach((axis, a) => {
      if (new Set(axis.values.map((v) => v.label)).size !== axis.values.length) issue(['axes', a, 'values'], `the labels of axis "${axis.name}" must differ`);
      axis.values.forEach((value, v) => checkFields(value.set, ['axes', a, 'values', v, 'set'], issue));
    });
    for (const [budgetName, budget] of Object.entries(study.budgets)) {
      checkFields(budget.set, ['budgets', budgetName, 'set'], issue);
      for (const [axisName, labels] of Object.entries(budget.axes)) {
        const axis = axes.get(axisName);
        if (!axis) issue(['budgets', budgetName, 'axes', axisName], `no axis is called "${axisName}"`);
        else
          for (const label of labels)
            if (!axis.values.some((v) => v.label === label)) issue(['budgets', budgetName, 'axes', axisName], `axis "${axisName}" has no value "${label}"`);
      }
    }
    study.figures.forEach((figure, f) => {
      if (!(figure.metric in study.metrics)) issue(['figures', f, 'metric'], `no metric is called "${figure.metric}"`);
      const named = [
        ...(figure.series === undefined ? [] : [figure.series]),
        ...(figure.panel === undefined ? [] : [figure.panel]),
        ...(figure.x.from === 'axis' ? [figure.x.axis] : []),
      ];
      for (const axisName of named) if (!axes.has(axisName)) issue(['figures', f], `no axis is called "${axisName}"`);
      if (figure.x.from === 'axis' && axes.get(figure.x.axis)?.values.some((v) => v.x === undefined))
        issue(['figures', f, 'x'], `every value of axis "${figure.x.axis}" needs an x to be drawn on an x axis`);
      const metric = study.metrics[figure.metric];
      if (figure.x.from === 'axis' && metric !== undefined && !isScalarMetric(metric))
        issue(['figures', f, 'x'], 'a curve metric is drawn against its own x (x.from "metric")');
      if (figure.x.from === 'metric' && metric !== undefined && isScalarMetric(metric))
        issue(['figures', f, 'x'], 'a single value per run has no x of its own; draw it against an axis');
    });
    study.criterion.checks.forEach((check, c) => {
      if (!(check.metric in study.metrics)) issue(['criterion', 'checks', c, 'metric'], `no metric is called "${check.metric}"`);
      for (const [axisName, label] of Object.entries(check.where)) {
        const axis = axes.get(axisName);
        if (!axis) issue(['criterion', 'checks', c, 'where', axisName], `no axis is called "${axisName}"`);
        else if (label !== LAST && !axis.values.some((v) => v.label === label))
          issue(['criterion', 'checks', c, 'where', axisName], `axis "${axisName}" has no value "${label}"`);
      }
      if ('where' in check.threshold) {
        for (const [axisName, label] of Object.entries(check.threshold.where)) {
          const axis = axes.get(axisName);
          if (!axis) issue(['criterion', 'checks', c, 'threshold', 'where', axisName], `no axis is called "${axisName}"`);
          else if (label !== LAST && !axis.values.some((v) => v.label === label))
            issue(['criterion', 'checks', c, 'threshold', 'where', axisName], `axis "${axisName}" has no value "${label}"`);
        }
      }
      const missing = study.axes.filter((axis) => !(axis.name in check.where) && axis.values.length > 1).map((axis) => axis.name);
      if (missing.length > 0) issue(['criterion', 'checks', c, 'where'], `name a value of every axis with more than one (missing: ${missing.join(', ')})`);
    });
  });

/** In a check's `where`: the last value of the axis the budget keeps (the longest T of a quick run). */
export const LAST = '$last';

export type StudyDefinition = z.output<typeof studyDefinitionSchema>;
export type StudyDefinitionInput = z.input<typeof studyDefinitionSchema>;
export type StudyAxis = StudyDefinition['axes'][number];
export type StudyBudget = StudyDefinition['budgets'][string];
export type StudyFigure = StudyDefinition['figures'][number];
export type StudyCheck = StudyDefinition['criterion']['checks'][number];

function checkFields(set: Record<string, unknown>, path: (string | number)[], issue: (path: (string | number)[], message: string) => void): void {
  for (const field of Object.keys(set)) {
    const unsafe = unsafeSegment(field);
    if (unsafe !== undefined) issue([...path, field], `"${unsafe}" is not a spec field`);
    else if (!isFieldPath(field)) issue([...path, field], `"${field}" is not a field path; write it like model.hiddenSize`);
  }
}

export type StudyParse =
  { readonly ok: true; readonly study: StudyDefinition } | { readonly ok: false; readonly issues: readonly { path: string; message: string }[] };

/** Validates a definition, every problem named by its path. */
export function parseStudyDefinition(raw: unknown): StudyParse {
  const parsed = studyDefinitionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, study: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(study)', message: i.message })) };
}
