// The hardening every page of the desktop app gets, over stand-ins for BrowserWindow, WebContents, Session
// and App (Electron's binary cannot run here): window options, navigation, new windows, webviews,
// permissions, the CSP header, and that pages created later are hardened too.
import type { App, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  createHardenedWindow,
  hardenWebContents,
  installHardening,
  type BrowserWindowClass,
  type Hardening,
  type WebContentsLike,
} from '../../../electron/main/window';

const APP_URL = 'file:///opt/SeqLab/resources/app.asar/out/renderer/index.html';
const PRELOAD = '/opt/SeqLab/resources/app.asar/out/preload/index.cjs';

type Listener = (...args: never[]) => unknown;

class FakeSession {
  requestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
  checkHandler?: (...args: unknown[]) => boolean;
  headersListener?: (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>) {
    this.checkHandler = handler;
  }
  webRequest = { onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => (this.headersListener = listener) };
}

class FakeContents {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler?: (details: { url: string }) => { action: string };
  readonly session = new FakeSession();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: NonNullable<FakeContents['windowOpenHandler']>) {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation-like event; true when a listener prevented it. */
  navigate(event: string, url: string, isMainFrame = true): boolean {
    const details = {
      url,
      isMainFrame,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    for (const listener of this.listeners.get(event) ?? []) (listener as (details: unknown) => void)(details);
    return details.prevented;
  }
}

function setup() {
  const notices: string[] = [];
  const opened: string[] = [];
  const hardening: Hardening = {
    appUrl: APP_URL,
    openExternal: async (url) => {
      opened.push(url);
    },
    notice: (line) => notices.push(line),
  };
  const contents = new FakeContents();
  hardenWebContents(contents as unknown as WebContentsLike, hardening);
  return { notices, opened, hardening, contents };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createHardenedWindow', () => {
  class FakeWindow {
    static created: FakeWindow[] = [];
    readonly webContents = new FakeContents();
    readonly loaded: string[] = [];
    readonly once = (event: string, listener: () => void) => (this.onceListeners[event] = listener);
    readonly onceListeners: Record<string, () => void> = {};
    shown = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeWindow.created.push(this);
    }
    show() {
      this.shown = true;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }

  it('opens the app page with the hardened preferences, whatever the layout asks', () => {
    const { hardening } = setup();
    const layout = {
      width: 1280,
      height: 820,
      title: 'SeqLab',
      webPreferences: { nodeIntegration: true, sandbox: false },
    } as unknown as BrowserWindowConstructorOptions;
    createHardenedWindow(FakeWindow as unknown as BrowserWindowClass, PRELOAD, hardening, layout);
    const window = FakeWindow.created.at(-1)!;
    expect(window.options).toMatchObject({ width: 1280, height: 820, title: 'SeqLab', show: false });
    expect(window.options.webPreferences).toEqual({
      preload: PRELOAD,
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
    });
    expect(window.loaded).toEqual([APP_URL]);
    expect(window.webContents.windowOpenHandler).toBeDefined();
    expect(window.webContents.session.requestHandler).toBeDefined();
    window.onceListeners['ready-to-show']!();
    expect(window.shown).toBe(true);
  });
});

describe('hardenWebContents', () => {
  it('lets the app page move between its own routes, and blocks every other navigation', () => {
    const { contents, notices, opened } = setup();
    expect(contents.navigate('will-navigate', `${APP_URL}#/runs/2`)).toBe(false);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(notices).toHaveLength(4);
    expect(notices[0]).toContain('blocked a navigation to "https://evil.example/"');
    expect(opened).toEqual([]);
  });

  it('sends an allowed link to the system browser instead of navigating the window', async () => {
    const { contents, opened } = setup();
    expect(contents.navigate('will-navigate', 'https://github.com/seqlab')).toBe(true);
    await settle();
    expect(opened).toEqual(['https://github.com/seqlab']);
  });

  it('denies every new window, opening allowed links outside the app', async () => {
    const { contents, opened, notices } = setup();
    for (const url of ['https://github.com/seqlab', 'https://evil.example/', 'file:///bin/sh', APP_URL]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    expect(opened).toEqual(['https://github.com/seqlab']);
    expect(notices.filter((line) => line.startsWith('refused to open'))).toHaveLength(3);
  });

  it('refuses <webview>', () => {
    const { contents, notices } = setup();
    expect(contents.navigate('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(notices).toEqual([expect.stringContaining('blocked a <webview>')]);
  });

  it('denies every permission request and check, noting the requests', () => {
    const { contents, notices } = setup();
    for (const permission of ['geolocation', 'media', 'clipboard-read', 'notifications', 'openExternal']) {
      let granted: boolean | undefined;
      contents.session.requestHandler!(contents, permission, (answer) => (granted = answer), { requestingUrl: APP_URL });
      expect(granted, permission).toBe(false);
    }
    expect(notices).toHaveLength(5);
    expect(notices[0]).toBe(`denied the permission "geolocation" asked by ${APP_URL}.`);
    expect(contents.session.checkHandler!(contents, 'media', APP_URL, {})).toBe(false);
  });

  it('lets only the app page write the clipboard (Copy buttons); reading it and other pages stay denied', () => {
    const { contents, notices } = setup();
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      contents.session.requestHandler!(contents, permission, (answer) => (granted = answer), { requestingUrl });
      return granted;
    };
    expect(ask('clipboard-sanitized-write', APP_URL)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ask('clipboard-read', APP_URL)).toBe(false);
    expect(notices).toHaveLength(2);
    expect(contents.session.checkHandler!(contents, 'clipboard-sanitized-write', APP_URL, { requestingUrl: APP_URL })).toBe(true);
    expect(contents.session.checkHandler!(contents, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(
      false,
    );
  });

  it('puts the app CSP on every response, replacing any other', () => {
    const { contents } = setup();
    let headers: Record<string, string[]> | undefined;
    contents.session.headersListener!(
      { responseHeaders: { 'content-security-policy': ["script-src 'unsafe-inline' *"], 'Content-Type': ['text/html'] } },
      (response) => {
        headers = response.responseHeaders;
      },
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [APP_CONTENT_SECURITY_POLICY] });
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('hardens a page once however often it is asked', () => {
    const { contents, hardening } = setup();
    hardenWebContents(contents as unknown as WebContentsLike, hardening);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
  });
});

describe('installHardening', () => {
  it('hardens every page created later, not only the main window', () => {
    const { hardening } = setup();
    const appListeners = new Map<string, Listener>();
    const app = { on: (event: string, listener: Listener) => appListeners.set(event, listener) } as unknown as Pick<App, 'on'>;
    installHardening(app, hardening);

    const later = new FakeContents();
    (appListeners.get('web-contents-created') as (event: unknown, contents: unknown) => void)({}, later);
    expect(later.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(later.session.requestHandler).toBeDefined();
  });
});
