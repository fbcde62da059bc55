// The seq2seq export's two ModelProtos: graph inputs / outputs per configuration, the `seqlab.seq2seq`
// description (role, pairing, sizes, BOS / EOS) and the SeqLab metadata keys, both readable back;
// pairing ties exactly the graphs of one export; reserved keys are refused.

import { describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { buildSeq2SeqOnnx, pairingDigest } from '../../../../../core/common/onnx/seq2seq/seq2seq-export';
import { SEQ2SEQ_METADATA_KEY, buildSeq2SeqMetadata, pairingProblem, parseSeq2SeqDescription } from '../../../../../core/common/onnx/seq2seq/seq2seq-metadata';
import type { onnx } from '../../../../../core/common/onnx/proto';
import { parseSeqlabMetadata } from '../../../../../core/common/onnx/seqlab-metadata';
import { createTask } from '../../../../../core/common/tasks/registry';
import type { Seq2SeqConfig } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { seededModel } from '../../models/seq2seq/seq2seq-helpers';

const task = (() => {
  const t = createTask('reverse-string', { alphabet: 6, minLength: 2, maxLength: 5 });
  if (!t.ok) throw new Error('reverse-string');
  return t.value;
})();
const V = 10; // 4 reserved + 6 letters
const withAttention: Seq2SeqConfig = {
  source: { kind: 'tokens', vocab: V },
  targetVocab: V,
  encoder: { cell: 'gru', hiddenSize: 3, bidirectional: true, embeddingDim: 2 },
  decoder: { cell: 'lstm', hiddenSize: 4, embeddingDim: 3 },
  attention: { size: 3 },
};
const plain: Seq2SeqConfig = {
  ...withAttention,
  encoder: { cell: 'rnn_tanh', hiddenSize: 4, embeddingDim: 2 },
  decoder: { cell: 'gru', hiddenSize: 4, embeddingDim: 3 },
  attention: null,
};

const props = (m: onnx.IModelProto): Record<string, string> => Object.fromEntries((m.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
const names = (values: onnx.IValueInfoProto[] | null | undefined): string[] => (values ?? []).map((v) => v.name ?? '');
const provenance = { seqlabVersion: '9.9.9', runId: 12, spec: { seed: 1 }, checkpoint: { kind: 'best' as const, step: 40 } };
const metadata = { encoder: buildSeq2SeqMetadata(task, provenance, 'encoder'), 'decoder-step': buildSeq2SeqMetadata(task, provenance, 'decoder-step') };

describe('buildSeq2SeqOnnx', () => {
  it("declares the pair's inputs and outputs: attention and an LSTM decoder", () => {
    const { encoder, step, description } = buildSeq2SeqOnnx(seededModel(withAttention, 1));
    expect(names(encoder.graph?.input)).toEqual(['source', 'source_lens']);
    expect(names(encoder.graph?.output)).toEqual(['memory', 'h0', 'c0']);
    expect(names(step.graph?.input)).toEqual(['token', 'h', 'c', 'memory', 'source_lens']);
    expect(names(step.graph?.output)).toEqual(['logits', 'probs', 'h_next', 'c_next', 'attention']);
    expect(description.encoderGraph).toEqual({ inputs: ['source', 'source_lens'], outputs: ['memory', 'h0', 'c0'] });
    expect(description.stepGraph.outputs).toEqual(['logits', 'probs', 'h_next', 'c_next', 'attention']);
    expect(description.bridge).toBe('linear');
    expect(description.attention).toEqual({ size: 3, bias: true, contextToOutput: true });
  });

  it('leaves memory, source_lens and attention out of a step graph without attention', () => {
    const { encoder, step, description } = buildSeq2SeqOnnx(seededModel(plain, 1));
    expect(names(encoder.graph?.output)).toEqual(['memory', 'h0']);
    expect(names(step.graph?.input)).toEqual(['token', 'h']);
    expect(names(step.graph?.output)).toEqual(['logits', 'probs', 'h_next']);
    expect(description.bridge).toBe('copy');
    expect(description.attention).toBeNull();
  });

  it('writes the description and the SeqLab metadata into both graphs, readable back', () => {
    const model = seededModel(withAttention, 1);
    const built = buildSeq2SeqOnnx(model, { metadata, producerVersion: '9.9.9' });
    const enc = parseSeq2SeqDescription(props(built.encoder));
    const dec = parseSeq2SeqDescription(props(built.step));
    if (!enc.ok || !dec.ok) throw new Error('descriptions should parse');
    expect(enc.description.role).toBe('encoder');
    expect(dec.description.role).toBe('decoder-step');
    expect(pairingProblem(enc.description, dec.description)).toBeNull();
    expect(pairingProblem(dec.description, enc.description)).toMatch(/not the encoder/);
    expect(enc.description.pairing).toBe(pairingDigest(model));
    expect(enc.description).toMatchObject({
      bos: BOS_ID,
      eos: EOS_ID,
      targetVocab: V,
      source: { kind: 'tokens', vocabSize: V },
      encoder: { cell: 'gru', hiddenSize: 3, numLayers: 1, bidirectional: true, outputSize: 6 },
    });
    for (const m of [built.encoder, built.step]) {
      const read = parseSeqlabMetadata(props(m));
      if (!read.ok) throw new Error(read.message);
      expect(read.metadata.runId).toBe(12);
      expect(read.metadata.checkpoint).toEqual({ kind: 'best', step: 40 });
      expect(read.metadata.task.shape).toBe('seq2seq');
      expect(read.metadata.input.encoding.kind).toBe('tokens');
      expect(read.metadata.output.encoding.kind).toBe('tokens');
    }
    expect(props(built.encoder)['seqlab.description']).toMatch(/encoder graph/);
    expect(props(built.step)['seqlab.description']).toMatch(/decoder-step graph/);
    expect(built.encoder.producerVersion).toBe('9.9.9');
  });

  it('ties only the graphs of one export: other weights, another pairing', () => {
    const a = seededModel(withAttention, 1),
      b = seededModel(withAttention, 2);
    expect(pairingDigest(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(pairingDigest(a)).toBe(pairingDigest(seededModel(withAttention, 1)));
    expect(pairingDigest(b)).not.toBe(pairingDigest(a));
    const relu = seededModel({ ...plain, decoder: { ...plain.decoder, cell: 'rnn_relu' } }, 1);
    const tanh = seededModel({ ...plain, decoder: { ...plain.decoder, cell: 'rnn_tanh' } }, 1);
    expect(pairingDigest(relu)).not.toBe(pairingDigest(tanh)); // same shapes and weights, another cell
    const enc = parseSeq2SeqDescription(props(buildSeq2SeqOnnx(a).encoder));
    const dec = parseSeq2SeqDescription(props(buildSeq2SeqOnnx(b).step));
    if (!enc.ok || !dec.ok) throw new Error('descriptions should parse');
    expect(pairingProblem(enc.description, dec.description)).toMatch(/different exports/);
  });

  it('refuses reserved metadata keys and reads a graph without the description as not SeqLab seq2seq', () => {
    const model = seededModel(plain, 1);
    expect(() => buildSeq2SeqOnnx(model, { metadata: { encoder: { [SEQ2SEQ_METADATA_KEY]: 'x' }, 'decoder-step': {} } })).toThrow(/reserved/);
    expect(() => buildSeq2SeqOnnx(model, { metadata: { encoder: {}, 'decoder-step': { 'seqlab.graph': 'x' } } })).toThrow(/reserved/);
    expect(parseSeq2SeqDescription({})).toEqual({ ok: false, message: expect.stringMatching(/not one graph of a SeqLab encoder–decoder/) });
    expect(parseSeq2SeqDescription({ [SEQ2SEQ_METADATA_KEY]: '{"format":1}' })).toEqual({ ok: false, message: expect.stringMatching(/is not valid/) });
  });
});
