// Held-out batches belong to the task, not to the run: two runs of the same task with different seeds are
// evaluated on identical validation and test batches (and train on different batches), for every built-in
// task and every kind of imported dataset, through the sessions the runner trains.
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../../core/common/data/batch';
import type { ImportOptionsInput } from '../../../../core/common/data/import/import-options';
import type { Rng } from '../../../../core/common/random/rng';
import { resolveDatasetSpec } from '../../../../core/common/spec/dataset-spec';
import { completeSpec, parseSpecFields } from '../../../../core/common/spec/experiment-spec';
import { modelKindFor } from '../../../../core/common/spec/model-spec';
import { heldOutRng } from '../../../../core/common/tasks/held-out';
import { TASKS, createTask } from '../../../../core/common/tasks/registry';
import type { Split, Task } from '../../../../core/common/tasks/task';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { taskFromText } from '../data/import/run-plan';

/** The task with every batch it hands out recorded, by split. */
function recording(task: Task): { task: Task; batches: Record<Split, Batch[]> } {
  const batches: Record<Split, Batch[]> = { train: [], validation: [], test: [] };
  return {
    batches,
    task: {
      ...task,
      batch(rng: Rng, batchSize: number, split: Split = 'train'): Batch {
        const batch = task.batch(rng, batchSize, split);
        batches[split].push(batch);
        return batch;
      },
    },
  };
}

/** Trains one step and evaluates both held-out splits with `seed`; returns the batches the session drew. */
function drawn(seed: number, task: Task, dataset?: number): Record<Split, Batch[]> {
  const kind = modelKindFor(task.shape);
  const raw = {
    seed,
    task: dataset === undefined ? { id: task.id, params: task.params } : { dataset, params: task.params },
    model: { kind, cell: 'gru', hiddenSize: 3, ...(kind === 'seq2seq' ? { decoder: { hiddenSize: 3 } } : {}) },
    training: { steps: 5, batchSize: 3, evalBatches: 2 },
  };
  const fields = parseSpecFields(raw);
  if (!fields.ok) throw new Error(JSON.stringify(fields.issues));
  const spec = completeSpec(fields.spec, task);
  if (!spec.ok) throw new Error(JSON.stringify(spec.issues));
  const recorded = recording(task);
  const session = new TrainingSession(spec.spec, recorded.task);
  session.next();
  session.evaluate('validation');
  session.evaluate('test');
  session.evaluate('validation');
  return recorded.batches;
}

function expectEqualFooting(task: Task, dataset?: number): void {
  const a = drawn(1, task, dataset);
  const b = drawn(2, task, dataset);
  expect(a.validation).toHaveLength(4);
  expect(a.test).toHaveLength(2);
  // the same validation batches at every evaluation, and for both seeds
  expect(a.validation.slice(2)).toEqual(a.validation.slice(0, 2));
  expect(b.validation).toEqual(a.validation);
  expect(b.test).toEqual(a.test);
  expect(a.test).not.toEqual(a.validation.slice(0, 2));
  // training data still follows the seed
  expect(b.train).toHaveLength(1);
  expect(b.train).not.toEqual(a.train);
}

describe('held-out batches', () => {
  for (const definition of TASKS) {
    it(`are fixed by the task, not the run's seed: ${definition.id}`, () => {
      const task = createTask(definition.id, {});
      if (!task.ok) throw new Error(JSON.stringify(task.issues));
      expectEqualFooting(task.value);
    });
  }

  it('change with the task parameters, which define the task', () => {
    const short = createTask('adding-problem', { length: 10 });
    const long = createTask('adding-problem', { length: 12 });
    if (!short.ok || !long.ok) throw new Error('task');
    expect(heldOutRng(short.value, 'validation').state()).not.toEqual(heldOutRng(long.value, 'validation').state());
    // key order does not matter
    const reordered = { id: short.value.id, params: Object.fromEntries(Object.entries(short.value.params).reverse()) };
    expect(heldOutRng(reordered, 'validation').state()).toEqual(heldOutRng(short.value, 'validation').state());
  });

  const csv = 'step,x\n' + Array.from({ length: 300 }, (_, t) => `${t},${Math.sin(t / 5).toFixed(4)}`).join('\n') + '\n';
  const text = 'the quick brown fox jumps over the lazy dog. '.repeat(40);
  const labelled =
    'label,sequence\n' +
    Array.from({ length: 60 }, (_, i) => `${i % 3 === 0 ? 'b' : 'a'},${Array.from({ length: 2 + (i % 4) }, (_, t) => i + t).join(' ')}`).join('\n') +
    '\n';
  const pairs = 'en\tfr\n' + Array.from({ length: 40 }, (_, i) => `w${i}\tm${i}`).join('\n') + '\n';
  const datasets: [string, string, ImportOptionsInput, string][] = [
    ['series', csv, { kind: 'series', columns: ['x'], target: 'x', window: 8, horizon: 1 }, 's.csv'],
    ['text', text, { kind: 'text', window: 12 }, 't.txt'],
    ['labelled', labelled, { kind: 'labelled', seed: 4 }, 'l.csv'],
    ['pairs', pairs, { kind: 'pairs', source: 'en', target: 'fr' }, 'p.tsv'],
  ];
  for (const [kind, content, options, file] of datasets) {
    it(`are fixed by the dataset, not the run's seed: an imported ${kind} dataset`, () => {
      const { output, data } = taskFromText(content, options, file);
      const fields = parseSpecFields({ task: { dataset: 1 }, model: { kind: kind === 'pairs' ? 'seq2seq' : 'sequence' } });
      if (!fields.ok) throw new Error(JSON.stringify(fields.issues));
      const resolved = resolveDatasetSpec(fields.spec, output.encoder, data, file);
      if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
      expectEqualFooting(resolved.task, 1);
    });
  }
});
