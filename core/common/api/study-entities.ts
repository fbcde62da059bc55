// The studies part of the API contract (contract.ts imports these): what studies.list, studies.get and studies.report
// return. The shapes are those of core/common/studies (study-analysis.ts, study-figures.ts), checked on the way out;
// they live here, in api/, so that studies/ (below the API) never imports the API.
import { z } from 'zod';
import { runBaselineSchema, runStatusSchema } from './entities';

const summarySchema = z.object({
  n: z.number().int().nonnegative(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
const settingSchema = z.record(z.string(), z.string());
const pointSchema = z.object({ x: z.number().nullable(), y: z.number().nullable() });

/** A built-in study as the list offers it: what it asks, what it reproduces, and what each budget runs. */
export const studyInfoSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  question: z.string(),
  citation: z.string(),
  budgets: z.array(z.object({ name: z.string(), description: z.string(), runs: z.number().int().nonnegative() })),
});
export type StudyInfo = z.infer<typeof studyInfoSchema>;

export const verdictSchema = z.enum(['reproduced', 'not reproduced', 'inconclusive']);

/** A study that was run (stored): its progress and, once every run has finished, its verdict. */
export const studySummarySchema = z.object({
  id: z.number().int().positive(),
  studyKey: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  budget: z.string(),
  experimentId: z.number().int().positive(),
  sweepId: z.number().int().positive().nullable(),
  createdAt: z.number(),
  progress: z.object({ finished: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  verdict: verdictSchema,
  reason: z.string(),
});
export type StudySummary = z.infer<typeof studySummarySchema>;

const figurePanelSchema = z.object({
  label: z.string().nullable(),
  series: z.array(
    z.object({
      label: z.string(),
      points: z.array(z.object({ x: z.number(), mean: z.number(), min: z.number(), max: z.number(), sd: z.number().nullable(), n: z.number().int() })),
    }),
  ),
  baselines: z.array(z.object({ value: z.number(), metric: z.string() })),
});

export const studyFigureDataSchema = z.object({
  id: z.string(),
  title: z.string(),
  xLabel: z.string(),
  yLabel: z.string(),
  xLog: z.boolean(),
  yLog: z.boolean(),
  panels: z.array(figurePanelSchema),
  baselineNote: z.string().nullable(),
});

export const studyDetailSchema = studySummarySchema.extend({
  question: z.string(),
  citation: z.string(),
  explanation: z.string(),
  axes: z.array(z.object({ name: z.string(), label: z.string(), values: z.array(z.string()) })),
  /** Each metric's kind and label, and the stored series its values are of (null: one no task baseline scores). */
  metrics: z.record(z.string(), z.object({ kind: z.string(), label: z.string(), series: z.string().nullable() })),
  runs: z.array(
    z.object({
      trialIndex: z.number().int().nonnegative(),
      runId: z.number().int().positive().nullable(),
      status: z.union([runStatusSchema, z.literal('deleted')]),
      setting: settingSchema,
      seed: z.number().int(),
      values: z.record(z.string(), z.array(pointSchema)),
      baseline: runBaselineSchema.nullable(),
      beatBaseline: z.boolean().nullable(),
    }),
  ),
  settings: z.array(
    z.object({
      setting: settingSchema,
      baseline: z.object({ metric: z.string(), value: z.number() }).nullable(),
      metrics: z.record(z.string(), z.array(summarySchema.extend({ x: z.number().nullable() }))),
      beatBaseline: z.object({ beaten: z.number().int(), compared: z.number().int() }),
    }),
  ),
  checks: z.array(
    z.object({
      claim: z.string(),
      setting: settingSchema,
      metric: z.string(),
      test: z.enum(['below', 'above']),
      threshold: z.number().nullable(),
      perSeed: z.array(z.object({ seed: z.number().int(), runId: z.number().int().nullable(), value: z.number().nullable() })),
      summary: summarySchema,
      outcome: z.enum(['holds', 'fails', 'mixed', 'missing']),
      text: z.string(),
    }),
  ),
  figures: z.array(studyFigureDataSchema),
});
export type StudyDetail = z.infer<typeof studyDetailSchema>;

export const studyReportSchema = z.object({
  /** A suggested file name (`study-3-vanishing-gradients-quick.html`; the CSV's ends in .csv). */
  fileName: z.string(),
  html: z.string(),
  csv: z.string(),
});
export type StudyReport = z.infer<typeof studyReportSchema>;
