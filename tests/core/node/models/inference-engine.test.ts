// The inference engine on exported files: generation with the state carried between calls equals
// one-shot generation (greedy and seeded sampling), predictions match SeqLab's forward, forecasts
// slide the window over their own predictions, and bad requests come back as readable outcomes.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Forecast, Generation, ModelInfo, Prediction } from '../../../../core/common/api/entities';
import { sequenceModelForward } from '../../../../core/common/onnx/parity';
import { InferenceEngine } from '../../../../core/node/models/inference-engine';
import type { GenerateRequest, InferenceOutcome, ModelRef } from '../../../../core/node/models/inference-protocol';
import { sha256Hex } from '../../../../core/node/onnx/write-model';
import { exportBytes, smallModel, task } from '../../common/onnx/model-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'seqlab-inference-'));
const engine = new InferenceEngine();
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const charLm = task('char-lm', { window: 7, corpusLength: 1000 });
const waveforms = task('waveform-classification', { classes: 3, length: 9 });
const sine = task('sine-forecast', { window: 6, horizon: 2 });

function exported(
  name: string,
  t: typeof charLm,
  model = smallModel(t, { cell: 'gru', numLayers: 2, bidirectional: false, hiddenSize: 8 }),
): ModelRef & { model: typeof model } {
  const bytes = exportBytes(model, t, 3);
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, bytes);
  return { exportId: 1, path, sha256: sha256Hex(bytes), model };
}

function value<T>(outcome: InferenceOutcome<unknown>): T {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as T;
}

