// How the teaching playground's settings (api/teaching-entities.ts) become a normal experiment spec — the same spec
// "save as run" creates a run from, resolved by the same rules (e.g. identity initialisation only for a ReLU RNN).
import { TEACHING_LIMITS, TEACHING_TASKS, type TeachingSettings, type TeachingTask } from '../api/teaching-entities';
import { parseExperimentSpec, type SpecResult } from '../spec/experiment-spec';

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
