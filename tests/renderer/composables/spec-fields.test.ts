// The spec's fields are read from its schema: every leaf with its range, choices and default, the chosen variant's
// fields, and a task's parameters from its declaration.
import { describe, expect, it } from 'vitest';
import { TASKS } from '../../../core/common/tasks/registry';
import { schemaLaidFields } from '../../../renderer/src/composables/run-form-spec';
import { datasetParamFields, describeField, inputOfSpecField, specFields, taskParamFields } from '../../../renderer/src/composables/spec-fields';

const byPath = (spec: unknown) => new Map(specFields(spec).map((field) => [field.path, field]));

describe('specFields', () => {
  it('lists the fields the issue names, with the ranges the schema enforces (exclusive ends as such)', () => {
    const fields = byPath({ task: { id: 'adding-problem' } });
    for (const path of [
      'name',
      'model.dropout',
      'model.init.recurrent',
      'model.init.identityScale',
      'model.init.recurrentScale',
      'training.optimizer.weightDecay',
      'training.schedule.kind',
      'training.evalEvery',
    ]) {
      expect(fields.has(path), path).toBe(true);
    }
    const learningRate = fields.get('training.learningRate');
    expect(learningRate && describeField(learningRate)).toBe('a number in (0, 10]');
    expect(learningRate?.label).toBe('Learning rate');
    const dropout = fields.get('model.dropout');
    expect(dropout && describeField(dropout)).toBe('a number in [0, 1)');
    expect(fields.get('model.init.recurrent')?.options).toEqual(['pytorch', 'xavier', 'orthogonal', 'identity']);
    expect(fields.get('training.evalEvery')?.default).toBe(100);
    // an exclusive end is no HTML min: the browser would accept the end itself
    expect(learningRate && inputOfSpecField(learningRate)).toMatchObject({ min: null, max: 10 });
  });

  it("follows the variant a spec chose: a step schedule's fields, SGD's momentum, an encoder–decoder's attention", () => {
    const step = byPath({ training: { schedule: { kind: 'step' }, optimizer: { kind: 'sgd' } } });
    expect(step.get('training.schedule.stepSize')).toMatchObject({ kind: 'int', default: undefined });
    expect(step.get('training.schedule.kind')).toMatchObject({ variantOf: 'training.schedule', options: ['constant', 'step', 'cosine'] });
    expect(step.has('training.optimizer.momentum')).toBe(true);
    expect(step.has('training.optimizer.betas.0')).toBe(false);
    const adam = byPath({});
    expect(adam.has('training.schedule.stepSize')).toBe(false);
    expect(adam.get('training.optimizer.betas.1')?.default).toBe(0.999);
    const seq2seq = byPath({ model: { kind: 'seq2seq' } });
    expect(seq2seq.get('model.attention.size')?.default).toBe(64);
    expect(seq2seq.has('model.init.recurrent')).toBe(false);
  });

  it("lists a task's parameters from its declaration, sequence length first for the adding problem", () => {
    const params = taskParamFields('adding-problem');
    expect(params.length).toBeGreaterThan(0);
    expect(params.every((p) => p.path.startsWith('task.params.'))).toBe(true);
    expect(params.some((p) => /length/i.test(p.label))).toBe(true);
    expect(taskParamFields('no-such-task')).toEqual([]);
  });

  it("lists a dataset's parameters by its kind, with no default of the form's own (the import's values apply)", () => {
    const series = datasetParamFields('series');
    expect(series.map((f) => f.path)).toEqual(['task.params.window', 'task.params.horizon']);
    expect(series.every((f) => f.default === undefined)).toBe(true);
    expect(datasetParamFields('pairs')).toEqual([]);
    expect(datasetParamFields('no-such-kind')).toEqual([]);
  });
});

describe('the labels of the fields laid out from the schema', () => {
  it('never contain the words the hand-laid fields are found by (a label search for "Steps" must find one field)', () => {
    const variants = [
      {},
      { model: { kind: 'seq2seq' } },
      { model: { kind: 'conditioned' } },
      { training: { schedule: { kind: 'step' }, optimizer: { kind: 'sgd' }, teacherForcing: { kind: 'linear' } } },
      { training: { schedule: { kind: 'cosine' }, optimizer: { kind: 'rmsprop' }, teacherForcing: { kind: 'inverse-sigmoid' } } },
      { training: { optimizer: { kind: 'adagrad' }, bptt: { mode: 'truncated' } } },
    ];
    const labels = [
      ...variants.flatMap((spec) => schemaLaidFields(spec, 'lstm').map((f) => f.label)),
      ...TASKS.flatMap((t) => taskParamFields(t.id).map((f) => f.label)),
    ];
    const reserved = [
      'steps',
      'learning rate',
      'hidden size',
      'batch size',
      'threads',
      'clip at',
      'task',
      'encoder cell',
      'attention size',
      'name',
      'seed',
      'optimiser',
    ];
    const clashes = labels.filter((label) => reserved.some((word) => label.toLowerCase().includes(word)));
    expect(clashes).toEqual([]);
  });
});