describe('InferenceEngine', () => {
  const lm = exported('lm', charLm, smallModel(charLm, { cell: 'lstm', numLayers: 2, bidirectional: false, hiddenSize: 8 }, 5));
  const generate = (request: Partial<GenerateRequest>) => engine.handle({ type: 'generate', model: lm, prompt: '', length: 10, temperature: 0, ...request });

  it('generates the same text in two calls with carried state as in one', async () => {
    const whole = value<Generation>(await generate({ prompt: 'the ', length: 30 }));
    const first = value<Generation>(await generate({ prompt: 'the ', length: 12 }));
    const rest = value<Generation>(await generate({ length: 18, stream: first.stream }));
    expect(rest.stream).toBe(first.stream);
    expect(first.text + rest.text).toBe(whole.text);
    expect(whole.tokens).toBe(30);

    const sampled = value<Generation>(await generate({ prompt: 'a', length: 25, temperature: 1.2, topK: 5, seed: 42 }));
    const part = value<Generation>(await generate({ prompt: 'a', length: 10, temperature: 1.2, topK: 5, seed: 42 }));
    const more = value<Generation>(await generate({ length: 15, temperature: 1.2, topK: 5, stream: part.stream }));
    expect(part.text + more.text).toBe(sampled.text);
  });

  it('continues a stream from an extra prompt, and refuses unknown streams and empty starts', async () => {
    const first = value<Generation>(await generate({ prompt: 'in', length: 5 }));
    expect(value<Generation>(await generate({ prompt: ' the', length: 5, stream: first.stream })).tokens).toBe(5);
    expect(await generate({ stream: 'nope' })).toMatchObject({ ok: false, code: 'unknown-stream' });
    expect(await generate({ prompt: '' })).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('describes what a model takes and returns from its own metadata', async () => {
    const info = value<ModelInfo>(await engine.handle({ type: 'describe', model: lm }));
    expect(info).toMatchObject({
      runId: 3,
      task: { id: 'char-lm' },
      cell: 'lstm',
      numLayers: 2,
      canGenerate: true,
      canForecast: false,
      requests: ['predict', 'generate'],
    });
    expect(info.input).toMatchObject({ kind: 'tokens', tokenization: 'characters' });
  });

  it('classifies a sequence as SeqLab does', async () => {
    const ref = exported('waveforms', waveforms);
    const values = Array.from({ length: 9 }, (_, t) => [Math.sin(t)]);
    const prediction = value<Prediction>(await engine.handle({ type: 'predict', model: ref, input: { values } }));
    const expected = sequenceModelForward(
      ref.model,
      { kind: 'dense', x: Float32Array.from(values.flat()), features: 1 },
      9,
      1,
      Int32Array.of(9),
      new Float32Array(16),
      null,
      true,
    );
    expect(prediction.readout).toBe('final-state');
    expect(prediction.outputNames).toEqual(waveforms.output.kind === 'classes' ? waveforms.output.labels : []);
    expect(prediction.rows).toHaveLength(1);
    prediction.rows[0]?.forEach((p, k) => expect(Math.abs(p - (expected.y[k] as number))).toBeLessThanOrEqual(1e-5));
    expect(prediction.predicted).toHaveLength(1);
    expect(await engine.handle({ type: 'predict', model: ref, input: { text: 'abc' } })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await engine.handle({ type: 'predict', model: ref, input: { values: [[1, 2]] } })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await engine.handle({ type: 'generate', model: ref, prompt: 'x', length: 3, temperature: 0 })).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('forecasts by sliding the window over its own predictions', async () => {
    const ref = exported('sine', sine);
    const series = Array.from({ length: 6 }, (_, t) => Math.sin(t / 2));
    const forecast = value<Forecast>(await engine.handle({ type: 'forecast', model: ref, values: series.map((v) => [v]), steps: 5 }));
    expect(forecast.values).toHaveLength(5);
    // By hand: windows of 6 from the zero state, 2 values each.
    const window = [...series];
    const expected: number[] = [];
    while (expected.length < 5) {
      const { y } = sequenceModelForward(
        ref.model,
        { kind: 'dense', x: Float32Array.from(window.slice(-6)), features: 1 },
        6,
        1,
        Int32Array.of(6),
        new Float32Array(16),
        null,
        false,
      );
      expected.push(y[0] as number, y[1] as number);
      window.push(y[0] as number, y[1] as number);
    }
    forecast.values.forEach(([v], i) => expect(Math.abs((v as number) - (expected[i] as number))).toBeLessThanOrEqual(1e-5));
  });

  it('refuses a file that changed since it was exported', async () => {
    const ref = exported('changed', charLm);
    expect(await engine.handle({ type: 'describe', model: { ...ref, sha256: '0'.repeat(64) } })).toMatchObject({ ok: false, code: 'model-changed' });
    expect(await engine.handle({ type: 'describe', model: { ...ref, path: join(dir, 'missing.onnx') } })).toMatchObject({
      ok: false,
      code: 'model-unreadable',
    });
  });

  it("tells a two-graph export by its first graph: one of neither known kind, or one that is gone, is refused by name; a single graph is refused the other kinds' calls", async () => {
    const single = exported('single', charLm);
    const pairOf = (path: string): ModelRef => ({ exportId: 2, path, decoderStep: { path: single.path } });
    expect(await engine.handle({ type: 'translate', model: pairOf(single.path), source: 'ab', maxLength: 3, temperature: 0 })).toEqual({
      ok: false,
      code: 'not-seqlab',
      message: `${single.path} has no "seqlab.seq2seq" or "seqlab.conditioned" metadata, so it is not the first graph of a SeqLab two-graph export; export the model again.`,
    });
    expect(await engine.handle({ type: 'describe', model: pairOf(join(dir, 'gone.onnx')) })).toMatchObject({
      ok: false,
      code: 'model-unreadable',
      message: expect.stringContaining('gone.onnx'),
    });
    expect(await engine.handle({ type: 'translate', model: single, source: 'ab', maxLength: 3, temperature: 0 })).toEqual({
      ok: false,
      code: 'unsupported',
      message: 'This model is not an encoder–decoder; models.translate needs a seq2seq export.',
    });
    expect(await engine.handle({ type: 'unroll', model: single, condition: 'a', length: 3, temperature: 0 })).toMatchObject({
      ok: false,
      code: 'unsupported',
      message: expect.stringMatching(/^This model is not a one-to-many model/),
    });
  });
});
