// The New run form's spec, per model kind, is one the backend accepts as it stands.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../../../core/common/spec/experiment-spec';
import { DEFAULT_RUN_FORM, modelKindOf, specFromForm, type RunFormFields } from '../../../renderer/src/composables/run-form-spec';

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
