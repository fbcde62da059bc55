// The explorer's input as the model reads it: one of the task's validation examples (the run's own
// validation stream, as its evaluations score), a typed text in the task's tokens, or typed value rows —
// one example (B = 1) with each step's text for the view and the pattern search.
//
// Shapes: T steps, F input features; InputBuffer ids [T, 1] or x [T, 1, F].

import type { ExplorerInput } from '../api/explorer-entities';
import type { InputBuffer, Seq2SeqBatch, SequenceBatch } from '../data/batch';
import type { Encoding, Task } from '../tasks/task';
import { UNK_ID } from '../data/vocabulary';
import { evaluationRng } from '../train/session-setup';
import { EXPLORER_LIMITS } from '../api/explorer-entities';
import type { PatternInput } from './pattern-search';

export interface ResolvedInput extends PatternInput {
  readonly buffer: InputBuffer;
  readonly steps: number;
  /** Typed characters the vocabulary lacks (read as <unk>), each once. */
  readonly unknown: readonly string[];
  /** Tokens an encoder–decoder may write for it: a validation example's target steps (as attentionMaps), else EXPLORER_LIMITS.maxDecodeSteps. */
  readonly decodeSteps: number;
}

export type InputResult = { readonly ok: true; readonly input: ResolvedInput } | { readonly ok: false; readonly message: string };

/** A step's text: its token, class label, or for value inputs the values themselves. */
function tokenText(encoding: Encoding, id: number): string {
  if (encoding.kind === 'tokens') return encoding.vocabulary.token(id);
  if (encoding.kind === 'classes') return encoding.labels[id] ?? `#${id}`;
  return String(id);
}

function valueText(row: ArrayLike<number>): string {
  return Array.from(row, (v) => (Math.abs(v) >= 1e-3 || v === 0 ? Number(v.toPrecision(3)).toString() : v.toExponential(1))).join(' ');
}

function tooLong(steps: number, what: string): InputResult {
  return { ok: false, message: `${what} has ${steps} steps; at most ${EXPLORER_LIMITS.maxSteps} can be explored at once (EXPLORER_LIMITS.maxSteps).` };
}

/** Row b of a batch's input [T, B(, F)] over its first `steps` steps, as a batch of one. */
function row(input: InputBuffer, T: number, B: number, b: number, steps: number): InputBuffer {
  if (input.kind === 'tokens') return { kind: 'tokens', vocab: input.vocab, ids: Int32Array.from({ length: steps }, (_, t) => input.ids[t * B + b]!) };
  if (T < steps) throw new Error(`row: ${steps} steps asked of a batch of ${T}`);
  const F = input.features;
  const x = new Float32Array(steps * F);
  for (let t = 0; t < steps; t++) x.set(input.x.subarray((t * B + b) * F, (t * B + b + 1) * F), t * F);
  return { kind: 'dense', features: F, x };
}

function describe(
  buffer: InputBuffer,
  encoding: Encoding,
  steps: number,
  unknown: readonly string[],
  typed: readonly string[] | null,
  decodeSteps: number = EXPLORER_LIMITS.maxDecodeSteps,
): ResolvedInput {
  if (buffer.kind === 'tokens') {
    const tokens = typed ?? Array.from(buffer.ids, (id) => tokenText(encoding, id));
    return { buffer, steps, tokens, unknown, values: null, decodeSteps };
  }
  const F = buffer.features;
  const tokens = Array.from({ length: steps }, (_, t) => valueText(buffer.x.subarray(t * F, (t + 1) * F)));
  return { buffer, steps, tokens, unknown, values: { features: F, x: buffer.x }, decodeSteps };
}

/** @param model the run's model kind: a sequence model reads task.input, an encoder–decoder its source (also task.input). */
export function resolveExplorerInput(task: Task, model: 'sequence' | 'seq2seq', input: ExplorerInput): InputResult {
  const encoding = task.input;
  switch (input.kind) {
    case 'validation': {
      const batch = task.batch(evaluationRng(task, 'validation'), input.index + 1, 'validation');
      const b = input.index;
      if (model === 'sequence' && batch.kind === 'sequence') {
        const s: SequenceBatch = batch;
        const steps = s.lengths[b]!;
        if (steps > EXPLORER_LIMITS.maxSteps) return tooLong(steps, `Validation example ${b}`);
        return { ok: true, input: describe(row(s.input, s.steps, s.batchSize, b, steps), encoding, steps, [], null) };
      }
      if (model === 'seq2seq' && batch.kind === 'seq2seq') {
        const s: Seq2SeqBatch = batch;
        const steps = s.sourceLengths[b]!;
        if (steps > EXPLORER_LIMITS.maxSteps) return tooLong(steps, `Validation example ${b}`);
        return { ok: true, input: describe(row(s.source, s.sourceSteps, s.batchSize, b, steps), encoding, steps, [], null, s.targetSteps) };
      }
      return { ok: false, message: `The task's batches are ${batch.kind} batches, which a ${model} model does not read.` };
    }
    case 'text': {
      const chars = Array.from(input.text);
      if (chars.length > EXPLORER_LIMITS.maxSteps) return tooLong(chars.length, 'The text');
      if (encoding.kind === 'dense')
        return {
          ok: false,
          message: `This model reads ${encoding.features} value(s) per step, not text: give value rows instead (one row of ${encoding.features} per step).`,
        };
      const ids = new Int32Array(chars.length);
      const unknown = new Set<string>();
      if (encoding.kind === 'tokens') {
        chars.forEach((ch, t) => {
          ids[t] = encoding.vocabulary.id(ch);
          if (ids[t] === UNK_ID && ch !== '<unk>') unknown.add(ch);
        });
      } else {
        for (const [t, ch] of chars.entries()) {
          const id = encoding.labels.indexOf(ch);
          if (id < 0)
            return { ok: false, message: `Character ${t + 1} (${JSON.stringify(ch)}) is not one of the task's classes (${encoding.labels.join(', ')}).` };
          ids[t] = id;
        }
      }
      const vocab = encoding.kind === 'tokens' ? encoding.vocabulary.size : encoding.labels.length;
      return { ok: true, input: describe({ kind: 'tokens', vocab, ids }, encoding, chars.length, [...unknown], chars) };
    }
    case 'values': {
      if (encoding.kind !== 'dense') return { ok: false, message: 'This model reads text (tokens), not values: type a text instead.' };
      const F = encoding.features;
      const x = new Float32Array(input.values.length * F);
      for (const [t, values] of input.values.entries()) {
        if (values.length !== F)
          return { ok: false, message: `Row ${t + 1} has ${values.length} value(s); this model reads ${F} per step (${encoding.names.join(', ')}).` };
        x.set(values, t * F);
      }
      return { ok: true, input: describe({ kind: 'dense', features: F, x }, encoding, input.values.length, [], null) };
    }
  }
}
