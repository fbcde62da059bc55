// The app window, locked down per Electron's security checklist: isolated, sandboxed preload, no Node in
// the page, navigation and new windows denied, external https links opened in the system browser.
import { BrowserWindow, shell } from 'electron';
import { fileURLToPath } from 'node:url';

export function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? new URL('../renderer/index.html', import.meta.url).href;
}

/** Only the app's own page (same file, or the dev server's origin) may call the API. */
export function isTrustedRendererUrl(url: string): boolean {
  const expected = new URL(rendererUrl());
  try {
    const actual = new URL(url);
    return expected.protocol === 'file:' ? actual.protocol === 'file:' && actual.pathname === expected.pathname : actual.origin === expected.origin;
  } catch {
    return false;
  }
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'SeqLab',
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedRendererUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  void window.loadURL(rendererUrl());
  return window;
}
