// Electron main process: glue only. Opens the backend on the per-user database, wires IPC, opens the window.
// Hardening lives in window.ts (every page), renderer-url.ts (which page is trusted) and external-links.ts.
import { BrowserWindow, app, dialog, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL } from '../../core/common/api/bridge';
import { BackendService } from '../../core/node/backend/backend-service';
import { DB_ENV_VAR, DB_FILE_NAME, resolveDbPath } from '../../core/node/store/default-path';
import { StoreOpenError } from '../../core/node/store/errors';
import { registerApiHandlers } from './ipc';
import { chooseRendererUrl, isAppPageUrl } from './renderer-url';
import { createHardenedWindow, installHardening, type Hardening } from './window';

app.setName('SeqLab');

const notice = (line: string) => console.warn(`SeqLab: ${line}`);
/** Decided once, before any window exists; a packaged app ignores ELECTRON_RENDERER_URL. */
const appUrl = chooseRendererUrl(
  { isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL, bundledUrl: new URL('../renderer/index.html', import.meta.url).href },
  notice,
);
const hardening: Hardening = { appUrl, openExternal: (url) => shell.openExternal(url), notice };
installHardening(app, hardening);

const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const openMainWindow = () =>
  createHardenedWindow(BrowserWindow, PRELOAD_PATH, hardening, { width: 1280, height: 820, minWidth: 900, minHeight: 600, title: 'SeqLab' });

/** Example specs: inside the package's resources when packaged, the repository's resources/ otherwise. */
function examplesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'examples') : fileURLToPath(new URL('../../resources/examples', import.meta.url));
}

app.whenReady().then(() => {
  // SEQLAB_DB wins (as for serve and the CLI); otherwise Electron's own userData folder.
  const databasePath = process.env[DB_ENV_VAR] ? resolveDbPath() : join(app.getPath('userData'), DB_FILE_NAME);
  let backend: BackendService;
  try {
    backend = new BackendService({ databasePath, host: 'electron', examplesDir: examplesDir() });
  } catch (error) {
    const message = error instanceof StoreOpenError ? error.message : String(error);
    dialog.showErrorBox('SeqLab cannot open its database', message);
    app.exit(1);
    return;
  }
  registerApiHandlers(ipcMain, backend.dispatcher, (url) => isAppPageUrl(url, appUrl));
  backend.events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  // Let training runs checkpoint (they become `interrupted`, resumable) before the process exits.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void backend.close().finally(() => app.exit(0));
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  openMainWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
