// Importing in a worker, through the dispatcher on a temporary database: a multi-megabyte CSV is read, parsed and
// hashed in an import worker while the backend's main thread keeps turning (nothing parsed there), with the same
// progress events, result and reuse as an import in-process; a worker that crashes, throws or runs out of memory
// is a readable 'internal' refusal, and nothing is registered.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ApiResponse } from '../../../../core/common/api/contract';
import type * as Preview from '../../../../core/common/data/import/preview';
import { ApiError } from '../../../../core/common/api/result';
import { parseRequest } from '../../../../core/common/api/validate';
import { createDatasetHandlers } from '../../../../core/node/backend/dataset-handlers';
import { EventBus } from '../../../../core/node/backend/event-bus';
import { importDataset } from '../../../../core/node/data';
import { ImportService, ImportWorkerError } from '../../../../core/node/data/import-service';
import type * as ReadFile from '../../../../core/node/data/read-file';
import { openStore } from '../../../../core/node/store';
import { callApi, createTestBackend, refusalOf } from '../backend/test-backend';
import { useDataFixture } from './data-fixture';

// What reads or parses a file on this (the main) thread is counted; the worker loads its own copies of these modules.
const onMainThread = vi.hoisted(() => ({ readPass: 0, previewSample: 0 }));
vi.mock('../../../../core/node/data/read-file', async (importOriginal) => {
  const original = await importOriginal<typeof ReadFile>();
  return {
    ...original,
    readPass: (...args: Parameters<typeof original.readPass>) => {
      onMainThread.readPass++;
      return original.readPass(...args);
    },
  };
});
vi.mock('../../../../core/common/data/import/preview', async (importOriginal) => {
  const original = await importOriginal<typeof Preview>();
  return {
    ...original,
    previewSample: (...args: Parameters<typeof original.previewSample>) => {
      onMainThread.previewSample++;
      return original.previewSample(...args);
    },
  };
});

const FAULTY_WORKER = fileURLToPath(new URL('./faulty-import-worker.ts', import.meta.url));

const fx = useDataFixture();
let env: ReturnType<typeof createTestBackend>;
let events: { name: string; payload: unknown }[];
beforeEach(() => {
  env = createTestBackend();
  events = [];
  env.backend.events.subscribe((name, payload) => void events.push({ name, payload }));
  onMainThread.readPass = onMainThread.previewSample = 0;
});
afterEach(() => env.dispose());

type Imported = ApiResponse<'datasets.import'>;

const seriesCsv = (rows: number): string => {
  const lines = ['t,x,y'];
  for (let t = 0; t < rows; t++) lines.push(`${t},${Math.sin(t / 30).toFixed(6)},${(t % 101) * 0.25}`);
  return lines.join('\n') + '\n';
};

describe('datasets.import in an import worker', () => {
  it('imports a multi-megabyte CSV in the worker, parsing nothing on the main thread, with progress for both passes', async () => {
    const path = fx.write('big.csv', seriesCsv(250_000)); // ≈ 5.6 MB: two passes of 22 chunks of 256 KiB
    const imported = await callApi<Imported>(env.backend, 'datasets.import', { path, options: { kind: 'series', window: 20 } });

    expect(imported).toMatchObject({ reused: false, dataset: { kind: 'series', sourcePath: path, summary: expect.stringMatching(/^250,000 rows/) } });
    expect(onMainThread).toEqual({ readPass: 0, previewSample: 0 });

    const progress = events.filter((e) => e.name === 'datasets.importProgress').map((e) => e.payload as ApiEvent<'datasets.importProgress'>);
    const size = imported.dataset.sizeBytes;
    expect(progress.every((p) => p.path === path && p.totalBytes === size)).toBe(true);
    expect(progress.map((p) => p.pass)).toEqual([...progress.filter((p) => p.pass === 1).map(() => 1), ...progress.filter((p) => p.pass === 2).map(() => 2)]);
    // the checking pass reads the whole file; the fitting pass stops after the training rows (80%)
    expect(progress.filter((p) => p.pass === 1).at(-1)?.bytesRead).toBe(size);
    expect(progress.filter((p) => p.pass === 2).length).toBeGreaterThan(0);
    expect(events.map((e) => e.name)).toContain('datasets.changed');
  });

  it('registers what an in-process import registers, and reuses it for the same content and options', async () => {
    const series = fx.write('series.csv', seriesCsv(300));
    const text = fx.write('story.txt', 'the cat sat on the mat and the dog sat on the log\n'.repeat(40));
    const cases = [
      { path: series, options: { kind: 'series', columns: ['x', 'y'], target: 'y', window: 6 } },
      { path: text, options: { kind: 'text', level: 'word', window: 5 } },
    ];
    const reference = openStore(fx.join('reference.db'));
    try {
      for (const { path, options } of cases) {
        const inWorker = await callApi<Imported>(env.backend, 'datasets.import', { path, options });
        const inProcess = await importDataset(reference, path, options);
        if (!inProcess.ok) throw new Error(inProcess.error.message);
        const { id: _id, createdAt: _createdAt, ...expected } = inProcess.value.dataset;
        expect(env.backend.store.datasets.get(inWorker.dataset.id)).toMatchObject(expected);
        expect(await callApi<Imported>(env.backend, 'datasets.import', { path, options })).toMatchObject({
          reused: true,
          dataset: { id: inWorker.dataset.id },
        });
      }
    } finally {
      reference.close();
    }
    onMainThread.readPass = 0; // the in-process imports above read here, as they should
    const preview = await callApi<ApiResponse<'datasets.preview'>>(env.backend, 'datasets.preview', { path: series, options: { rows: 2 } });
    expect(preview).toMatchObject({
      format: 'delimited',
      complete: true,
      rows: [
        ['0', '0.000000', '0'],
        ['1', '0.033327', '0.25'],
      ],
    });
    expect(onMainThread).toEqual({ readPass: 0, previewSample: 0 });
  });

  it('cancels an import when its signal is aborted, terminating the worker and registering nothing', async () => {
    const path = fx.write('slow.csv', seriesCsv(20_000));
    const controller = new AbortController();
    const imports = new ImportService(env.backend.store);
    const result = await imports.importFile(path, { kind: 'series' }, { chunkBytes: 1024, signal: controller.signal, onProgress: () => controller.abort() });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'cancelled', file: path, message: `${path}: the import was cancelled. Start it again when you are ready.` },
    });
    expect(env.backend.store.datasets.list()).toEqual([]);
  });
});

