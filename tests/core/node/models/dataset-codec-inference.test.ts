// Inference in the dataset's own units: a model exported from a run on an imported dataset carries the
// dataset's codec in its metadata, so predict / forecast take and return values in the file's units
// (z-scored in, scaled back out) and text is tokenised as the import did — from the .onnx file alone.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResponse } from '../../../../core/common/api/contract';
import type { Forecast, Generation, ModelInfo, Prediction } from '../../../../core/common/api/entities';
import { datasetCodec, datasetCodecJson } from '../../../../core/common/data/import/dataset-codec';
import type { SeriesEncoder } from '../../../../core/common/data/import/encoder';
import { exportableFromSequenceModel } from '../../../../core/common/onnx/from-sequence-model';
import { exportOnnxModel } from '../../../../core/common/onnx/model-builder';
import { sequenceModelForward } from '../../../../core/common/onnx/parity';
import { readMetadata } from '../../../../core/common/onnx/proto';
import { METADATA_KEYS, parseSeqlabMetadata } from '../../../../core/common/onnx/seqlab-metadata';
import { taskForRun } from '../../../../core/node/data/run-spec';
import { restoreRunModel } from '../../../../core/node/models/sequence/sequence-export-job';
import { InferenceEngine } from '../../../../core/node/models/inference-engine';
import type { InferenceOutcome } from '../../../../core/node/models/inference-protocol';
import { sha256Hex } from '../../../../core/node/onnx/write-model';
import { callApi, createTestBackend } from '../backend/test-backend';
import { smallModel } from '../../common/onnx/model-fixtures';
import { taskFromText } from '../../common/data/import/run-plan';

let env: ReturnType<typeof createTestBackend>;
let dir: string;
const engine = new InferenceEngine();

