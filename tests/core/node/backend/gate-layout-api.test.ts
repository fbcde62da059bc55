// models.gateLayout through the dispatcher on a temporary database: the layout of a run's stack sized from its
// stored spec (dense features, an embedding, or an imported series' columns), the same for one of its exports,
// and readable refusals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../../core/common/api/contract';
import { callApi, createTestBackend } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
let dir: string;
let experimentId: number;
beforeAll(async () => {
  env = createTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'seqlab-gates-'));
  experimentId = (await call<{ id: number }>('experiments.create', { name: 'gates' })).id;
});
afterAll(async () => {
  await env.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

/** A queued run, stopped at once: the layout needs only its stored spec. */
async function run(task: unknown, model: unknown): Promise<number> {
  const created = await call<{ id: number }>('runs.create', { experimentId, spec: { task, model, training: { steps: 5, batchSize: 2, gradNormsEvery: 0 } } });
  await call('runs.stop', { id: created.id });
  return created.id;
}

type Layout = ApiResponse<'models.gateLayout'>;

describe('models.gateLayout', () => {
  it('lays out a run and its export alike, sizing the first layer from the task or dataset', async () => {
    const adding = await run({ id: 'adding-problem', params: { length: 10 } }, { cell: 'lstm', hiddenSize: 4, numLayers: 2, bidirectional: true });
    const layout = await call<Layout>('models.gateLayout', { runId: adding });
    expect(layout).toMatchObject({ runId: adding, exportId: null });
    expect(layout.stacks).toHaveLength(1);
    const [stack] = layout.stacks;
    expect(stack).toMatchObject({
      name: 'stack',
      graph: 'model',
      cell: 'lstm',
      hiddenSize: 4,
      inputSize: 2,
      seqlabOrder: ['i', 'f', 'g', 'o'],
      onnxOrder: ['i', 'o', 'f', 'c'],
    });
    expect(stack?.parameters).toHaveLength(16);
    expect(stack?.parameters[0]).toMatchObject({ parameter: 'weight_ih_l0', shape: [16, 2], onnx: { tensor: 'l0.W', shape: [2, 16, 2] } });

    const record = env.backend.store.exports.insert({ runId: adding, path: join(dir, 'x.onnx'), format: 'onnx', hash: '0'.repeat(64), parity: null });
    expect(await call<Layout>('models.gateLayout', { exportId: record.id })).toEqual({ ...layout, exportId: record.id });

    const lm = await run({ id: 'char-lm', params: { window: 8, corpusLength: 1000 } }, { cell: 'gru', hiddenSize: 3, embeddingDim: 5 });
    expect((await call<Layout>('models.gateLayout', { runId: lm })).stacks[0]).toMatchObject({ cell: 'gru', inputSize: 5, onnxOrder: ['z', 'r', 'h'] });

    const csv = 'a,b,c\n' + Array.from({ length: 100 }, (_, t) => `${t},${t % 7},${Math.sin(t)}`).join('\n') + '\n';
    writeFileSync(join(dir, 's.csv'), csv);
    const { dataset } = await call<ApiResponse<'datasets.import'>>('datasets.import', {
      path: join(dir, 's.csv'),
      options: { kind: 'series', columns: ['a', 'b', 'c'], window: 5 },
    });
    const series = await run({ dataset: dataset.id }, { cell: 'rnn_tanh', hiddenSize: 2 });
    expect((await call<Layout>('models.gateLayout', { runId: series })).stacks[0]).toMatchObject({
      cell: 'rnn_tanh',
      inputSize: 3,
      parameters: expect.arrayContaining([expect.objectContaining({ parameter: 'weight_ih_l0', shape: [2, 3] })]),
    });
  }, 180_000);

  it("lays out an encoder–decoder's encoder and decoder cell, and a conditioned model's decoder cell, under their checkpoint and ONNX names", async () => {
    const s2s = await run(
      { id: 'reverse-string', params: {} },
      {
        kind: 'seq2seq',
        cell: 'gru',
        hiddenSize: 4,
        bidirectional: true,
        embeddingDim: 3,
        decoder: { cell: 'lstm', hiddenSize: 6, embeddingDim: 5 },
        attention: { size: 2 },
      },
    );
    const [encoder, decoder] = (await call<Layout>('models.gateLayout', { runId: s2s })).stacks;
    expect(encoder).toMatchObject({ name: 'encoder', graph: 'encoder', cell: 'gru', inputSize: 3, bidirectional: true });
    expect(encoder?.parameters[0]).toMatchObject({ parameter: 'encoder.rnn.weight_ih_l0', shape: [12, 3], onnx: { tensor: 'l0.W', shape: [2, 12, 3] } });
    // The decoder cell reads [embedding 5; attention context 2·4].
    expect(decoder).toMatchObject({
      name: 'decoder',
      graph: 'step',
      cell: 'lstm',
      hiddenSize: 6,
      numLayers: 1,
      inputSize: 13,
      onnxOrder: ['i', 'o', 'f', 'c'],
    });
    expect(decoder?.parameters.map((p) => p.parameter)).toEqual([
      'decoder.cell.weight_ih',
      'decoder.cell.weight_hh',
      'decoder.cell.bias_ih',
      'decoder.cell.bias_hh',
    ]);
    expect(decoder?.parameters[0]).toMatchObject({ shape: [24, 13], onnx: { tensor: 'decoder.cell.W', shape: [1, 24, 13] } });

    const drawn = await run({ id: 'waveform-generation', params: {} }, { kind: 'conditioned', cell: 'rnn_tanh', hiddenSize: 3 });
    const { stacks } = await call<Layout>('models.gateLayout', { runId: drawn });
    // It reads its previous output: one value per step.
    expect(stacks).toEqual([
      expect.objectContaining({
        name: 'decoder',
        cell: 'rnn_tanh',
        inputSize: 1,
        parameters: expect.arrayContaining([expect.objectContaining({ parameter: 'decoder.cell.weight_ih', shape: [3, 1] })]),
      }),
    ]);
  }, 180_000);

  it('refuses a missing run or export', async () => {
    expect(await env.backend.dispatcher.dispatch('models.gateLayout', { runId: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await env.backend.dispatcher.dispatch('models.gateLayout', { exportId: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await env.backend.dispatcher.dispatch('models.gateLayout', { runId: 1, exportId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  }, 180_000);
});
