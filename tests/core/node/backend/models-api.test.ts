// The models API end to end on a temporary database: a tiny char-level LM trained by the runner,
// exported to ONNX (parity report recorded with the file's hash) and safetensors through the export
// worker, listed, described and generated from through the inference worker.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { Generation, ModelExport, ModelInfo, Prediction } from '../../../../core/common/api/entities';
import { sha256Hex } from '../../../../core/node/onnx/write-model';
import { callApi, createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
let runId: number;

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

beforeAll(async () => {
  env = createTestBackend();
  const experiment = await call<{ id: number }>('experiments.create', { name: 'char LM' });
  const completed = new Promise<void>((resolve) => {
    env.backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && p.status === 'completed') resolve();
    });
  });
  const run = await call<{ id: number }>('runs.create', {
    experimentId: experiment.id,
    spec: {
      seed: 3,
      task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
      model: { cell: 'lstm', hiddenSize: 8, embeddingDim: 4 },
      training: { steps: 20, batchSize: 4, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
    },
  });
  runId = run.id;
  await completed;
}, 180_000);
afterAll(() => env.dispose());

describe('models API', () => {
  it('exports a run to ONNX beside the database, with its hash and a passing parity report', async () => {
    const exported = await call<ModelExport>('models.export', { runId });
    expect(exported).toMatchObject({
      runId,
      format: 'onnx',
      checkpoint: { kind: 'latest', step: 20 },
      path: join(dirname(env.databasePath), 'exports', `run-${runId}.onnx`),
    });
    expect(exported.hash).toBe(sha256Hex(readFileSync(exported.path)));
    expect(exported.byteLength).toBe(readFileSync(exported.path).byteLength);
    expect(exported.parity?.passed).toBe(true);
    expect(exported.parity?.cases).toHaveLength(8);
    for (const c of exported.parity?.cases ?? []) expect(c.maxAbsDiff).toBeLessThanOrEqual(1e-5);

    const stored = env.backend.store.exports.get(exported.id);
    expect(stored).toMatchObject({ runId, format: 'onnx', hash: exported.hash, path: exported.path });
    expect(await call<ModelExport[]>('models.list', {})).toEqual([exported]);
  });

  it('describes the export and generates from it, carrying state between calls', async () => {
    const [exported] = await call<ModelExport[]>('models.list', { runId });
    const exportId = exported?.id;
    const info = await call<ModelInfo>('models.describe', { exportId });
    expect(info).toMatchObject({ exportId, runId, canGenerate: true, input: { kind: 'tokens' } });
    const whole = await call<Generation>('models.generate', { exportId, prompt: 'the', length: 16, temperature: 0 });
    const first = await call<Generation>('models.generate', { exportId, prompt: 'the', length: 6, temperature: 0 });
    const rest = await call<Generation>('models.generate', { exportId, length: 10, temperature: 0, stream: first.stream });
    expect(first.text + rest.text).toBe(whole.text);
    const prediction = await call<Prediction>('models.predict', { exportId, input: { text: 'the' } });
    expect(prediction.rows).toHaveLength(3);
    expect(prediction.predicted).toHaveLength(3);
    const refused = await env.backend.dispatcher.dispatch('models.forecast', { exportId, values: [[1]], steps: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('exports safetensors, and explains what it cannot export', async () => {
    const weights = await call<ModelExport>('models.export', { runId, format: 'safetensors' });
    expect(weights).toMatchObject({ format: 'safetensors', parity: null });
    expect(existsSync(weights.path)).toBe(true);
    expect(weights.path.endsWith(`run-${runId}.safetensors`)).toBe(true);
    const relative = await env.backend.dispatcher.dispatch('models.export', { runId, path: 'model.onnx' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'path' }] } });
    const missing = await env.backend.dispatcher.dispatch('models.export', { runId: 999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const playground = await env.backend.dispatcher.dispatch('models.generate', { exportId: weights.id, prompt: 'a' });
    expect(playground).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
