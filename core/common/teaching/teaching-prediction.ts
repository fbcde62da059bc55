// The teaching playground's prediction panel: what the model being trained answers, right now, on the first few
// examples of its task's held-out validation stream (the same examples at every update, so a person sees them
// change as it learns). A forecaster's window, truth and forecast as numbers to draw; other tasks as rows of input,
// target and output in the task's own symbols.
//
// Shapes: L example length, I input features, O outputs, V classes / tokens; B = 1 per example.
import type { TeachingPrediction } from '../api/teaching-entities';
import { collate } from '../data/collate';
import type { Example, ExampleInput } from '../data/example';
import { EOS_ID } from '../data/vocabulary';
import type { Seq2SeqModel } from '../models/seq2seq/seq2seq-model';
import { greedyDecode } from '../models/seq2seq/evaluate';
import type { SequenceModel } from '../models/sequence/sequence-model';
import type { TrainingSession } from '../models/training-session';
import { sequenceModelForward } from '../onnx/parity';
import { heldOutRng } from '../tasks/held-out';
import type { Encoding, Task } from '../tasks/task';

/** Examples the rows panel shows. */
export const PREDICTION_EXAMPLES = 4;

/** The first held-out examples of the session's task, answered by its model as it is now. */
export function teachingPrediction(session: TrainingSession): TeachingPrediction {
  const { task } = session;
  const rng = heldOutRng(task, 'validation');
  const examples = Array.from({ length: PREDICTION_EXAMPLES }, () => task.sample(rng, 'validation'));
  if (session.model.kind === 'seq2seq') return { kind: 'rows', rows: examples.map((e) => seq2seqRow(session.modelOf('seq2seq'), task, e)) };
  const model = session.modelOf('sequence');
  const first = examples[0];
  if (
    first?.kind === 'sequence' &&
    first.input.kind === 'dense' &&
    first.input.features === 1 &&
    task.output.kind === 'dense' &&
    task.params['horizon'] !== undefined
  ) {
    return { kind: 'series', window: Array.from(first.input.x), target: targetValues(first), output: Array.from(forward(model, first.input, task)) };
  }
  return { kind: 'rows', rows: examples.map((e) => sequenceRow(model, task, e)) };
}

/** y of one example: [O] for a many-to-one model, [L, O] for a per-step one; probabilities for class / token outputs. */
function forward(model: SequenceModel, input: ExampleInput, task: Task): Float32Array {
  const L = input.kind === 'dense' ? input.x.length / input.features : input.ids.length;
  const { numLayers, bidirectional, hiddenSize, cell } = model.config;
  const n = numLayers * (bidirectional ? 2 : 1) * hiddenSize;
  const feed = input.kind === 'dense' ? { kind: 'dense' as const, x: input.x, features: input.features } : { kind: 'tokens' as const, ids: input.ids };
  return sequenceModelForward(
    model,
    feed,
    L,
    1,
    Int32Array.of(L),
    new Float32Array(n),
    cell === 'lstm' ? new Float32Array(n) : null,
    task.output.kind !== 'dense',
  ).y;
}

function sequenceRow(model: SequenceModel, task: Task, example: Example): { input: string; target: string; output: string; correct: boolean | null } {
  if (example.kind !== 'sequence') throw new Error(`teachingPrediction: task ${task.id} gave a ${example.kind} example to a sequence model`);
  const y = forward(model, example.input, task);
  const input = describeInput(example.input, task.input);
  const target = example.target;
  switch (target.kind) {
    case 'sequence-values':
      return { input, target: numbers(target.values), output: numbers(y), correct: null };
    case 'sequence-class': {
      const picked = argmax(y, 0, target.classes);
      return { input, target: symbol(task.output, target.id), output: symbol(task.output, picked), correct: picked === target.id };
    }
    case 'step-classes': {
      const V = target.classes;
      const wanted: string[] = [];
      const got: string[] = [];
      let correct = true;
      for (let t = 0; t < target.ids.length; t++) {
        if (target.mask !== undefined && target.mask[t] === 0) continue;
        const picked = argmax(y, t * V, V);
        wanted.push(symbol(task.output, target.ids[t]!));
        got.push(symbol(task.output, picked));
        correct &&= picked === target.ids[t];
      }
      return { input, target: wanted.join(''), output: got.join(''), correct };
    }
    case 'step-values':
      return { input, target: numbers(target.values), output: numbers(y), correct: null };
  }
}

function seq2seqRow(model: Seq2SeqModel, task: Task, example: Example): { input: string; target: string; output: string; correct: boolean } {
  if (example.kind !== 'seq2seq') throw new Error(`teachingPrediction: task ${task.id} gave a ${example.kind} example to an encoder–decoder`);
  const batch = collate([example]);
  if (batch.kind !== 'seq2seq') throw new Error('teachingPrediction: a seq2seq example collated into another batch kind');
  const decoded = greedyDecode(model, batch).tokens[0] ?? new Int32Array(0);
  const written = Array.from(decoded).filter((id) => id !== EOS_ID);
  const target = Array.from(example.target);
  const correct = decoded.length === target.length + 1 && target.every((id, i) => decoded[i] === id) && decoded[target.length] === EOS_ID;
  return {
    input: describeInput(example.source, task.input),
    target: target.map((id) => symbol(task.output, id)).join(''),
    output: written.map((id) => symbol(task.output, id)).join(''),
    correct,
  };
}

function targetValues(example: Example): number[] {
  return example.kind === 'sequence' && (example.target.kind === 'sequence-values' || example.target.kind === 'step-values')
    ? Array.from(example.target.values)
    : [];
}

/** An input as text: its tokens, or its steps' values (rounded), a step's features joined by '/'. */
function describeInput(input: ExampleInput, encoding: Encoding): string {
  if (input.kind === 'tokens') return Array.from(input.ids, (id) => symbol(encoding, id)).join('');
  const steps: string[] = [];
  for (let t = 0; t < input.x.length / input.features; t++)
    steps.push(Array.from(input.x.subarray(t * input.features, (t + 1) * input.features), round).join('/'));
  return steps.join(' ');
}

function symbol(encoding: Encoding, id: number): string {
  if (encoding.kind === 'classes') return encoding.labels[id] ?? `#${id}`;
  if (encoding.kind === 'tokens') return encoding.vocabulary.token(id);
  return String(id);
}

function numbers(values: ArrayLike<number>): string {
  return Array.from(values, round).join(', ');
}

function round(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

function argmax(values: ArrayLike<number>, offset: number, V: number): number {
  let best = 0;
  for (let v = 1; v < V; v++) if (values[offset + v]! > values[offset + best]!) best = v;
  return best;
}
