// runs.attention through the dispatcher: a seq2seq run trained by the real runner, its attention
// decoded in a real worker from the stored checkpoint; refusals name what is wrong.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../core/common/api/contract';
import type { RunAttention } from '../../../../core/common/api/entities';
import { callApi, createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend();
});
afterEach(() => env.dispose());

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

function completed(runId: number): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = env.backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && p.runId === runId && p.status === 'completed') {
        unsubscribe();
        resolve();
      }
    });
  });
}

const reverse = (attention: { size: number } | null) => ({
  seed: 3,
  task: { id: 'reverse-string', params: { alphabet: 5, minLength: 3, maxLength: 6 } },
  model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 8, embeddingDim: 6, attention },
  training: { steps: 20, batchSize: 8, evalEvery: 10, evalBatches: 1, checkpointEvery: 10 },
});

describe('runs.attention', () => {
  it('decodes validation examples of a trained seq2seq run with one attention row per generated token', async () => {
    const experiment = await call('experiments.create', { name: 'reversal' });
    const run = await call<{ id: number }>('runs.create', { experimentId: experiment.id, spec: reverse({ size: 8 }) });
    await completed(run.id);
    const attention = await call<RunAttention>('runs.attention', { id: run.id, count: 3 });
    expect(attention).toMatchObject({ checkpoint: 'latest', step: 20 });
    expect(attention.examples).toHaveLength(3);
    for (const example of attention.examples) {
      expect(example.source.every((t) => /^[a-e]$/.test(t))).toBe(true);
      expect(example.target.join('')).toBe(`${[...example.source].reverse().join('')}<eos>`);
      expect(example.weights).toHaveLength(example.generated.length);
      for (const row of example.weights) {
        expect(row).toHaveLength(example.source.length);
        expect(Math.abs(row.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-5);
      }
    }
    // The same examples every time: the run's own validation stream.
    expect(await call('runs.attention', { id: run.id, count: 3 })).toEqual(attention);
  });

  it('refuses a run without attention, or without a checkpoint, saying why', async () => {
    const experiment = await call('experiments.create', { name: 'plain' });
    const plain = await call<{ id: number }>('runs.create', { experimentId: experiment.id, spec: reverse(null) });
    await completed(plain.id);
    const noAttention = await env.backend.dispatcher.dispatch('runs.attention', { id: plain.id });
    expect(!noAttention.ok && noAttention.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('no attention') });
    const missing = await env.backend.dispatcher.dispatch('runs.attention', { id: 999 });
    expect(!missing.ok && missing.error.code).toBe('not-found');
  });
});
