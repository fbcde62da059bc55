// Every window and web page of the app gets the same lockdown, per Electron's security checklist: isolated,
// sandboxed preload, no Node in the page, a CSP, navigation and redirects only to the app's own page, new
// windows denied (allowed links go to the system browser), <webview> refused, permission requests denied (but
// writing the clipboard from the app's own page).
// Electron is imported for types only: these are plain functions over Electron-shaped objects, unit-tested
// without the Electron binary; index.ts passes the real ones.
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { isAllowedExternalUrl, openExternalIfAllowed } from './external-links';
import { isAppPageUrl } from './renderer-url';

export interface Hardening {
  /** The app's own page (chooseRendererUrl); the only one a window may show. */
  appUrl: string;
  /** shell.openExternal. */
  openExternal(url: string): Promise<void>;
  /** Where a blocked navigation, link or permission is noted, one line each. */
  notice(line: string): void;
}

/** The renderer's own meta policy (renderer/index.html) plus what only a header can say; sent on every response. */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The webPreferences of every window; nothing a caller passes can loosen them. */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export type WindowLayout = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** The one way the app opens a window: hardened preferences and contents, shown when ready, on the app's page. */
export function createHardenedWindow(BrowserWindowCtor: BrowserWindowClass, preloadPath: string, hardening: Hardening, layout: WindowLayout): BrowserWindow {
  const window = new BrowserWindowCtor({ ...layout, show: false, webPreferences: hardenedWebPreferences(preloadPath) });
  hardenWebContents(window.webContents, hardening);
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(hardening.appUrl)
    .catch((error: unknown) => hardening.notice(`the window could not load ${hardening.appUrl}: ${error instanceof Error ? error.message : String(error)}`));
  return window;
}

/** Hardens every web page the app ever creates (windows opened elsewhere, devtools, anything later) as it is created. */
export function installHardening(app: Pick<App, 'on'>, hardening: Hardening): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, hardening));
}

export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'session'>;
const hardenedContents = new WeakSet<object>();

/** Navigation, redirects, new windows and webviews of one page; then its session. Idempotent. */
export function hardenWebContents(contents: WebContentsLike, hardening: Hardening): void {
  if (hardenedContents.has(contents)) return;
  hardenedContents.add(contents);
  const blockUnlessApp = (event: { preventDefault(): void }, url: string, what: string): void => {
    if (isAppPageUrl(url, hardening.appUrl)) return;
    event.preventDefault();
    hardening.notice(`blocked ${what} to ${JSON.stringify(url.slice(0, 200))}.`);
  };
  contents.on('will-navigate', (event) => {
    // A followed link leaves the app only for the system browser, and only when allowed.
    if (isAppPageUrl(event.url, hardening.appUrl)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(event.url)) void openExternalIfAllowed(hardening.openExternal, event.url, hardening.notice);
    else hardening.notice(`blocked a navigation to ${JSON.stringify(event.url.slice(0, 200))}.`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) blockUnlessApp(event, event.url, 'a frame navigation');
  });
  contents.on('will-redirect', (event) => {
    blockUnlessApp(event, event.url, 'a redirect');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    hardening.notice('blocked a <webview>: the app embeds no other pages.');
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalIfAllowed(hardening.openExternal, url, hardening.notice);
    return { action: 'deny' };
  });
  hardenSession(contents.session, hardening);
}

export type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};
const hardenedSessions = new WeakSet<object>();

/**
 * The one permission the app's own page may have: writing sanitised text to the clipboard (the Copy buttons,
 * e.g. a run's spec). Reading the clipboard and everything else stay denied, for any page.
 */
export const APP_PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function grantsPermission(permission: string, requestingUrl: string | undefined, hardening: Hardening): boolean {
  return APP_PAGE_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppPageUrl(requestingUrl, hardening.appUrl);
}

/**
 * Permission requests denied (and noted) and checks answered no — except APP_PAGE_PERMISSIONS asked by the
 * app's own page —, the CSP header on every response. Idempotent.
 */
export function hardenSession(session: SessionLike, hardening: Hardening): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (grantsPermission(permission, details.requestingUrl, hardening)) return callback(true);
    hardening.notice(`denied the permission "${permission}" asked by ${details.requestingUrl || '(unknown page)'}.`);
    callback(false);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    grantsPermission(permission, details.requestingUrl ?? requestingOrigin, hardening),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [APP_CONTENT_SECURITY_POLICY] } });
  });
}