beforeAll(() => {
  env = createTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'seqlab-codec-'));
});
afterAll(async () => {
  await engine.close();
  await env.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

function value<T>(outcome: InferenceOutcome<unknown>): T {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value as T;
}

/** Temperatures around 1000 with a swing of ±50: far from the z-scored range the network sees. */
const temperature = (t: number): number => 1000 + 50 * Math.sin(t / 5) + 0.01 * t;

describe('a series model exported from a run on an imported CSV', () => {
  it('forecasts and predicts in the file units, equal to SeqLab forward with manual normalisation', async () => {
    const csv = 'time,temp\n' + Array.from({ length: 200 }, (_, t) => `${t},${temperature(t).toFixed(4)}`).join('\n') + '\n';
    const path = join(dir, 'furnace.csv');
    writeFileSync(path, csv);
    const { dataset } = await call<ApiResponse<'datasets.import'>>('datasets.import', { path, options: { kind: 'series', columns: ['temp'], window: 8 } });
    const experiment = await call<{ id: number }>('experiments.create', { name: 'furnace' });
    const run = await call<{ id: number }>('runs.create', {
      experimentId: experiment.id,
      spec: {
        seed: 2,
        task: { dataset: dataset.id },
        model: { cell: 'gru', hiddenSize: 6 },
        training: { steps: 10, batchSize: 4, evalEvery: 5, evalBatches: 1, checkpointEvery: 5, gradNormsEvery: 0 },
      },
    });
    const ended = new Promise<ApiEvent<'run.status'>>((resolve) => {
      env.backend.events.subscribe((event, payload) => {
        const p = payload as ApiEvent<'run.status'>;
        if (event === 'run.status' && p.runId === run.id && ['completed', 'failed'].includes(p.status)) resolve(p);
      });
    });
    expect(await ended).toMatchObject({ status: 'completed' });
    const exported = await call<ApiResponse<'models.export'>>('models.export', { runId: run.id });
    expect(exported.parity?.passed).toBe(true);

    // The codec travels in the file: the target's z-score, fitted on the training rows only.
    const stored = env.backend.store.datasets.get(dataset.id);
    const encoder = stored?.encoder as SeriesEncoder;
    const z = encoder.normaliser.find((n) => n.name === 'temp');
    if (z === undefined) throw new Error('no normaliser for temp');
    const metadata = parseSeqlabMetadata(readMetadata(readFileSync(exported.path)));
    if (!metadata.ok) throw new Error(metadata.message);
    expect(metadata.metadata.datasetCodec).toEqual(datasetCodecJson(encoder));

    // SeqLab's own forward pass on the run's checkpoint, normalised and de-normalised by hand.
    const record = env.backend.store.runs.get(run.id);
    const checkpoint = env.backend.store.checkpoints.load(run.id, 'latest');
    if (!record || !checkpoint || !stored) throw new Error('run, checkpoint or dataset missing');
    const restored = restoreRunModel(await taskForRun(record.spec, stored), checkpoint.blob);
    if (!restored.ok) throw new Error(restored.message);
    const history = Array.from({ length: 8 }, (_, k) => Number(temperature(150 + k).toFixed(4)));
    const window = history.map((v) => (v - z.mean) / z.std);
    const expected: number[] = [];
    while (expected.length < 3) {
      const { y } = sequenceModelForward(
        restored.model,
        { kind: 'dense', x: Float32Array.from(window.slice(-8)), features: 1 },
        8,
        1,
        Int32Array.of(8),
        new Float32Array(6),
        null,
        false,
      );
      const next = y[0] as number;
      expected.push(next * z.std + z.mean);
      window.push(next);
    }

    const values = history.map((v) => [v]);
    const forecast = await call<Forecast>('models.forecast', { exportId: exported.id, values, steps: 3 });
    expect(forecast.featureNames).toEqual(['temp']);
    // float32 through onnxruntime: 1e-5 in z-scored units is about std · 1e-5 here, plus rounding at ≈ 1000
    forecast.values.forEach(([v], i) => {
      expect(v).toBeGreaterThan(800);
      expect(Math.abs((v as number) - (expected[i] as number))).toBeLessThanOrEqual(z.std * 1e-5 + 1e-3);
    });
    const prediction = await call<Prediction>('models.predict', { exportId: exported.id, input: { values } });
    expect(prediction.outputNames).toEqual(['temp(t+1)']);
    expect(Math.abs((prediction.rows[0]?.[0] as number) - (expected[0] as number))).toBeLessThanOrEqual(z.std * 1e-5 + 1e-3);

    const info = await call<ModelInfo>('models.describe', { exportId: exported.id });
    expect(info).toMatchObject({ canForecast: true, datasetCodec: expect.stringContaining("dataset's units") });

    // The file alone (no store, no dataset record): the same forecast.
    const alone = value<Forecast>(await engine.handle({ type: 'forecast', model: { exportId: null, path: exported.path }, values, steps: 3 }));
    expect(alone.values).toEqual(forecast.values);
  }, 180_000);
});

describe('a text model exported with its dataset codec', () => {
  it('tokenises prompts and inputs as the import did (lower-cased), from the file alone', async () => {
    const text = 'The cat sat.\r\nA cat ran.\n'.repeat(20);
    const { task, output } = taskFromText(text, { kind: 'text', lowercase: true, window: 6 }, 'cats.txt');
    const model = smallModel(task, { cell: 'lstm', numLayers: 1, bidirectional: false, hiddenSize: 6 }, 4);
    const codecJson = datasetCodecJson(output.encoder);
    const bytes = exportOnnxModel(exportableFromSequenceModel(model, task, { seqlabVersion: 'test', runId: null, spec: null, datasetCodec: codecJson }), {
      sequenceLens: true,
      carriedState: true,
    });
    expect(readMetadata(bytes)[METADATA_KEYS.description]).toContain('lower-cased');
    const path = join(dir, 'cats.onnx');
    writeFileSync(path, bytes);
    const ref = { exportId: null, path, sha256: sha256Hex(bytes) };

    const upper = value<Prediction>(await engine.handle({ type: 'predict', model: ref, input: { text: 'THE CAT\r\n' } }));
    const lower = value<Prediction>(await engine.handle({ type: 'predict', model: ref, input: { text: 'the cat\n' } }));
    expect(upper.rows).toEqual(lower.rows);
    // 'the cat\n' is 8 characters: CRLF is one line break, as in the import
    expect(upper.rows).toHaveLength(8);
    const ids = datasetCodec(codecJson);
    if (ids.kind !== 'text') throw new Error('text codec expected');
    const expected = sequenceModelForward(
      model,
      { kind: 'tokens', ids: ids.encode('the cat\n') },
      8,
      1,
      Int32Array.of(8),
      new Float32Array(6),
      new Float32Array(6),
      true,
    );
    upper.rows.flat().forEach((p, k) => expect(Math.abs(p - (expected.y[k] as number))).toBeLessThanOrEqual(1e-5));
    const tokens = value<Prediction>(await engine.handle({ type: 'predict', model: ref, input: { tokens: ['T', 'H', 'E'] } }));
    expect(tokens.rows).toEqual(upper.rows.slice(0, 3));

    const shouted = value<Generation>(await engine.handle({ type: 'generate', model: ref, prompt: 'A CAT', length: 8, temperature: 0 }));
    const quiet = value<Generation>(await engine.handle({ type: 'generate', model: ref, prompt: 'a cat', length: 8, temperature: 0 }));
    expect(shouted.text).toBe(quiet.text);
    const info = value<ModelInfo>(await engine.handle({ type: 'describe', model: ref }));
    expect(info.datasetCodec).toContain('characters, lower-cased');
  });
});

describe('a labelled-numbers model exported with its dataset codec', () => {
  it('z-scores the sequence with the dataset normaliser before classifying', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'high' : 'low'},${(i % 2 ? 500 : 100) + i} ${(i % 2 ? 520 : 90) + i}`);
    const { task, output } = taskFromText('label,sequence\n' + rows.join('\n'), { kind: 'labelled' });
    if (output.encoder.kind !== 'labelled' || output.encoder.normaliser === null) throw new Error('a numeric labelled dataset expected');
    const z = output.encoder.normaliser;
    const model = smallModel(task, { cell: 'gru', numLayers: 1, bidirectional: false, hiddenSize: 5 }, 2);
    const bytes = exportOnnxModel(
      exportableFromSequenceModel(model, task, { seqlabVersion: 'test', runId: null, spec: null, datasetCodec: datasetCodecJson(output.encoder) }),
      { sequenceLens: true, carriedState: true },
    );
    const path = join(dir, 'levels.onnx');
    writeFileSync(path, bytes);
    const raw = [480, 530, 505];
    const prediction = value<Prediction>(await engine.handle({ type: 'predict', model: { exportId: null, path }, input: { values: raw.map((v) => [v]) } }));
    const x = Float32Array.from(raw, (v) => (v - z.mean) / z.std);
    const expected = sequenceModelForward(model, { kind: 'dense', x, features: 1 }, 3, 1, Int32Array.of(3), new Float32Array(5), null, true);
    expect(prediction.outputNames).toEqual(output.encoder.labels);
    prediction.rows[0]?.forEach((p, k) => expect(Math.abs(p - (expected.y[k] as number))).toBeLessThanOrEqual(1e-5));
  });
});
