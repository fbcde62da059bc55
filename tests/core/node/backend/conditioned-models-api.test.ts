// The models API for a one-to-many run, end to end on a temporary database: a small conditioned GRU
// trained by the runner on waveform-generation, exported through the export worker as a condition graph
// and a decoder-step graph (both recorded with their SHA-256, a passing free-running parity report),
// described, and unrolled through the inference worker from a class label — the same curve as SeqLab's
// own unroll of the checkpoint. Wrong conditions and wrong calls are refused readably.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelExport, ModelInfo, Unroll } from '../../../../core/common/api/entities';
import { buildConditionedModel } from '../../../../core/common/models/conditioned/build-conditioned';
import { loadParams } from '../../../../core/common/train/load-params';
import { maxAbsDiff } from '../../../../core/common/onnx/parity';
import { Rng } from '../../../../core/common/random/rng';
import { unrollConditioned } from '../../../../core/common/models/conditioned/conditioned-unroll';
import { createTask } from '../../../../core/common/tasks/registry';
import { decodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import { callApi, createTestBackend, refusalOf } from './test-backend';
import { expectTwoGraphExport, trainedRun } from './two-graph-export';

let env: ReturnType<typeof createTestBackend>;
let runId: number;

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);
const params = { classes: 3, length: 20, period: 10 };
const model = { kind: 'conditioned', cell: 'gru', hiddenSize: 12 } as const;

beforeAll(async () => {
  env = createTestBackend();
  runId = await trainedRun(env, 'waveforms', {
    seed: 3,
    task: { id: 'waveform-generation', params },
    model,
    training: { steps: 40, batchSize: 8, learningRate: 1e-2, evalEvery: 20, evalBatches: 1, checkpointEvery: 20, gradNormsEvery: 0 },
  });
}, 180_000);
afterAll(() => env.dispose());

describe('models API, one-to-many', () => {
  it('exports the run as a condition graph and a decoder-step graph, with their hashes and a passing parity report', async () => {
    const exported = await call<ModelExport>('models.export', { runId });
    expectTwoGraphExport(env, exported, runId, 40);
    expect(exported.parity?.cases.map((c) => [c.batch, c.steps, c.initialState])).toEqual([
      [1, 20, 'condition'],
      [4, 20, 'condition'],
    ]);
    for (const c of exported.parity?.cases ?? []) {
      expect(Object.keys(c.outputs).sort()).toEqual(['h0', 'h_next', 'values']);
      expect(c.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    }
  });

  it('describes the pair: the classes it is conditioned on and the values it writes', async () => {
    const [exported] = await call<ModelExport[]>('models.list', { runId });
    const info = await call<ModelInfo>('models.describe', { exportId: exported?.id });
    expect(info).toMatchObject({
      runId,
      task: { id: 'waveform-generation', shape: 'one-to-many' },
      cell: 'gru',
      hiddenSize: 12,
      numLayers: 1,
      bidirectional: false,
      input: { kind: 'classes', size: 3, symbols: ['sine', 'square', 'triangle'] },
      output: { kind: 'dense', readout: 'every-step', values: 'values', size: 1, symbols: ['y(t)'] },
      canGenerate: false,
      canForecast: false,
      requests: ['unroll'],
    });
  });

  it('unrolls from a class label, step by step, as SeqLab unrolls the same checkpoint', async () => {
    const [exported] = await call<ModelExport[]>('models.list', { runId });
    const exportId = exported?.id;
    const out = await call<Unroll>('models.unroll', { exportId, condition: 'square', length: 30 });
    expect(out).toMatchObject({ condition: { kind: 'class', label: 'square', id: 1 }, outputNames: ['y(t)'], tokens: null, text: null, finished: true });
    expect(out.values).toHaveLength(30);
    expect(out.values?.every((row) => row.length === 1 && Number.isFinite(row[0]))).toBe(true);
    expect(await call<Unroll>('models.unroll', { exportId, condition: 'square', length: 30 })).toEqual(out);

    // SeqLab's own free-running unroll of the checkpoint the export came from
    const task = createTask('waveform-generation', params);
    if (!task.ok) throw new Error('waveform-generation');
    const ours = buildConditionedModel(task.value, { ...model, embeddingDim: 32 }, new Rng(0));
    const saved = env.backend.store.checkpoints.load(runId, 'latest');
    expect(loadParams(ours.params, decodeCheckpoint(saved?.blob ?? new Uint8Array()).checkpoint.params)).toBeNull();
    const unrolled = unrollConditioned(ours, { kind: 'class', classes: 3, ids: Int32Array.of(1) }, 1, { length: 30 });
    if (unrolled.kind !== 'values') throw new Error('values expected');
    expect(maxAbsDiff(unrolled.values, (out.values ?? []).flat())).toBeLessThanOrEqual(1e-5);
  });

  it('refuses an unknown label, numbers for a class, and the other inference calls on the pair', async () => {
    const [exported] = await call<ModelExport[]>('models.list', { runId });
    const exportId = exported?.id;
    expect(await refusalOf(env.backend, 'models.unroll', { exportId, condition: 'circle' })).toMatchObject({
      code: 'invalid-request',
      message: '"circle" is not a class of this model; its classes are "sine", "square", "triangle".',
    });
    expect(await refusalOf(env.backend, 'models.unroll', { exportId, condition: [0.5] })).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/conditioned on a class/),
    });
    expect(await refusalOf(env.backend, 'models.unroll', { exportId, condition: 'sine', length: 0 })).toMatchObject({ code: 'invalid-request' });
    expect(await refusalOf(env.backend, 'models.translate', { exportId, source: 'ab' })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/one-to-many model; run it with models\.unroll/),
    });
    const weights = await call<ModelExport>('models.export', { runId, format: 'safetensors' });
    expect(weights).toMatchObject({ format: 'safetensors', parity: null, decoderStep: null });
    expect(await refusalOf(env.backend, 'models.unroll', { exportId: weights.id, condition: 'sine' })).toMatchObject({ code: 'conflict' });
  });
});
