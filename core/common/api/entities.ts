// Schemas of the records that cross the API boundary (JSON only), shared by every transport and the renderer.
import { z } from 'zod';

export const RUN_STATUSES = ['queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'diverged', 'interrupted'] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const experimentNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

export const experimentSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  notes: z.string(),
  tags: z.array(z.string()),
  /** Epoch milliseconds, like every timestamp in the API. */
  createdAt: z.number(),
  runCount: z.number().int().nonnegative(),
});
export type Experiment = z.infer<typeof experimentSchema>;

export const runSummarySchema = z.object({
  id: z.number().int().positive(),
  experimentId: z.number().int().positive(),
  name: z.string(),
  status: runStatusSchema,
  error: z.string().nullable(),
  /** Last step the run reported, and the planned total when the spec fixes one. */
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().positive().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const appInfoSchema = z.object({
  name: z.literal('SeqLab'),
  version: z.string(),
  /** Absolute path of the SQLite run store this backend uses. */
  databasePath: z.string(),
  /** Which host serves the API: the Electron main process or `npm run serve`. */
  host: z.enum(['electron', 'serve', 'cli']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const taskParamSchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  kind: z.enum(['int', 'number', 'boolean', 'choice']),
  default: z.union([z.number(), z.boolean(), z.string()]),
  /** The rule in words, e.g. "an integer in [2, 10000]". */
  range: z.string(),
});

/** A built-in task as the UI lists it. */
export const taskInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  shape: z.enum(['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many', 'seq2seq']),
  loss: z.enum(['mse', 'cross-entropy']),
  metrics: z.array(z.string()),
  params: z.array(taskParamSchema),
  /** The default instance's trivial baseline, e.g. MSE 0.167 for always predicting 1 on the adding problem. */
  baseline: z.object({ metric: z.string(), value: z.number(), description: z.string() }),
});
export type TaskInfo = z.infer<typeof taskInfoSchema>;

/** A run with its full resolved experiment spec. */
export const runDetailSchema = runSummarySchema.extend({
  spec: z.record(z.string(), z.unknown()),
  /** Names of the metrics stored for this run (train loss, validation loss, …). */
  metricNames: z.array(z.string()),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

/** One metric of one run over steps, downsampled on the backend to what a chart can show. */
export const metricSeriesSchema = z.object({
  name: z.string(),
  steps: z.array(z.number()),
  /** NaN and ±Infinity (a diverged run) travel as null. */
  values: z.array(z.number().nullable()),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

/** An example spec shipped with the app (resources/examples). */
export const presetSchema = z.object({ id: z.string(), name: z.string(), spec: z.record(z.string(), z.unknown()) });
export type Preset = z.infer<typeof presetSchema>;

/**
 * ‖∂L/∂h_t‖ per layer/direction and time step t, at every training step where it was sampled:
 * `values[i]` is a [layers.length, timeSteps] row-major grid for training step `sampledSteps[i]`.
 */
export const gradientNormsSchema = z.object({
  layers: z.array(z.string()),
  timeSteps: z.number().int().nonnegative(),
  sampledSteps: z.array(z.number().int()),
  values: z.array(z.array(z.number().nullable())),
});
export type GradientNorms = z.infer<typeof gradientNormsSchema>;
