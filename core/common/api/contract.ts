// The one API contract between the renderer (or any client) and the backend service:
// every call's request and response schema, and every event the backend pushes.
// Transports (Electron IPC, HTTP + WebSocket, in-process) only move this JSON; they hold no logic.
import { z } from 'zod';
import { appInfoSchema, experimentNameSchema, experimentSchema, gradientNormsSchema, metricSeriesSchema, presetSchema, runDetailSchema, runStatusSchema, runSummarySchema, taskInfoSchema } from './entities';

const idSchema = z.number().int().positive();
const empty = z.object({}).strict();

export const apiCalls = {
  'app.info': { request: empty, response: appInfoSchema },
  'experiments.list': { request: empty, response: z.array(experimentSchema) },
  'experiments.create': {
    request: z
      .object({
        name: experimentNameSchema,
        notes: z.string().max(10_000, 'must be at most 10000 characters').default(''),
        tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
      })
      .strict(),
    response: experimentSchema,
  },
  'experiments.delete': { request: z.object({ id: idSchema }).strict(), response: z.object({ deleted: z.boolean() }) },
  'tasks.list': { request: empty, response: z.array(taskInfoSchema) },
  'presets.list': { request: empty, response: z.array(presetSchema) },
  'runs.list': {
    request: z.object({ experimentId: idSchema.optional() }).strict(),
    response: z.array(runSummarySchema),
  },
  /** Validates the spec (every issue named by its field, under `spec.`), stores the run with its resolved spec, and queues it. */
  'runs.create': {
    request: z.object({ experimentId: idSchema, name: z.string().trim().max(120).optional(), spec: z.unknown() }).strict(),
    response: runSummarySchema,
  },
  'runs.get': { request: z.object({ id: idSchema }).strict(), response: runDetailSchema },
  'runs.pause': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  /** Continues a paused run, or an interrupted one from its last checkpoint. */
  'runs.resume': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  'runs.stop': { request: z.object({ id: idSchema }).strict(), response: runSummarySchema },
  'runs.delete': { request: z.object({ id: idSchema }).strict(), response: z.object({ deleted: z.boolean() }) },
  'runs.metrics': {
    request: z
      .object({
        id: idSchema,
        names: z.array(z.string().min(1)).min(1).max(20),
        /** Longer series are reduced to about this many points, keeping each bucket's min and max. */
        maxPoints: z.number().int().min(10).max(20_000).default(1000),
      })
      .strict(),
    response: z.array(metricSeriesSchema),
  },
  /** Per-time-step gradient norms (vanishing / exploding gradients), at every sampled training step. */
  'runs.gradientNorms': { request: z.object({ id: idSchema }).strict(), response: gradientNormsSchema },
} as const;

export const apiEvents = {
  /** Throttled progress of a training run. */
  'run.progress': z.object({
    runId: idSchema,
    step: z.number().int().nonnegative(),
    totalSteps: z.number().int().positive(),
    loss: z.number().nullable(),
    accuracy: z.number().nullable(),
    learningRate: z.number(),
    /** Global gradient norm before clipping. */
    gradNorm: z.number().nullable(),
    tokensPerSecond: z.number().nonnegative().nullable(),
    etaSeconds: z.number().nonnegative().nullable(),
  }),
  /** A run changed state (queued → running → …). */
  'run.status': z.object({
    runId: idSchema,
    status: runStatusSchema,
    error: z.string().nullable(),
    divergence: z.object({ step: z.number().int(), lastFiniteLoss: z.number().nullable() }).optional(),
  }),
  /** The experiments list changed (created, renamed, deleted) — lets every open window refresh. */
  'experiments.changed': z.object({}),
} as const;

export type ApiCallName = keyof typeof apiCalls;
export type ApiEventName = keyof typeof apiEvents;
/** What a caller passes (defaults may be omitted). */
export type ApiRequest<N extends ApiCallName> = z.input<(typeof apiCalls)[N]['request']>;
/** What a handler receives, after validation and defaults. */
export type ApiParsedRequest<N extends ApiCallName> = z.output<(typeof apiCalls)[N]['request']>;
export type ApiResponse<N extends ApiCallName> = z.output<(typeof apiCalls)[N]['response']>;
export type ApiEvent<E extends ApiEventName> = z.output<(typeof apiEvents)[E]>;

export const API_CALL_NAMES = Object.keys(apiCalls) as ApiCallName[];
export const API_EVENT_NAMES = Object.keys(apiEvents) as ApiEventName[];

export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && Object.hasOwn(apiCalls, name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && Object.hasOwn(apiEvents, name);
}
