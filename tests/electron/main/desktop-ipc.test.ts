// The desktop bridge's handlers over a real backend, with stand-ins for ipcMain, the dialog and the shell: Save as…
// writes an export's exact bytes (and refuses one whose file changed, before asking where), a study's report, and
// Show in folder; other pages and bad arguments are refused.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../core/common/api/contract';
import { DESKTOP_CHANNELS } from '../../../core/common/api/desktop-bridge';
import type { ModelExport } from '../../../core/common/api/entities';
import { registerDesktopHandlers } from '../../../electron/main/desktop-ipc';
import type { DialogLike } from '../../../electron/main/file-dialogs';
import type { IpcMainLike } from '../../../electron/main/ipc';
import { callApi, createTestBackend } from '../../core/node/backend/test-backend';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const APP_URL = 'file:///opt/SeqLab/resources/app.asar/out/renderer/index.html';

let env: ReturnType<typeof createTestBackend>;
let saveDir: string;
const handlers = new Map<string, Handler>();
/** What the next save dialog answers (null: cancelled), and every save dialog's default path. */
let nextSavePath: string | null = null;
const defaultPaths: string[] = [];
const shown: string[] = [];
let exported: ModelExport;

beforeAll(async () => {
  env = createTestBackend();
  saveDir = mkdtempSync(join(tmpdir(), 'seqlab-save-'));
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler), removeHandler: () => undefined } as unknown as IpcMainLike;
  const dialog = {
    showOpenDialog: async () => ({ canceled: false, filePaths: ['/data/chosen.csv'] }),
    showSaveDialog: async (_window: BrowserWindow, options: { defaultPath: string }) => {
      defaultPaths.push(options.defaultPath);
      return nextSavePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: nextSavePath };
    },
  } as unknown as DialogLike;
  registerDesktopHandlers(ipcMain, {
    dispatcher: env.backend.dispatcher,
    dialog,
    shell: { showItemInFolder: (path: string) => void shown.push(path) },
    documentsDir: '/home/ada/Documents',
    windowOf: () => ({}) as BrowserWindow,
    isAppUrl: (url) => url === APP_URL,
  });

  const experiment = await callApi<{ id: number }>(env.backend, 'experiments.create', { name: 'save as' });
  const completed = new Promise<void>((resolve) => {
    env.backend.events.subscribe((event, payload) => {
      if (event === 'run.status' && (payload as ApiEvent<'run.status'>).status === 'completed') resolve();
    });
  });
  const run = await callApi<{ id: number }>(env.backend, 'runs.create', {
    experimentId: experiment.id,
    spec: {
      seed: 3,
      task: { id: 'char-lm', params: { window: 8, corpusLength: 1000 } },
      model: { cell: 'gru', hiddenSize: 6, embeddingDim: 4 },
      training: { steps: 10, batchSize: 4, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, checkpointEvery: 10, gradNormsEvery: 0 },
    },
  });
  await completed;
  exported = await callApi<ModelExport>(env.backend, 'models.export', { runId: run.id, format: 'safetensors' });
}, 180_000);
afterAll(async () => {
  await env.dispose();
  rmSync(saveDir, { recursive: true, force: true });
});

function eventFrom(url: string): IpcMainInvokeEvent {
  const mainFrame = { url, parent: null, processId: 4, routingId: 1 };
  return { sender: { mainFrame }, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
}
const invoke = (channel: string, ...args: unknown[]) => handlers.get(channel)!(eventFrom(APP_URL), ...args);

describe('desktop bridge handlers', () => {
  it('Save as… writes the export’s exact bytes where the person chose, starting from its own name in Documents', async () => {
    const target = join(saveDir, 'my-model.safetensors');
    nextSavePath = target;
    expect(await invoke(DESKTOP_CHANNELS.saveExport, exported.id, 'graph')).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(createHash('sha256').update(readFileSync(target)).digest('hex')).toBe(exported.hash);
    expect(defaultPaths.at(-1)).toBe(join('/home/ada/Documents', `run-${exported.runId}.safetensors`));
    nextSavePath = null;
    expect(await invoke(DESKTOP_CHANNELS.saveExport, exported.id, 'graph')).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses an export whose file changed since it was exported, before any dialog opens', async () => {
    const original = readFileSync(exported.path);
    const dialogs = defaultPaths.length;
    try {
      writeFileSync(exported.path, Buffer.concat([original, Buffer.from('x')]));
      expect(await invoke(DESKTOP_CHANNELS.saveExport, exported.id, 'graph')).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(defaultPaths.length).toBe(dialogs);
    } finally {
      writeFileSync(exported.path, original);
    }
  });

  it('saves a study’s report, opens the dialog for a dataset, and shows an export in its folder', async () => {
    const started = await callApi<{ id: number; sweepId: number }>(env.backend, 'studies.run', { study: 'gradient-flow', budget: 'quick' });
    await callApi(env.backend, 'sweeps.stop', { id: started.sweepId });
    nextSavePath = join(saveDir, 'report.csv');
    expect(await invoke(DESKTOP_CHANNELS.saveStudyFile, started.id, 'results.csv')).toMatchObject({ ok: true, value: { saved: true } });
    const report = await callApi<{ csv: string }>(env.backend, 'studies.report', { id: started.id });
    expect(readFileSync(nextSavePath, 'utf8')).toBe(report.csv);
    expect(await invoke(DESKTOP_CHANNELS.openFile, 'dataset')).toEqual({ ok: true, value: '/data/chosen.csv' });
    expect(await invoke(DESKTOP_CHANNELS.showExportInFolder, exported.id)).toEqual({ ok: true, value: null });
    expect(shown).toEqual([exported.path]);
  }, 180_000);

  it('refuses other pages and arguments it does not know', async () => {
    const foreign = await handlers.get(DESKTOP_CHANNELS.openFile)!(eventFrom('https://evil.example/'), 'dataset');
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke(DESKTOP_CHANNELS.openFile, 'passwords')).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'kind must be one of dataset, spec.' },
    });
    expect(await invoke(DESKTOP_CHANNELS.saveExport, -1, 'graph')).toMatchObject({ ok: false, error: { message: 'exportId must be a positive integer.' } });
    expect(await invoke(DESKTOP_CHANNELS.saveExport, exported.id, 'weights')).toMatchObject({
      ok: false,
      error: { message: 'part must be "graph" or "step".' },
    });
    expect(await invoke(DESKTOP_CHANNELS.saveStudyFile, 1, '../../etc/passwd')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await invoke(DESKTOP_CHANNELS.showExportInFolder, 999)).toMatchObject({ ok: false, error: { message: 'Export 999 does not exist.' } });
  });
});
