// Electron main process: glue only. Opens the backend on the per-user database, wires IPC, opens the window.
// Hardening lives in window.ts (every page), renderer-url.ts (which page is trusted) and external-links.ts; the
// desktop conventions in app-menu.ts, file-dialogs.ts and desktop-ipc.ts, single-instance.ts, window-state.ts, about.ts.
import { BrowserWindow, Menu, app, dialog, ipcMain, screen, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL } from '../../core/common/api/bridge';
import { MENU_CHANNEL, type MenuAction } from '../../core/common/api/desktop-bridge';
import { BackendService } from '../../core/node/backend/backend-service';
import { DB_ENV_VAR, DB_FILE_NAME, resolveDbPath } from '../../core/node/store/default-path';
import { StoreOpenError } from '../../core/node/store/errors';
import { aboutMessageBox } from './about';
import { appMenuTemplate } from './app-menu';
import { registerDesktopHandlers } from './desktop-ipc';
import { registerApiHandlers } from './ipc';
import { chooseRendererUrl, isAppPageUrl } from './renderer-url';
import { claimSingleInstance, focusWindow } from './single-instance';
import { createHardenedWindow, installHardening, type Hardening } from './window';
import { WINDOW_SIZE, initialLayout, rememberWindowState, windowStatePath } from './window-state';

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
let mainWindow: BrowserWindow | undefined;
/** Opens the window where it was last (when that is still on a display), and remembers where it is when it closes. */
function openMainWindow(): BrowserWindow {
  const statePath = windowStatePath(app.getPath('userData'));
  const { maximized, ...bounds } = initialLayout(
    statePath,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = createHardenedWindow(BrowserWindow, PRELOAD_PATH, hardening, {
    ...bounds,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    title: 'SeqLab',
  });
  if (maximized) window.maximize();
  rememberWindowState(window, statePath, notice);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  mainWindow = window;
  return window;
}

// A second launch hands over to this one (its window comes to the front) and quits before opening anything.
const firstInstance = claimSingleInstance(app, () => focusWindow(mainWindow));

/** Example specs: inside the package's resources when packaged, the repository's resources/ otherwise. */
function examplesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'examples') : fileURLToPath(new URL('../../resources/examples', import.meta.url));
}

app.whenReady().then(() => {
  if (!firstInstance) return;
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
  registerDesktopHandlers(ipcMain, {
    dispatcher: backend.dispatcher,
    dialog,
    shell,
    documentsDir: app.getPath('documents'),
    windowOf: (event) => BrowserWindow.fromWebContents(event.sender),
    isAppUrl: (url) => isAppPageUrl(url, appUrl),
  });
  const dataFolder = dirname(databasePath);
  const openDataFolder = () => void shell.openPath(dataFolder).then((error) => error && notice(`could not open ${dataFolder}: ${error}`));
  const showAbout = async () => {
    const options = aboutMessageBox({ name: app.getName(), version: app.getVersion(), databasePath, versions: process.versions });
    const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    if (response === 1) openDataFolder();
  };
  const sendToPage = (action: MenuAction) => (BrowserWindow.getFocusedWindow() ?? mainWindow)?.webContents.send(MENU_CHANNEL, action);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        { platform: process.platform, appName: app.getName(), isPackaged: app.isPackaged },
        { send: sendToPage, about: () => void showAbout(), openDataFolder },
      ),
    ),
  );
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
