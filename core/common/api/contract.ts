// The one API contract between the renderer (or any client) and the backend service:
// every call's request and response schema, and every event the backend pushes.
// Transports (Electron IPC, HTTP + WebSocket, in-process) only move this JSON; they hold no logic.
import { z } from 'zod';
import { appInfoSchema, experimentNameSchema, experimentSchema, runStatusSchema, runSummarySchema, taskInfoSchema } from './entities';

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
  'runs.list': {
    request: z.object({ experimentId: idSchema.optional() }).strict(),
    response: z.array(runSummarySchema),
  },
} as const;

export const apiEvents = {
  /** Throttled progress of a training run. */
  'run.progress': z.object({
    runId: idSchema,
    step: z.number().int().nonnegative(),
    totalSteps: z.number().int().positive(),
    loss: z.number().nullable(),
    tokensPerSecond: z.number().nonnegative().nullable(),
  }),
  /** A run changed state (queued → running → …). */
  'run.status': z.object({ runId: idSchema, status: runStatusSchema, error: z.string().nullable() }),
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
