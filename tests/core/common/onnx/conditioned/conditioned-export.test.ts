// The one-to-many export's two ModelProtos: graph inputs / outputs per configuration (class or feature
// condition, values or tokens, LSTM state), the `seqlab.conditioned` description (role, pairing, sizes,
// first input) and the SeqLab metadata keys with the condition's labels, both readable back; pairing ties
// exactly the graphs of one export; reserved keys and out-of-range start tokens are refused.

import { describe, expect, it } from 'vitest';
import { buildConditionedOnnx } from '../../../../../core/common/onnx/conditioned/conditioned-export';
import {
  CONDITIONED_METADATA_KEY,
  buildConditionedMetadata,
  conditionedPairingProblem,
  parseConditionedDescription,
} from '../../../../../core/common/onnx/conditioned/conditioned-metadata';
import type { onnx } from '../../../../../core/common/onnx/proto';
import { parseSeqlabMetadata } from '../../../../../core/common/onnx/seqlab-metadata';
import { Rng } from '../../../../../core/common/random/rng';
import type { ConditionedModelConfig } from '../../../../../core/common/models/conditioned/conditioned-model';
import { ConditionedModel } from '../../../../../core/common/models/conditioned/conditioned-model';
import { initialiseConditioned } from '../../../../../core/common/models/conditioned/init';
import { createTask } from '../../../../../core/common/tasks/registry';

const waveform: ConditionedModelConfig = {
  condition: { kind: 'class', classes: 4 },
  decoderInput: { kind: 'dense', features: 1 },
  outputSize: 1,
  cell: 'lstm',
  hiddenSize: 5,
};
const wordy: ConditionedModelConfig = {
  condition: { kind: 'dense', features: 3 },
  decoderInput: { kind: 'tokens', vocab: 9, embeddingDim: 4 },
  outputSize: 9,
  cell: 'gru',
  hiddenSize: 6,
};

function seeded(config: ConditionedModelConfig, seed: number): ConditionedModel {
  const model = new ConditionedModel(config);
  initialiseConditioned(model, new Rng(seed));
  return model;
}

