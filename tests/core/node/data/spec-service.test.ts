// The spec worker, through the dispatcher on a temporary database: runs.create, sweeps.create, tasks.list and
// models.gateLayout build tasks and read datasets in a one-shot worker, never on the backend's main thread, whose
// event loop keeps turning meanwhile; a worker that crashes or runs out of memory is a readable refusal, and
// nothing is created.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResponse } from '../../../../core/common/api/contract';
import type * as TaskRegistry from '../../../../core/common/tasks/registry';
import type * as LoadDataset from '../../../../core/node/data/load-dataset';
import { SpecService, SpecWorkerError } from '../../../../core/node/data/spec-service';
import { callApi, createTestBackend, refusalOf } from '../backend/test-backend';

// What builds a Task on this (the main) thread is counted; the worker loads its own copies of these modules.
const onMainThread = vi.hoisted(() => ({ createTask: 0, readDataset: 0 }));
vi.mock('../../../../core/common/tasks/registry', async (importOriginal) => {
  const original = await importOriginal<typeof TaskRegistry>();
  return {
    ...original,
    createTask: (...args: Parameters<typeof original.createTask>) => {
      onMainThread.createTask++;
      return original.createTask(...args);
    },
  };
});
vi.mock('../../../../core/node/data/load-dataset', async (importOriginal) => {
  const original = await importOriginal<typeof LoadDataset>();
  return {
    ...original,
    readDataset: (...args: Parameters<typeof original.readDataset>) => {
      onMainThread.readDataset++;
      return original.readDataset(...args);
    },
  };
});

const FAULTY_WORKER = fileURLToPath(new URL('./faulty-spec-worker.ts', import.meta.url));

const training = { steps: 4, batchSize: 2, evalEvery: 2, evalBatches: 1, checkpointEvery: 2, gradNormsEvery: 0 };

describe('spec resolution off the main thread', () => {
  let env: ReturnType<typeof createTestBackend>;
  let dir: string;
  let experimentId: number;
  let datasetId: number;
  const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

  beforeAll(async () => {
    env = createTestBackend();
    dir = mkdtempSync(join(tmpdir(), 'seqlab-spec-worker-'));
    experimentId = (await call<{ id: number }>('experiments.create', { name: 'off the main thread' })).id;
    // ≈ 1.3 MB: on the main thread, reading and parsing it for a spec kept the event loop busy throughout
    const csv = 'hour,temp\n' + Array.from({ length: 100_000 }, (_, t) => `${t},${(20 + 4 * Math.sin(t / 5)).toFixed(4)}`).join('\n') + '\n';
    writeFileSync(join(dir, 'large.csv'), csv);
    datasetId = (await call<ApiResponse<'datasets.import'>>('datasets.import', { path: join(dir, 'large.csv'), options: { kind: 'series', window: 16 } }))
      .dataset.id;
  });
  afterAll(async () => {
    await env.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a run on a large imported dataset reading nothing on the main thread (the spec worker builds the task)', async () => {
    onMainThread.createTask = onMainThread.readDataset = 0;
    const spec = { seed: 2, task: { dataset: datasetId, params: { window: 8 } }, model: { cell: 'gru', hiddenSize: 3 }, training };
    const created = await call<ApiResponse<'runs.create'>>('runs.create', { experimentId, spec });
    await call('runs.stop', { id: created.id });

    const run = env.backend.store.runs.get(created.id);
    expect(run).toMatchObject({ name: 'gru on large.csv', datasetId, totalSteps: 4 });
    expect((run?.spec as { task: unknown }).task).toEqual({ id: 'dataset-series', dataset: datasetId, params: { window: 8, horizon: 1 } });
    expect(onMainThread).toEqual({ createTask: 0, readDataset: 0 });
  });

  it('creates runs of built-in tasks and sweeps, lists tasks and lays out gates without building a task on the main thread', async () => {
    onMainThread.createTask = onMainThread.readDataset = 0;
    const charLm = await call<ApiResponse<'runs.create'>>('runs.create', {
      experimentId,
      spec: { task: { id: 'char-lm', params: { corpusLength: 5000 } }, model: { cell: 'lstm', hiddenSize: 4, embeddingDim: 6 }, training },
    });
    await call('runs.stop', { id: charLm.id });
    expect(charLm.name).toBe('lstm on char-lm');
    expect(env.backend.store.runs.get(charLm.id)).toMatchObject({ datasetId: null, spec: { task: { id: 'char-lm', params: { corpusLength: 5000 } } } });
    expect((await call<ApiResponse<'models.gateLayout'>>('models.gateLayout', { runId: charLm.id })).stacks[0]).toMatchObject({ cell: 'lstm', inputSize: 6 });

    const sweep = {
      base: { task: { dataset: datasetId }, model: { cell: 'gru', hiddenSize: 3 }, training },
      grid: { 'task.params.window': [4, 6], 'model.hiddenSize': [2, 3] },
    };
    const created = await call<ApiResponse<'sweeps.create'>>('sweeps.create', { experimentId, sweep });
    for (const id of created.runIds) await call('runs.stop', { id });
    const runs = created.runIds.map((id) => env.backend.store.runs.get(id));
    expect(runs.map((run) => [run?.datasetId, (run?.spec as { task: { params: { window: number } } }).task.params.window])).toEqual([
      [datasetId, 4],
      [datasetId, 4],
      [datasetId, 6],
      [datasetId, 6],
    ]);

    const tasks = await call<ApiResponse<'tasks.list'>>('tasks.list', {});
    expect(tasks.find((task) => task.id === 'char-lm')?.baseline).toBeDefined();
    expect(await call('tasks.list', {})).toEqual(tasks);
    expect(onMainThread).toEqual({ createTask: 0, readDataset: 0 });
  });

  it('sends the worker the records of every dataset a sweep may name, so a grid over datasets resolves each', async () => {
    const sweep = {
      base: { task: { dataset: 999 }, model: { cell: 'gru', hiddenSize: 3 }, training },
      grid: { task: [{ dataset: datasetId }, { dataset: 998 }] },
    };
    const refused = await refusalOf(env.backend, 'sweeps.create', { experimentId, sweep });
    // the base's missing dataset is swept over, so only the trial naming #998 is refused: #datasetId was found
    expect(refused.issues).toEqual([{ path: 'sweep.trials.2.task.dataset', message: expect.stringContaining('there is no dataset #998') }]);
  });
});

