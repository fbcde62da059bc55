// The desktop bridge's IPC handlers (core/common/api/desktop-bridge.ts): the open dialog, "Save as…" for an export or
// a study's report, and "Show in folder". Every call is refused from any page but the app's own (as API calls are),
// and its arguments are checked here. What is saved is what a browser download gets (resolveDownload): an export's
// bytes only while they still hash to its record. Plain functions over Electron-shaped objects, unit-tested.
import { writeFile } from 'node:fs/promises';
import type { BrowserWindow, IpcMainInvokeEvent, Shell } from 'electron';
import { DESKTOP_CHANNELS, OPEN_FILE_KINDS, type OpenFileKind, type SaveOutcome } from '../../core/common/api/desktop-bridge';
import { STUDY_FILES, type DownloadTarget, type StudyFile } from '../../core/common/api/file-transfer';
import type { ModelExport } from '../../core/common/api/entities';
import type { ApiResult } from '../../core/common/api/result';
import type { Dispatcher } from '../../core/node/backend/dispatch';
import { resolveDownload } from '../../core/node/server/downloads';
import { chooseFileToOpen, chooseSavePath, type DialogLike } from './file-dialogs';
import { senderRefusal, type IpcMainLike, type IpcSenderLike } from './ipc';

export interface DesktopDeps {
  dispatcher: Dispatcher;
  dialog: DialogLike;
  shell: Pick<Shell, 'showItemInFolder'>;
  /** Where "Save as…" starts (app.getPath('documents')). */
  documentsDir: string;
  /** The window whose page sent the call (BrowserWindow.fromWebContents). */
  windowOf(event: IpcMainInvokeEvent): BrowserWindow | null;
  isAppUrl(url: string): boolean;
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<ApiResult<unknown>>;

export function registerDesktopHandlers(ipcMain: IpcMainLike, deps: DesktopDeps): () => void {
  const handlers: Record<keyof typeof DESKTOP_CHANNELS, (window: BrowserWindow, args: unknown[]) => Promise<unknown>> = {
    openFile: async (window, [kind]) => chooseFileToOpen(deps.dialog, window, checkedKind(kind)),
    saveExport: async (window, [exportId, part]) =>
      saveAs(window, { kind: 'export', exportId: checkedId(exportId, 'exportId'), part: checkedPart(part) }, deps),
    saveStudyFile: async (window, [studyId, file]) =>
      saveAs(window, { kind: 'study', studyId: checkedId(studyId, 'studyId'), file: checkedStudyFile(file) }, deps),
    showExportInFolder: async (_window, [exportId]) => {
      const id = checkedId(exportId, 'exportId');
      const listed = await deps.dispatcher.dispatch('models.list', {});
      const model = listed.ok ? (listed.value as ModelExport[]).find((candidate) => candidate.id === id) : undefined;
      if (!model) throw new DesktopRefusal(`Export ${id} does not exist.`);
      deps.shell.showItemInFolder(model.path);
      return null;
    },
  };
  for (const [name, channel] of Object.entries(DESKTOP_CHANNELS) as [keyof typeof DESKTOP_CHANNELS, string][]) {
    const handler: Handler = async (event, ...args) => {
      const refusal = senderRefusal(event as IpcSenderLike, deps.isAppUrl);
      if (refusal !== null) return { ok: false, error: { code: 'unauthorized', message: `${channel} refused from ${refusal}.` } };
      const window = deps.windowOf(event);
      if (!window) return { ok: false, error: { code: 'invalid-request', message: 'The window that asked has closed.' } };
      try {
        return { ok: true, value: await handlers[name](window, args) };
      } catch (error) {
        if (error instanceof DesktopRefusal) return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    };
    ipcMain.handle(channel, handler);
  }
  return () => {
    for (const channel of Object.values(DESKTOP_CHANNELS)) ipcMain.removeHandler(channel);
  };
}

/** Checks what will be saved first (a changed export is refused before any dialog), then asks where, then writes. */
async function saveAs(window: BrowserWindow, target: DownloadTarget, deps: DesktopDeps): Promise<SaveOutcome> {
  const download = await resolveDownload(target, deps.dispatcher);
  if (!download.ok) throw new DesktopRefusal(download.message, download.code);
  const path = await chooseSavePath(deps.dialog, window, download.fileName, deps.documentsDir);
  if (path === null) return { saved: false };
  await writeFile(path, download.bytes);
  return { saved: true, path };
}

class DesktopRefusal extends Error {
  constructor(
    message: string,
    readonly code: 'invalid-request' | 'not-found' | 'conflict' | 'internal' = 'invalid-request',
  ) {
    super(message);
  }
}

function checkedKind(kind: unknown): OpenFileKind {
  const found = OPEN_FILE_KINDS.find((candidate) => candidate === kind);
  if (!found) throw new DesktopRefusal(`kind must be one of ${OPEN_FILE_KINDS.join(', ')}.`);
  return found;
}

function checkedId(id: unknown, field: string): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw new DesktopRefusal(`${field} must be a positive integer.`);
  return id;
}

function checkedPart(part: unknown): 'graph' | 'step' {
  if (part !== 'graph' && part !== 'step') throw new DesktopRefusal('part must be "graph" or "step".');
  return part;
}

function checkedStudyFile(file: unknown): StudyFile {
  const found = STUDY_FILES.find((candidate) => candidate === file);
  if (!found) throw new DesktopRefusal(`file must be one of ${STUDY_FILES.join(', ')}.`);
  return found;
}