describe('datasets.import and datasets.preview say what they read and why', () => {
  it('detects the kind when the options leave it out, and reports the columns, the windows and the reasons', async () => {
    const path = fx.write('detect me.csv', seriesCsv(300));
    const preview = await callApi<ApiResponse<'datasets.preview'>>(env.backend, 'datasets.preview', { path });
    expect(preview).toMatchObject({ kind: 'series', kindReason: 'detected: columns "x", "y" hold numbers', decimal: '.' });
    expect(preview.columnChoices.map((c) => [c.name, c.role])).toEqual([
      ['t', 'left out'],
      ['x', 'input'],
      ['y', 'input and target'],
    ]);
    const imported = await callApi<Imported>(env.backend, 'datasets.import', { path, options: { window: 20 } });
    expect(imported.dataset).toMatchObject({ kind: 'series', summary: '300 rows · inputs x, y → y · split 240/30/30' });
    expect(imported.report).toMatchObject({
      kind: 'series',
      kindReason: 'detected: columns "x", "y" hold numbers',
      maxWindow: 29,
      notes: [expect.stringContaining('windows of up to 29 rows')],
    });
    expect(imported.report.columns[0]).toMatchObject({ name: 't', role: 'left out', reason: expect.stringContaining('index') });
  });

  it('refuses a file whose kind cannot be told, under options.kind', async () => {
    const path = fx.write('people.csv', 'name,city\n' + Array.from({ length: 30 }, (_, i) => `p${i},c${i}`).join('\n') + '\n');
    const refusal = await refusalOf(env.backend, 'datasets.import', { path, options: {} });
    expect(refusal).toMatchObject({
      code: 'invalid-request',
      issues: [{ path: 'options.kind', message: expect.stringContaining('the kind of data cannot be told from the content') }],
    });
    expect(env.backend.store.datasets.list()).toEqual([]);
  });
});

describe('an import worker that fails', () => {
  it('refuses datasets.import and datasets.preview with the reason, registering nothing', async () => {
    const faulty = createTestBackend({ importWorkerEntry: FAULTY_WORKER });
    const seen: string[] = [];
    faulty.backend.events.subscribe((name) => void seen.push(name));
    try {
      const crash = fx.write('exit.csv', seriesCsv(100));
      expect(await refusalOf(faulty.backend, 'datasets.import', { path: crash, options: { kind: 'series', window: 4 } })).toEqual({
        code: 'internal',
        message: 'The import worker stopped unexpectedly (exit code 3). Nothing was imported.',
      });
      expect(await refusalOf(faulty.backend, 'datasets.preview', { path: crash })).toEqual({
        code: 'internal',
        message: 'The import worker stopped unexpectedly (exit code 3). The file was not previewed.',
      });
      const bug = fx.write('bug.csv', seriesCsv(100));
      expect(await refusalOf(faulty.backend, 'datasets.import', { path: bug, options: { kind: 'series', window: 4 } })).toEqual({
        code: 'internal',
        message: 'The import worker failed: planImport: result() before the fitting pass. Nothing was imported.',
      });
      expect(faulty.backend.store.datasets.list()).toEqual([]);
      expect(seen).not.toContain('datasets.changed');
      // the same entry imports a healthy file
      const fine = await callApi<Imported>(faulty.backend, 'datasets.import', {
        path: fx.write('fine.csv', seriesCsv(100)),
        options: { kind: 'series', window: 4 },
      });
      expect(fine.dataset.name).toBe('fine.csv');
    } finally {
      await faulty.dispose();
    }
  });

  it('refuses an import whose worker runs out of memory, registering nothing', async () => {
    const store = env.backend.store;
    const imports = new ImportService(store, { workerEntry: FAULTY_WORKER, heapMb: 96 });
    const handlers = createDatasetHandlers(store, new EventBus(), imports);
    const path = fx.write('hoard.csv', seriesCsv(100));
    const error = await Promise.resolve(handlers['datasets.import'](parseRequest('datasets.import', { path, options: { kind: 'series' } }))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).toBody()).toEqual({
      code: 'internal',
      message: 'The import worker failed: it ran out of memory (heap limit 96 MB). Nothing was imported.',
    });
    await expect(imports.importFile(path, { kind: 'series' })).rejects.toBeInstanceOf(ImportWorkerError);
    expect(store.datasets.list()).toEqual([]);
  });
});
