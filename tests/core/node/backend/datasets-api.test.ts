// The datasets API through the dispatcher on a temporary database: preview, import (ok, reused, a bad file
// with its line and column), list, and runs that train on imported data in the real runner's workers.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResponse } from '../../../../core/common/api/contract';
import type { ApiErrorBody } from '../../../../core/common/api/result';
import { callApi, createTestBackend, refusalOf } from './test-backend';

let env: ReturnType<typeof createTestBackend>;
let dir: string;
let seen: string[];
beforeEach(() => {
  env = createTestBackend();
  dir = mkdtempSync(join(tmpdir(), 'seqlab-datasets-'));
  seen = [];
  env.backend.events.subscribe((event) => void seen.push(event));
});
afterEach(async () => {
  await env.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

const refusal = (name: string, payload: unknown): Promise<ApiErrorBody> => refusalOf(env.backend, name, payload);

type Imported = ApiResponse<'datasets.import'>;

const seriesCsv = (rows: number): string =>
  'time,temp,load\n' + Array.from({ length: rows }, (_, t) => `${t},${(20 + 3 * Math.sin(t / 4)).toFixed(3)},${((t % 7) / 2).toFixed(1)}`).join('\n') + '\n';
const labelledJsonl = (n: number): string =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ label: i % 2 ? 'up' : 'down', sequence: [i % 2 ? 1 : -1, i % 5, i % 2 ? 2 : -2] })).join('\n') + '\n';

function waitForStatus(runId: number, statuses: readonly string[]): Promise<ApiEvent<'run.status'>> {
  return new Promise((resolve) => {
    const unsubscribe = env.backend.events.subscribe((event, payload) => {
      const p = payload as ApiEvent<'run.status'>;
      if (event === 'run.status' && p.runId === runId && statuses.includes(p.status)) {
        unsubscribe();
        resolve(p);
      }
    });
  });
}

const tinyTraining = { steps: 12, batchSize: 4, evalEvery: 6, evalBatches: 1, checkpointEvery: 6, gradNormsEvery: 0 };

