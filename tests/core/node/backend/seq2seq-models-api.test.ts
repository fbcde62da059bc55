// The models API for an encoder–decoder run, end to end on a temporary database: a small attention
// seq2seq model trained by the runner on reverse-string, exported through the export worker as two
// ONNX graphs (both recorded with their SHA-256, the checkpoint in its own columns, a passing parity
// report), described, and translated through the inference worker with its attention matrix.

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelExport, ModelInfo, Translation } from '../../../../core/common/api/entities';
import { callApi, createTestBackend } from './test-backend';
import { expectTwoGraphExport, trainedRun } from './two-graph-export';

let env: ReturnType<typeof createTestBackend>;
let runId: number;

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

beforeAll(async () => {
  env = createTestBackend();
  runId = await trainedRun(env, 'reversal', {
    seed: 4,
    task: { id: 'reverse-string', params: { alphabet: 5, minLength: 2, maxLength: 5 } },
    model: {
      kind: 'seq2seq',
      cell: 'gru',
      hiddenSize: 8,
      bidirectional: true,
      embeddingDim: 4,
      decoder: { cell: 'lstm', hiddenSize: 10 },
      attention: { size: 6 },
    },
    training: { steps: 20, batchSize: 8, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
  });
}, 180_000);
afterAll(() => env.dispose());

describe('models API, encoder–decoder', () => {
  it('exports the run as an encoder graph and a decoder-step graph, with their hashes and a passing parity report', async () => {
    const exported = await call<ModelExport>('models.export', { runId });
    expectTwoGraphExport(env, exported, runId, 20);
    expect(exported.parity?.cases.map((c) => c.batch)).toEqual([1, 4]);
    for (const c of exported.parity?.cases ?? []) {
      expect(Object.keys(c.outputs).sort()).toEqual(['attention', 'c0', 'c_next', 'h0', 'h_next', 'logits', 'memory', 'probs']);
      expect(c.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    }
    expect(await call<ModelExport[]>('models.list', { runId })).toEqual([exported]);
  });

  it('describes the pair and translates a source string, with one attention row per written token', async () => {
    const [exported] = await call<ModelExport[]>('models.list', { runId });
    const exportId = exported?.id;
    const info = await call<ModelInfo>('models.describe', { exportId });
    expect(info).toMatchObject({
      exportId,
      runId,
      task: { id: 'reverse-string', shape: 'seq2seq' },
      cell: 'gru',
      bidirectional: true,
      canGenerate: false,
      requests: ['translate'],
      input: { kind: 'tokens' },
    });
    const out = await call<Translation>('models.translate', { exportId, source: 'abcde', maxLength: 8 });
    expect(out.sourceTokens).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(out.tokens.length).toBeGreaterThan(0);
    expect(out.tokens.length).toBeLessThanOrEqual(8);
    expect(out.finished).toBe(out.tokens[out.tokens.length - 1] === '<eos>');
    expect(out.attention).toHaveLength(out.tokens.length);
    for (const row of out.attention ?? []) {
      expect(row).toHaveLength(5);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    // Greedy (the default) is deterministic; a sampled call with a seed is reproducible.
    expect(await call<Translation>('models.translate', { exportId, source: 'abcde', maxLength: 8 })).toEqual(out);
    const sampled = await call<Translation>('models.translate', { exportId, source: 'abcde', maxLength: 8, temperature: 1, topK: 3, seed: 5 });
    expect(await call<Translation>('models.translate', { exportId, source: 'abcde', maxLength: 8, temperature: 1, topK: 3, seed: 5 })).toEqual(sampled);
  });

  it('refuses other inference calls on the pair, and exports safetensors with the checkpoint columns', async () => {
    const [exported] = await call<ModelExport[]>('models.list', { runId });
    const exportId = exported?.id;
    expect(await env.backend.dispatcher.dispatch('models.generate', { exportId, prompt: 'ab' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/models\.translate/) },
    });
    const weights = await call<ModelExport>('models.export', { runId, format: 'safetensors' });
    expect(weights).toMatchObject({ format: 'safetensors', parity: null, decoderStep: null, checkpoint: { kind: 'latest', step: 20 } });
    expect(existsSync(weights.path)).toBe(true);
    expect(await env.backend.dispatcher.dispatch('models.translate', { exportId: weights.id, source: 'ab' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
