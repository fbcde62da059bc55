// The teaching playground's settings (TF Playground for sequences): a toy task, a tiny recurrent model and its
// training knobs, each within limits that keep the one teaching worker small, and the normal experiment spec they
// make — the same spec "save as run" creates a run from, resolved by the same rules (e.g. identity initialisation
// only for a ReLU RNN).
import { z } from 'zod';
import { parseExperimentSpec, type SpecResult } from '../spec/experiment-spec';

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

/** The built-in task and parameters of a toy task at sequence length T. */
function taskOf(task: TeachingTask, T: number): { id: string; params: Record<string, number> } {
  switch (task) {
    case 'sine':
      return { id: 'sine-forecast', params: { window: T, horizon: 1 } };
    case 'parity':
      return { id: 'parity', params: { minLength: T, maxLength: T } };
    case 'adding':
      return { id: 'adding-problem', params: { length: T } };
    case 'copy':
      return { id: 'copy-memory', params: { symbols: Math.max(1, Math.min(10, Math.floor(T / 2))), alphabet: 4, delay: T } };
    case 'reversal':
      return { id: 'reverse-string', params: { alphabet: 6, minLength: Math.max(1, Math.floor(T / 2)), maxLength: T } };
  }
}

/** How a session trains (every step's gradient profile, cheap evaluations), and how a run saved from it does. */
export interface TeachingSchedule {
  readonly steps: number;
  readonly evalEvery: number;
  readonly gradNormsEvery: number;
}
export const SESSION_SCHEDULE: TeachingSchedule = { steps: TEACHING_LIMITS.steps, evalEvery: 50, gradNormsEvery: 1 };

/** The experiment spec (raw, as a person would write it) of a teaching session's settings. */
export function teachingSpecInput(settings: TeachingSettings, schedule: TeachingSchedule = SESSION_SCHEDULE): Record<string, unknown> {
  const cell = settings.cell === 'rnn' ? `rnn_${settings.activation}` : settings.cell;
  const init = { recurrent: settings.init };
  const model =
    TEACHING_TASKS[settings.task].kind === 'seq2seq'
      ? { kind: 'seq2seq', cell, hiddenSize: settings.hiddenSize, embeddingDim: 8, attention: { size: 8 } }
      : { kind: 'sequence', cell, hiddenSize: settings.hiddenSize, embeddingDim: 8, init };
  return {
    version: 1,
    name: `Teaching playground: ${TEACHING_TASKS[settings.task].label}`,
    seed: settings.seed,
    task: taskOf(settings.task, settings.length),
    model,
    training: {
      steps: schedule.steps,
      batchSize: TEACHING_LIMITS.batchSize,
      learningRate: settings.learningRate,
      optimizer: { kind: 'adam' },
      clip: settings.clip,
      evalEvery: schedule.evalEvery,
      evalBatches: 1,
      gradNormsEvery: schedule.gradNormsEvery,
      checkpointEvery: 500,
    },
  };
}

/** The resolved spec and task of the settings, or the issues of the spec they make (field paths of the spec). */
export function teachingSpec(settings: TeachingSettings): SpecResult {
  if (TEACHING_TASKS[settings.task].kind === 'seq2seq' && settings.init !== 'pytorch')
    return {
      ok: false,
      issues: [
        { path: 'init', message: `an encoder–decoder (task ${TEACHING_TASKS[settings.task].label}) starts from PyTorch's initialisation; choose "pytorch"` },
      ],
    };
  return parseExperimentSpec(teachingSpecInput(settings));
}
