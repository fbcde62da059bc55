// The teaching playground's settings and what its API calls and event carry (contract.ts: teaching.*): a toy task, a
// tiny recurrent model and its training knobs, each within limits that keep the one teaching worker small. How the
// settings become an experiment spec is core/common/teaching/teaching-spec.ts.
import { z } from 'zod';

/** The ranges the teaching worker accepts: small enough to train many steps a second on a loaded machine. */
export const TEACHING_LIMITS = {
  hiddenSize: { min: 1, max: 32 },
  length: { min: 2, max: 40 },
  learningRate: { min: 1e-5, max: 1 },
  clipMax: { min: 0.01, max: 100 },
  batchSize: 16,
  /** The step a teaching session stops at if left running (a run saved from it trains this many). */
  steps: 1_000_000,
} as const;

/** The toy tasks, each a built-in task with its length parameter(s) set from the one "sequence length". */
export const TEACHING_TASKS = {
  sine: { label: 'Sine forecasting', kind: 'sequence' },
  parity: { label: 'Parity', kind: 'sequence' },
  adding: { label: 'Adding problem', kind: 'sequence' },
  copy: { label: 'Copy memory', kind: 'sequence' },
  reversal: { label: 'String reversal', kind: 'seq2seq' },
} as const;
export type TeachingTask = keyof typeof TEACHING_TASKS;
const TASK_IDS = Object.keys(TEACHING_TASKS) as [TeachingTask, ...TeachingTask[]];

/** A vanilla RNN has an activation; LSTM and GRU have their own gates. */
export const TEACHING_CELLS = ['rnn', 'lstm', 'gru'] as const;
export const TEACHING_ACTIVATIONS = ['tanh', 'relu'] as const;
export const TEACHING_INITS = ['pytorch', 'xavier', 'orthogonal', 'identity'] as const;

const limited = (name: string, range: { readonly min: number; readonly max: number }) =>
  z.number().min(range.min, `${name} must be at least ${range.min}`).max(range.max, `${name} must be at most ${range.max}`);

export const teachingSettingsSchema = z
  .object({
    task: z.enum(TASK_IDS).default('sine'),
    cell: z.enum(TEACHING_CELLS).default('rnn'),
    activation: z.enum(TEACHING_ACTIVATIONS).default('tanh'),
    hiddenSize: limited('hiddenSize', TEACHING_LIMITS.hiddenSize).int('hiddenSize must be a whole number').default(8),
    init: z.enum(TEACHING_INITS).default('pytorch'),
    learningRate: limited('learningRate', TEACHING_LIMITS.learningRate).default(0.01),
    /** Gradient clipping by global norm, or none. */
    clip: z
      .union([
        z.object({ kind: z.literal('none') }).strict(),
        z.object({ kind: z.literal('norm'), max: limited('clip.max', TEACHING_LIMITS.clipMax) }).strict(),
      ])
      .default({
        kind: 'norm',
        max: 1,
      }),
    length: limited('length', TEACHING_LIMITS.length).int('length must be a whole number').default(10),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .strict();
export type TeachingSettings = z.output<typeof teachingSettingsSchema>;

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

/** The prediction panel (core/common/teaching/teaching-prediction.ts): a forecaster's numbers, or rows of symbols. */
export const teachingPredictionSchema = z.union([
  z.object({ kind: z.literal('series'), window: z.array(z.number()), target: z.array(z.number()), output: z.array(z.number()) }),
  z.object({
    kind: z.literal('rows'),
    rows: z.array(z.object({ input: z.string(), target: z.string(), output: z.string(), correct: z.boolean().nullable() })),
  }),
]);

export type TeachingPrediction = z.infer<typeof teachingPredictionSchema>;

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
  prediction: teachingPredictionSchema.nullable(),
  stopped: z.string().nullable(),
});
export type TeachingUpdateEntity = z.infer<typeof teachingUpdateSchema>;