describe('datasets API', () => {
  it('previews a file: layout, column types, first rows and the problems of the sample with their lines', async () => {
    const path = write('weather.csv', 'time,temp,label\n1,20.5,warm\n2,19.0,cold\n3,oops\n4,18.2,cold\n');
    const preview = await call<ApiResponse<'datasets.preview'>>('datasets.preview', { path, options: { rows: 2 } });
    expect(preview).toMatchObject({ format: 'delimited', delimiter: ',', header: true, sampledRows: 3, complete: true });
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['time', 'integer'],
      ['temp', 'number'],
      ['label', 'text'],
    ]);
    expect(preview.rows).toEqual([
      ['1', '20.5', 'warm'],
      ['2', '19.0', 'cold'],
    ]);
    expect(preview.classBalance).toMatchObject({
      column: 'label',
      classes: [
        { label: 'cold', count: 2 },
        { label: 'warm', count: 1 },
      ],
    });
    expect(preview.problems).toEqual([expect.objectContaining({ code: 'ragged-row', line: 4, message: expect.stringContaining(`${path}, line 4`) })]);

    const missing = await refusal('datasets.preview', { path: join(dir, 'nope.csv') });
    expect(missing).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('there is no such file') });
    const relative = await refusal('datasets.preview', { path: 'data.csv' });
    expect(relative.issues).toEqual([{ path: 'path', message: expect.stringContaining('not a full path') }]);
  });

  it('imports a file, lists it with its stats, and reuses it for the same content and options', async () => {
    const path = write('weather.csv', seriesCsv(120));
    const first = await call<Imported>('datasets.import', {
      path,
      options: { kind: 'series', columns: ['temp', 'load'], target: 'load', window: 8 },
      name: 'Weather',
    });
    expect(first.reused).toBe(false);
    expect(first.dataset).toMatchObject({
      name: 'Weather',
      kind: 'series',
      taskId: 'dataset-series',
      sourcePath: path,
      summary: '120 rows · inputs temp, load → load · split 96/12/12',
    });
    expect(first.dataset.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(seen).toContain('datasets.changed');

    const again = await call<Imported>('datasets.import', { path, options: { kind: 'series', columns: ['temp', 'load'], target: 'load', window: 8 } });
    expect(again).toMatchObject({ reused: true, dataset: { id: first.dataset.id } });
    const list = await call<ApiResponse<'datasets.list'>>('datasets.list', {});
    expect(list).toEqual([first.dataset]);
  });

  it('refuses a bad file with an invalid-request naming file, line and column, and registers nothing', async () => {
    const path = write('bad.csv', seriesCsv(600).replace('\n3,', '\n3,x'));
    const error = await refusal('datasets.import', { path, options: { kind: 'series', columns: ['temp', 'load'] } });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 5, column 3: `));
    expect(error.issues).toEqual([{ path: 'path', message: error.message }]);
    const options = await refusal('datasets.import', { path, options: { kind: 'series', window: 0 } });
    expect(options.issues?.[0]?.path).toBe('options.window');
    expect(await call('datasets.list', {})).toEqual([]);
    expect(seen).not.toContain('datasets.changed');
  });

  it('keeps the event loop turning while a larger file is imported', async () => {
    const path = write('big.csv', seriesCsv(60_000)); // ≈ 1 MB, two passes of 256 KiB chunks
    let last = performance.now();
    let worst = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      ticks++;
    }, 5);
    try {
      const imported = await call<Imported>('datasets.import', { path, options: { kind: 'series', window: 16 } });
      expect(imported.dataset.summary).toMatch(/^60,000 rows/);
      await new Promise((resolve) => setTimeout(resolve, 10)); // the timer's turn after the import's last step
    } finally {
      clearInterval(timer);
    }
    // each chunk is parsed between reads (≈ 10 ms), so timers run throughout; parsing the whole file in one go
    // would block for most of a second (the bound is loose: this machine is shared)
    expect(ticks).toBeGreaterThanOrEqual(10);
    expect(worst).toBeLessThan(500);
    expect(seen).toContain('datasets.importProgress');
  });
});

describe('runs on imported datasets', () => {
  it('trains a run on an imported series CSV and on an imported labelled dataset to completion', async () => {
    const experiment = await call('experiments.create', { name: 'imported data' });
    const series = await call<Imported>('datasets.import', {
      path: write('weather.csv', seriesCsv(160)),
      options: { kind: 'series', columns: ['temp'], window: 10 },
    });
    const labelled = await call<Imported>('datasets.import', { path: write('moves.jsonl', labelledJsonl(80)), options: { kind: 'labelled' } });

    const seriesRun = await call('runs.create', {
      experimentId: experiment.id,
      spec: { seed: 1, task: { dataset: series.dataset.id, params: { window: 6 } }, model: { cell: 'gru', hiddenSize: 4 }, training: tinyTraining },
    });
    expect(seriesRun.name).toBe('gru on weather.csv');
    const seriesDone = waitForStatus(seriesRun.id as number, ['completed', 'failed']);
    const labelledRun = await call('runs.create', {
      experimentId: experiment.id,
      spec: { seed: 1, task: { dataset: labelled.dataset.id }, model: { cell: 'lstm', hiddenSize: 4 }, training: tinyTraining },
    });
    const labelledDone = waitForStatus(labelledRun.id as number, ['completed', 'failed']);

    expect(await seriesDone).toMatchObject({ status: 'completed', error: null });
    expect(await labelledDone).toMatchObject({ status: 'completed', error: null });
    const detail = await call<ApiResponse<'runs.get'>>('runs.get', { id: seriesRun.id });
    expect(detail.spec.task).toEqual({ id: 'dataset-series', dataset: series.dataset.id, params: { window: 6, horizon: 1 } });
    expect(detail.metricNames).toEqual(expect.arrayContaining(['train/loss']));
    expect(env.backend.store.runs.get(seriesRun.id as number)?.datasetId).toBe(series.dataset.id);
    expect(env.backend.store.runs.get(labelledRun.id as number)?.datasetId).toBe(labelled.dataset.id);

    // the export worker rebuilds the Task from the dataset too: the ONNX model passes its parity check
    const exported = await call<ApiResponse<'models.export'>>('models.export', { runId: seriesRun.id });
    expect(exported.parity).toMatchObject({ passed: true });
  });

  it('honours a stop sent while the worker is still reading the dataset', async () => {
    const experiment = await call('experiments.create', { name: 'stopped early' });
    const { dataset } = await call<Imported>('datasets.import', { path: write('weather.csv', seriesCsv(3000)), options: { kind: 'series', window: 8 } });
    const run = await call('runs.create', {
      experimentId: experiment.id,
      spec: { task: { dataset: dataset.id }, model: { cell: 'gru', hiddenSize: 4 }, training: { ...tinyTraining, steps: 1_000_000 } },
    });
    const ended = waitForStatus(run.id as number, ['stopped', 'completed', 'failed']);
    await call('runs.stop', { id: run.id });
    expect(await ended).toMatchObject({ status: 'stopped' });
  });

  it('refuses a spec on a missing dataset, a window that does not fit, or a file changed since its import', async () => {
    const experiment = await call('experiments.create', { name: 'bad dataset specs' });
    const path = write('weather.csv', seriesCsv(100));
    const { dataset } = await call<Imported>('datasets.import', { path, options: { kind: 'series', window: 4 } });
    const spec = (task: unknown) => ({ task, model: { cell: 'gru', hiddenSize: 4 }, training: tinyTraining });

    const missing = await refusal('runs.create', { experimentId: experiment.id, spec: spec({ dataset: 999 }) });
    expect(missing.issues).toEqual([{ path: 'spec.task.dataset', message: expect.stringContaining('there is no dataset #999') }]);
    const tooLong = await refusal('runs.create', { experimentId: experiment.id, spec: spec({ dataset: dataset.id, params: { window: 50 } }) });
    expect(tooLong.issues).toEqual([{ path: 'spec.task.params.window', message: expect.stringContaining('does not fit in the smallest split') }]);
    const unknown = await refusal('runs.create', { experimentId: experiment.id, spec: spec({ dataset: dataset.id, params: { length: 5 } }) });
    expect(unknown.issues?.[0]?.path).toBe('spec.task.params');
    const wrongId = await refusal('runs.create', { experimentId: experiment.id, spec: spec({ dataset: dataset.id, id: 'adding-problem' }) });
    expect(wrongId.issues?.[0]).toMatchObject({ path: 'spec.task.id', message: expect.stringContaining('dataset-series') });

    appendFileSync(path, '100,20.0,1.0\n');
    const changed = await refusal('runs.create', { experimentId: experiment.id, spec: spec({ dataset: dataset.id }) });
    expect(changed.issues?.[0]).toMatchObject({ path: 'spec.task.dataset', message: expect.stringContaining('content changed since it was imported') });
    expect(await call('runs.list', {})).toEqual([]);
  });
});
