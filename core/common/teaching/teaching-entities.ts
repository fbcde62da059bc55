// What the teaching playground's API calls and event carry (core/common/api/contract.ts: teaching.*), beside the
// settings schema they are made of.
import { z } from 'zod';
import { teachingSettingsSchema } from './teaching-spec';

/** A page's name for itself: one teaching worker per client id. */
export const teachingClientIdSchema = z.string().min(8).max(64);

export const teachingStateSchema = z.object({
  /** Sessions built so far by this client's worker: each setting change or reset makes the next one. */
  generation: z.number().int().positive(),
  step: z.number().int().nonnegative(),
  running: z.boolean(),
  settings: teachingSettingsSchema,
  /** The resolved experiment spec being trained, as "save as run" stores it. */
  spec: z.unknown(),
  /** The model in one line: kind, sizes, parameter count. */
  model: z.string(),
});
export type TeachingStateEntity = z.infer<typeof teachingStateSchema>;

const predictionSchema = z.union([
  z.object({ kind: z.literal('series'), window: z.array(z.number()), target: z.array(z.number()), output: z.array(z.number()) }),
  z.object({
    kind: z.literal('rows'),
    rows: z.array(z.object({ input: z.string(), target: z.string(), output: z.string(), correct: z.boolean().nullable() })),
  }),
]);

/** Pushed at most every UPDATE_INTERVAL_MS (core/node/teaching/teaching-protocol.ts) while a session trains, and after every command. */
export const teachingUpdateSchema = z.object({
  clientId: teachingClientIdSchema,
  generation: z.number().int().nonnegative(),
  step: z.number().int().nonnegative(),
  running: z.boolean(),
  /** [step, training loss] of every step since the previous update (NaN losses as null). */
  losses: z.array(z.tuple([z.number().int(), z.number().nullable()])),
  /** ‖∂L/∂h_t‖ over t, first recurrent layer, latest step that recorded it. */
  gradProfile: z.array(z.number().nullable()).nullable(),
  /** The prediction panel when made anew since the previous update; null when unchanged. */
  prediction: predictionSchema.nullable(),
  stopped: z.string().nullable(),
});
export type TeachingUpdateEntity = z.infer<typeof teachingUpdateSchema>;
