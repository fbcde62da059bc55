// The New run form's spec, per model kind, is one the backend accepts as it stands.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../../../core/common/spec/experiment-spec';
import { DEFAULT_RUN_FORM, IRNN, formFromSpec, modelKindOf, specFromForm, type RunFormFields } from '../../../renderer/src/composables/run-form-spec';

const fields: RunFormFields = {
  ...DEFAULT_RUN_FORM,
  cell: 'gru',
  hiddenSize: 16,
  numLayers: 2,
  bidirectional: true,
  attentionSize: 8,
  decoderHiddenSize: 0,
  optimizer: 'adam',
  learningRate: 0.01,
  steps: 50,
  batchSize: 8,
  clip: 'norm',
  clipMax: 1,
  seed: 3,
  threads: 2,
};

describe('specFromForm', () => {
  it('picks the model kind from the task shape, and from a dataset kind', () => {
    expect(modelKindOf({ task: 'reverse-string', shape: 'seq2seq' })).toBe('seq2seq');
    expect(modelKindOf({ task: 'waveform-generation', shape: 'one-to-many' })).toBe('conditioned');
    expect(modelKindOf({ task: 'adding-problem', shape: 'many-to-one' })).toBe('sequence');
    expect(modelKindOf({ dataset: 4, kind: 'pairs' })).toBe('seq2seq');
    expect(modelKindOf({ dataset: 4, kind: 'series' })).toBe('sequence');
  });

  it('builds an encoder–decoder with attention (or none at size 0) that validates', () => {
    const spec = specFromForm(fields, { task: 'reverse-string', shape: 'seq2seq' });
    const parsed = parseExperimentSpec(spec);
    expect(parsed.ok && parsed.spec.model).toMatchObject({
      kind: 'seq2seq',
      cell: 'gru',
      numLayers: 2,
      bidirectional: true,
      attention: { size: 8 },
      decoder: {},
    });
    expect(parsed.ok && parsed.spec.training.threads).toBe(1);
    const plain = parseExperimentSpec(specFromForm({ ...fields, attentionSize: 0, decoderHiddenSize: 32 }, { task: 'reverse-string', shape: 'seq2seq' }));
    expect(plain.ok && plain.spec.model).toMatchObject({ attention: null, decoder: { hiddenSize: 32 } });
  });

  it('builds a conditioned decoder for one-to-many and a sequence model otherwise, both valid', () => {
    const conditioned = parseExperimentSpec(specFromForm(fields, { task: 'waveform-generation', shape: 'one-to-many' }));
    expect(conditioned.ok && conditioned.spec.model).toEqual({ kind: 'conditioned', cell: 'gru', hiddenSize: 16, embeddingDim: 32 });
    const sequence = parseExperimentSpec(specFromForm(fields, { task: 'adding-problem', shape: 'many-to-one' }));
    expect(sequence.ok && sequence.spec.model).toMatchObject({ kind: 'sequence', numLayers: 2, bidirectional: true });
    expect(sequence.ok && sequence.spec.training).toMatchObject({ threads: 2, clip: { kind: 'norm', max: 1 } });
  });
});

describe('specFromForm and formFromSpec', () => {
  const shapeOf = (id: string) => ({ 'adding-problem': 'many-to-one', 'reverse-string': 'seq2seq' })[id];

  it('gives IRNN as a ReLU RNN with identity recurrent init, distinct from the plain ReLU RNN', () => {
    const irnn = parseExperimentSpec(specFromForm({ ...fields, cell: IRNN }, { task: 'adding-problem', shape: 'many-to-one' }));
    expect(irnn.ok && irnn.spec.model).toMatchObject({ cell: 'rnn_relu', init: { recurrent: 'identity' } });
    const relu = parseExperimentSpec(specFromForm({ ...fields, cell: 'rnn_relu' }, { task: 'adding-problem', shape: 'many-to-one' }));
    expect(relu.ok && relu.spec.model).toMatchObject({ cell: 'rnn_relu', init: { recurrent: 'pytorch' } });
  });

  it("writes the task's parameters and the schema-laid fields, leaving out those of a variant no longer chosen", () => {
    const spec = specFromForm(
      {
        ...fields,
        optimizer: 'adam',
        taskParams: { length: 12 },
        extra: { 'model.dropout': 0.25, 'training.optimizer.weightDecay': 0.01, 'training.optimizer.momentum': 0.9, name: 'mine' },
      },
      { task: 'adding-problem', shape: 'many-to-one' },
    );
    const parsed = parseExperimentSpec(spec);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.spec).toMatchObject({
      name: 'mine',
      task: { params: { length: 12 } },
      model: { dropout: 0.25 },
      training: { optimizer: { kind: 'adam', weightDecay: 0.01 } },
    });
    expect(JSON.stringify(spec)).not.toContain('momentum');
  });

  it('shows a preset-like spec in the form and gives back the same spec', () => {
    const spec = {
      name: 'IRNN on adding',
      task: { id: 'adding-problem', params: { length: 20 } },
      model: { cell: 'rnn_relu', hiddenSize: 32, init: { recurrent: 'identity', identityScale: 0.5 } },
      training: { learningRate: 0.0005, schedule: { kind: 'cosine', minLr: 0.00001 }, evalEvery: 25, optimizer: { kind: 'sgd', momentum: 0.9 } },
    };
    const shown = formFromSpec(spec, shapeOf);
    expect(shown.ok && shown.fields.cell).toBe(IRNN);
    expect(shown.ok && shown.fields.extra).toMatchObject({
      name: 'IRNN on adding',
      'model.init.identityScale': 0.5,
      'training.schedule.kind': 'cosine',
      'training.evalEvery': 25,
    });
    const back = shown.ok ? parseExperimentSpec(specFromForm(shown.fields, { task: shown.taskId, shape: 'many-to-one' })) : null;
    const original = parseExperimentSpec(spec);
    expect(back?.ok && original.ok && back.spec).toEqual(original.ok && original.spec);
  });

  it('refuses, saying why, a spec it cannot show: invalid, or of an unknown task', () => {
    expect(formFromSpec({ task: { id: 'adding-problem' }, training: { learningRate: 'fast' } }, shapeOf)).toMatchObject({
      ok: false,
      message: expect.stringContaining('training.learningRate'),
    });
    expect(formFromSpec({ task: { id: 'no-such-task' } }, shapeOf)).toMatchObject({ ok: false, message: expect.stringContaining('no-such-task') });
  });
});