const props = (m: onnx.IModelProto): Record<string, string> => Object.fromEntries((m.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
const names = (values: onnx.IValueInfoProto[] | null | undefined): string[] => (values ?? []).map((v) => v.name ?? '');
const elemType = (values: onnx.IValueInfoProto[] | null | undefined, i: number): number | null | undefined => values?.[i]?.type?.tensorType?.elemType;

describe('buildConditionedOnnx', () => {
  it('declares a class-conditioned LSTM value decoder: class id in, h0 and c0 out; previous values in, values out', () => {
    const { condition, step, description } = buildConditionedOnnx(seeded(waveform, 1));
    expect(names(condition.graph?.input)).toEqual(['condition']);
    expect(elemType(condition.graph?.input, 0)).toBe(7); // int64
    expect(names(condition.graph?.output)).toEqual(['h0', 'c0']);
    expect(names(step.graph?.input)).toEqual(['previous', 'h', 'c']);
    expect(names(step.graph?.output)).toEqual(['values', 'h_next', 'c_next']);
    expect(description).toMatchObject({
      format: 1,
      role: 'condition',
      condition: { kind: 'class', classes: 4 },
      decoder: { cell: 'lstm', hiddenSize: 5, input: { kind: 'dense', features: 1 } },
      output: { kind: 'values', size: 1 },
      start: { kind: 'zeros' },
      end: null,
      conditionGraph: { inputs: ['condition'], outputs: ['h0', 'c0'] },
      stepGraph: { inputs: ['previous', 'h', 'c'], outputs: ['values', 'h_next', 'c_next'] },
    });
  });

  it('declares a feature-conditioned GRU token decoder: features in, h0 out; token in, logits and probs out', () => {
    const { condition, step, description } = buildConditionedOnnx(seeded(wordy, 1), { tokens: { start: 1, end: 2 } });
    expect(names(condition.graph?.input)).toEqual(['condition']);
    expect(elemType(condition.graph?.input, 0)).toBe(1); // float
    expect(names(condition.graph?.output)).toEqual(['h0']);
    expect(names(step.graph?.input)).toEqual(['token', 'h']);
    expect(names(step.graph?.output)).toEqual(['logits', 'probs', 'h_next']);
    expect(description).toMatchObject({
      decoder: { input: { kind: 'tokens', vocabSize: 9, embeddingDim: 4 } },
      output: { kind: 'logits', size: 9 },
      start: { kind: 'token', id: 1 },
      end: 2,
    });
    expect(() => buildConditionedOnnx(seeded(wordy, 1), { tokens: { start: 9, end: null } })).toThrow(/start token 9 is outside 0..8/);
  });

  it("writes the description and the SeqLab metadata (the condition's labels, what each graph means) into both graphs", () => {
    const task = createTask('waveform-generation', { classes: 4, length: 12, period: 6 });
    if (!task.ok) throw new Error('waveform-generation');
    const provenance = { seqlabVersion: '9.9.9', runId: 7, spec: { seed: 1 }, checkpoint: { kind: 'latest' as const, step: 30 } };
    const metadata = {
      condition: buildConditionedMetadata(task.value, provenance, 'condition'),
      'decoder-step': buildConditionedMetadata(task.value, provenance, 'decoder-step'),
    };
    const built = buildConditionedOnnx(seeded(waveform, 1), { metadata, producerVersion: '9.9.9' });
    const first = parseConditionedDescription(props(built.condition));
    const second = parseConditionedDescription(props(built.step));
    if (!first.ok || !second.ok) throw new Error('descriptions should parse');
    expect([first.description.role, second.description.role]).toEqual(['condition', 'decoder-step']);
    expect(conditionedPairingProblem(first.description, second.description)).toBeNull();
    expect(conditionedPairingProblem(second.description, first.description)).toMatch(/not the condition graph/);
    for (const m of [built.condition, built.step]) {
      const read = parseSeqlabMetadata(props(m));
      if (!read.ok) throw new Error(read.message);
      expect(read.metadata).toMatchObject({ runId: 7, checkpoint: { kind: 'latest', step: 30 }, task: { id: 'waveform-generation', shape: 'one-to-many' } });
      expect(read.metadata.input.encoding).toEqual({ kind: 'classes', labels: ['sine', 'square', 'triangle', 'rising sawtooth'] });
      expect(read.metadata.output).toMatchObject({ encoding: { kind: 'dense', names: ['y(t)'] }, values: 'values', readout: 'every-step' });
    }
    expect(JSON.parse(props(built.condition)['seqlab.input'] ?? '{}').meaning).toMatch(/class id/);
    expect(JSON.parse(props(built.step)['seqlab.input'] ?? '{}').meaning).toMatch(/^previous \[B, O\]/);
    expect(props(built.condition)['seqlab.description']).toMatch(
      /condition graph of a SeqLab 9\.9\.9 one-to-many model trained on task "waveform-generation" in run 7/,
    );
    expect(built.step.producerVersion).toBe('9.9.9');
  });

  it('ties only the graphs of one export, and refuses reserved metadata keys', () => {
    const a = buildConditionedOnnx(seeded(waveform, 1)),
      b = buildConditionedOnnx(seeded(waveform, 2));
    expect(a.description.pairing).toMatch(/^[0-9a-f]{16}$/);
    expect(buildConditionedOnnx(seeded(waveform, 1)).description.pairing).toBe(a.description.pairing);
    expect(buildConditionedOnnx(seeded({ ...waveform, cell: 'gru' }, 1)).description.pairing).not.toBe(a.description.pairing);
    const first = parseConditionedDescription(props(a.condition)),
      second = parseConditionedDescription(props(b.step));
    if (!first.ok || !second.ok) throw new Error('descriptions should parse');
    expect(conditionedPairingProblem(first.description, second.description)).toMatch(/different exports/);
    const model = seeded(waveform, 1);
    expect(() => buildConditionedOnnx(model, { metadata: { condition: { [CONDITIONED_METADATA_KEY]: 'x' }, 'decoder-step': {} } })).toThrow(/reserved/);
    expect(() => buildConditionedOnnx(model, { metadata: { condition: {}, 'decoder-step': { 'seqlab.graph': 'x' } } })).toThrow(/reserved/);
    expect(parseConditionedDescription({})).toEqual({ ok: false, message: expect.stringMatching(/not one graph of a SeqLab one-to-many model/) });
    expect(parseConditionedDescription({ [CONDITIONED_METADATA_KEY]: '{"format":1}' })).toEqual({ ok: false, message: expect.stringMatching(/is not valid/) });
  });
});