describe('a spec worker that fails', () => {
  it('refuses runs.create and sweeps.create with the reason, creating nothing', async () => {
    const env = createTestBackend({ specWorkerEntry: FAULTY_WORKER });
    try {
      const experiment = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'crashes' });
      const spec = { name: 'exit', task: { id: 'adding-problem' }, training };
      const run = await refusalOf(env.backend, 'runs.create', { experimentId: experiment.id, spec });
      expect(run).toEqual({ code: 'internal', message: 'The spec worker stopped unexpectedly (exit code 3). The run was not created.' });
      const sweep = await refusalOf(env.backend, 'sweeps.create', { experimentId: experiment.id, sweep: { base: spec, grid: { 'model.hiddenSize': [2, 3] } } });
      expect(sweep).toEqual({ code: 'internal', message: 'The spec worker stopped unexpectedly (exit code 3). The sweep was not created.' });
      expect(env.backend.store.runs.list({})).toEqual([]);
      // the same entry resolves a healthy spec
      const healthy = await callApi<ApiResponse<'runs.create'>>(env.backend, 'runs.create', { experimentId: experiment.id, spec: { ...spec, name: 'fine' } });
      expect(healthy.name).toBe('fine');
    } finally {
      await env.dispose();
    }
  });

  it('rejects with a SpecWorkerError when the worker runs out of memory', async () => {
    const env = createTestBackend();
    try {
      const specs = new SpecService(env.backend.store, { workerEntry: FAULTY_WORKER, heapMb: 96 });
      const failed = specs.resolveRun({ name: 'hoard', task: { id: 'adding-problem' } });
      await expect(failed).rejects.toBeInstanceOf(SpecWorkerError);
      await expect(failed).rejects.toThrow('The spec worker failed: it ran out of memory (heap limit 96 MB)');
    } finally {
      await env.dispose();
    }
  });
});
