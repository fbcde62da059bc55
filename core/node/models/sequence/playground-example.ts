// What the playground needs from a sequence model's task, rebuilt in the inference worker from the task id and
// parameters the export's metadata records: a held-out example with its true answer (drawn from the task's
// validation stream by its own generator), and the true target of an edited input where the task defines one.
// A model trained on an imported dataset is refused here: its task is the dataset, not a generator.
//
// Shapes: T steps, I input features, O outputs (H horizon of a forecaster).

import type { PlaygroundExample, Prediction } from '../../../common/api/entities';
import type { Example } from '../../../common/data/example';
import { heldOutRng } from '../../../common/tasks/held-out';
import { createTask } from '../../../common/tasks/registry';
import type { Encoding, Task } from '../../../common/tasks/task';
import type { LoadedModel } from '../inference-model';
import type { InferenceOutcome } from '../inference-protocol';

/** The export's task, built from its metadata; refused for a dataset task or parameters this SeqLab no longer takes. */
export function taskOfModel(model: LoadedModel): InferenceOutcome<Task> {
  const { task } = model.metadata;
  if (model.metadata.datasetCodec !== null)
    return {
      ok: false,
      code: 'unsupported',
      message: `This model was trained on an imported dataset (task "${task.id}"); its held-out examples are rows of that file, so type or paste the input instead.`,
    };
  const created = createTask(task.id, task.params);
  if (!created.ok)
    return {
      ok: false,
      code: 'unsupported',
      message: `The task this model was trained on ("${task.id}") cannot be rebuilt here: ${created.issues.map((i) => `${i.param}: ${i.message}`).join('; ')}.`,
    };
  return { ok: true, value: created.value };
}

/**
 * Example `index` of the task's validation stream. For a window forecaster the task is drawn at a horizon of
 * max(H, steps) (its generator's series simply runs longer), so the truth reaches `steps` values past the window.
 */
export function playgroundExample(model: LoadedModel, index: number, steps: number): InferenceOutcome<PlaygroundExample> {
  const base = taskOfModel(model);
  if (!base.ok) return base;
  const horizon = base.value.params['horizon'];
  const isForecaster = base.value.shape === 'many-to-one' && typeof horizon === 'number' && base.value.output.kind === 'dense';
  let task = base.value;
  if (isForecaster && steps > horizon) {
    const longer = createTask(task.id, { ...task.params, horizon: steps });
    if (longer.ok) task = longer.value; // else the truth stops at the trained horizon, and says so by its length
  }
  const rng = heldOutRng(base.value, 'validation');
  let example: Example = task.sample(rng, 'validation');
  for (let i = 0; i < index; i++) example = task.sample(rng, 'validation');
  if (example.kind !== 'sequence')
    return { ok: false, code: 'unsupported', message: `Task "${task.id}" is not a sequence task; its examples are not a model input.` };
  const input: PlaygroundExample['input'] =
    example.input.kind === 'dense' ? { values: rows(example.input.x, example.input.features) } : { tokens: symbols(task.input, example.input.ids) };
  const target = example.target;
  if (isForecaster && target.kind === 'sequence-values') {
    const values = Array.from(target.values);
    return { ok: true, value: { index, input, target: { values: values.slice(0, horizon) }, continuation: values } };
  }
  switch (target.kind) {
    case 'sequence-values':
      return { ok: true, value: { index, input, target: { values: Array.from(target.values) }, continuation: null } };
    case 'sequence-class':
      return { ok: true, value: { index, input, target: { labels: symbols(task.output, [target.id]) }, continuation: null } };
    case 'step-classes':
      return { ok: true, value: { index, input, target: { labels: symbols(task.output, target.ids) }, continuation: null } };
    case 'step-values':
      return { ok: true, value: { index, input, target: { values: Array.from(target.values) }, continuation: null } };
  }
}

/** The true target of an edited dense input by the task's definition, where the task defines one (null otherwise). */
export function truthOf(model: LoadedModel, values: readonly (readonly number[])[]): Prediction['truth'] {
  if (model.metadata.datasetCodec !== null) return null;
  const task = taskOfModel(model);
  if (!task.ok || task.value.targetOf === undefined || task.value.input.kind !== 'dense') return null;
  const I = task.value.input.features;
  const x = new Float32Array(values.length * I);
  for (const [t, row] of values.entries()) x.set(row, t * I);
  const truth = task.value.targetOf(x, I);
  return truth.ok ? { values: Array.from(truth.values) } : { refused: `No true value: ${truth.reason}.` };
}

/** [T, I] rows of a flat x. */
function rows(x: Float32Array, features: number): number[][] {
  const out: number[][] = [];
  for (let t = 0; t < x.length / features; t++) out.push(Array.from(x.subarray(t * features, (t + 1) * features)));
  return out;
}

/** The labels or tokens of ids under an encoding. */
function symbols(encoding: Encoding, ids: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    out.push(encoding.kind === 'classes' ? (encoding.labels[id] ?? `#${id}`) : encoding.kind === 'tokens' ? encoding.vocabulary.token(id) : String(id));
  }
  return out;
}
