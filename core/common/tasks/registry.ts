// The registry of built-in tasks, in the order the UI lists them, and the one way to build a task from
// untrusted parameters: a typed result whose issues name the parameter, never a throw.
import { charLanguageModel } from './char-lm';
import { copyMemory } from './copy-memory';
import { dateNormalisation } from './date-normalisation';
import { embeddedReber } from './embedded-reber';
import { mackeyGlassForecast } from './mackey-glass-forecast';
import { markerAhead } from './marker-ahead';
import { addingProblem, multiplicationProblem } from './marked-pair';
import { parseParams, type ParamsResult, type ParamSpecs } from './params';
import { parity, runningParity } from './parity';
import { reverseString, sortDigits, textAddition } from './seq2seq-toys';
import { sineForecast } from './sine-forecast';
import type { Task, TaskDefinition } from './task';
import { temporalOrder } from './temporal-order';
import { waveformGeneration } from './waveform-generation';
import { waveformClassification } from './waveforms';

/** Every built-in task. `create` is a method, so definitions with specific parameters fit the general type. */
export const TASKS: readonly TaskDefinition<ParamSpecs>[] = [
  addingProblem,
  multiplicationProblem,
  copyMemory,
  temporalOrder,
  parity,
  runningParity,
  markerAhead,
  embeddedReber,
  sineForecast,
  mackeyGlassForecast,
  waveformClassification,
  waveformGeneration,
  reverseString,
  sortDigits,
  textAddition,
  dateNormalisation,
  charLanguageModel,
];

export function findTask(id: string): TaskDefinition<ParamSpecs> | undefined {
  return TASKS.find((t) => t.id === id);
}

/**
 * Builds a task from an id and raw parameters (from a spec or a form). Missing parameters take their
 * defaults; an unknown id, an unknown or out-of-range parameter, or a broken rule between parameters
 * comes back as issues naming the parameter.
 */
export function createTask(id: string, rawParams: unknown = {}): ParamsResult<Task> {
  const definition = findTask(id);
  if (definition === undefined) {
    return { ok: false, issues: [{ param: '(task)', message: `unknown task ${JSON.stringify(id)}; built-in tasks: ${TASKS.map((t) => t.id).join(', ')}` }] };
  }
  const parsed = parseParams(definition.params, rawParams);
  if (!parsed.ok) return parsed;
  const issues = definition.check?.(parsed.value) ?? [];
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: definition.create(parsed.value) };
}
