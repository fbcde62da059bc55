// The inference worker's encoder–decoder pairs (Seq2SeqPairs) on files written here: a translation is
// SeqLab's own greedy generation for the same source, decoded through the task's vocabulary, with its
// attention rows; a file changed since export, a missing one, and a dense-source model are refused, and
// a graph of a pair opened as a single model says what it is.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { beamSearch } from '../../../../../core/common/generate/beam-search';
import { exportSeq2SeqOnnx } from '../../../../../core/common/onnx/seq2seq/seq2seq-export';
import { buildSeq2SeqMetadata } from '../../../../../core/common/onnx/seq2seq/seq2seq-metadata';
import { seq2seqTrace } from '../../../../../core/common/onnx/seq2seq/seq2seq-parity';
import type { Seq2SeqConfig } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { createTask } from '../../../../../core/common/tasks/registry';
import { openSeqlabModel } from '../../../../../core/node/models/inference-model';
import { Seq2SeqPairs } from '../../../../../core/node/models/seq2seq/inference-translate';
import type { ModelRef } from '../../../../../core/node/models/inference-protocol';
import { sha256Hex } from '../../../../../core/node/onnx/write-model';
import { seededModel } from '../../../common/models/seq2seq/seq2seq-helpers';
import { seqlabGenerate } from './seq2seq-onnx-helpers';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-translate-'));
const pairs = new Seq2SeqPairs();
afterAll(async () => {
  await pairs.close();
  rmSync(dir, { recursive: true, force: true });
});

const task = (() => {
  const t = createTask('reverse-string', { alphabet: 6, minLength: 2, maxLength: 6 });
  if (!t.ok) throw new Error('reverse-string');
  return t.value;
})();
const V = 10;
const config: Seq2SeqConfig = {
  source: { kind: 'tokens', vocab: V },
  targetVocab: V,
  encoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 4 },
  decoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 4 },
  attention: { size: 4 },
};
const provenance = { seqlabVersion: '0.0.0', runId: null, spec: null };

function writePair(name: string, modelConfig: Seq2SeqConfig, seed: number): ModelRef {
  const bytes = exportSeq2SeqOnnx(seededModel(modelConfig, seed), {
    metadata: { encoder: buildSeq2SeqMetadata(task, provenance, 'encoder'), 'decoder-step': buildSeq2SeqMetadata(task, provenance, 'decoder-step') },
  });
  const encoder = join(dir, `${name}.onnx`),
    step = join(dir, `${name}.step.onnx`);
  writeFileSync(encoder, bytes.encoder);
  writeFileSync(step, bytes.step);
  return { exportId: null, path: encoder, sha256: sha256Hex(bytes.encoder), decoderStep: { path: step, sha256: sha256Hex(bytes.step) } };
}

describe('Seq2SeqPairs', () => {
  it("translates a source string into SeqLab's own greedy output, with its attention rows", async () => {
    const ref = writePair('a', config, 3);
    const model = seededModel(config, 3);
    const out = await pairs.translate(ref, { source: 'fedcab', maxLength: 9, temperature: 0 });
    if (!out.ok) throw new Error(out.message);
    const vocabulary = task.input.kind === 'tokens' ? task.input.vocabulary : null;
    const ids = Int32Array.from(vocabulary?.encode('fedcab') ?? []);
    const source = { input: { kind: 'tokens' as const, ids }, S: 6, B: 1, lengths: Int32Array.of(6) };
    const ours = seqlabGenerate(model, source, { start: BOS_ID, end: EOS_ID, maxLength: 9, strategy: { kind: 'greedy' } }).tokens[0] as Int32Array;
    expect(out.value.sourceTokens).toEqual(['f', 'e', 'd', 'c', 'a', 'b']);
    expect(out.value.tokens).toEqual(Array.from(ours, (id) => vocabulary?.token(id)));
    expect(out.value.text).toBe(vocabulary?.decodeText(ours, '', { stopAtEos: true, skipSpecial: true }));
    const trace = seq2seqTrace(model, source, ours.length, Int32Array.from([BOS_ID, ...Array.from(ours).slice(0, -1)]));
    out.value.attention?.forEach((row, t) => {
      row.forEach((a, s) => expect(Math.abs(a - (trace.steps[t]?.attention?.[s] as number))).toBeLessThanOrEqual(1e-6));
    });
  });

  it("translates with beam search: SeqLab's own best hypothesis first, all K kept with their scores; sampling options are refused", async () => {
    const ref = writePair('beam', config, 6);
    const model = seededModel(config, 6);
    const out = await pairs.translate(ref, { source: 'cafe', maxLength: 8, temperature: 0, beam: 3 });
    if (!out.ok) throw new Error(out.message);
    const vocabulary = task.output.kind === 'tokens' ? task.output.vocabulary : null;
    const ids = Int32Array.from(task.input.kind === 'tokens' ? task.input.vocabulary.encode('cafe') : []);
    const session = model.session({ kind: 'tokens', vocab: V, ids }, 4, 1, Int32Array.of(4), 3);
    const ours = beamSearch(session, { beamWidth: 3, start: BOS_ID, end: EOS_ID, maxLength: 8 })[0] ?? [];
    expect(out.value.beams?.map((h) => h.tokens)).toEqual(ours.map((h) => Array.from(h.tokens, (id) => vocabulary?.token(id))));
    out.value.beams?.forEach((h, i) => expect(Math.abs(h.score - (ours[i]?.score ?? NaN))).toBeLessThanOrEqual(1e-5));
    expect(out.value.tokens).toEqual(out.value.beams?.[0]?.tokens);
    expect(out.value.finished).toBe(ours[0]?.finished);
    expect(out.value.attention?.length).toBe(out.value.tokens.length);
    // greedy is the default: without beam there is no list of hypotheses
    const greedy = await pairs.translate(ref, { source: 'cafe', maxLength: 8, temperature: 0 });
    expect(greedy.ok && greedy.value.beams).toBeUndefined();
    expect(await pairs.translate(ref, { source: 'cafe', maxLength: 8, temperature: 0.7, beam: 3 })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message: expect.stringMatching(/Beam search \(beam 3\).*does not sample/),
    });
    expect(await pairs.translate(ref, { source: 'cafe', maxLength: 8, temperature: 0, seed: 1, beam: 2 })).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('refuses a changed or missing file, and text for a model with dense sources', async () => {
    const ref = writePair('b', config, 4);
    writeFileSync(ref.decoderStep?.path as string, Uint8Array.of(1, 2, 3));
    expect(await pairs.translate(ref, { source: 'ab', maxLength: 3, temperature: 0 })).toMatchObject({ ok: false, code: 'model-changed' });
    expect(await pairs.translate({ ...ref, path: join(dir, 'gone.onnx') }, { source: 'ab', maxLength: 3, temperature: 0 })).toMatchObject({
      ok: false,
      code: 'model-unreadable',
    });
    const dense = writePair('c', { ...config, source: { kind: 'dense', features: 2 } }, 5);
    expect(await pairs.describe(dense)).toMatchObject({
      ok: true,
      value: { task: { shape: 'seq2seq' }, cell: 'lstm', canGenerate: false, input: { kind: 'dense', size: 2 } },
    });
    expect(await pairs.translate(dense, { source: 'ab', maxLength: 3, temperature: 0 })).toMatchObject({ ok: false, code: 'unsupported' });
    // Opened as a single model (seqlab infer FILE), either graph says what it is.
    expect(await openSeqlabModel(dense.path)).toMatchObject({
      ok: false,
      code: 'not-seqlab',
      message: expect.stringMatching(/encoder–decoder.*models\.translate/),
    });
  });
});
