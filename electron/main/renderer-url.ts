// Which page the app window loads, and which URLs count as that page: the only page that may navigate
// the window and call the API over IPC. Chosen once at startup, so nothing read later can change it.

export interface RendererSource {
  /** `app.isPackaged`: a packaged app always loads its own bundle. */
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, which electron-vite sets to its dev server in development. */
  devServerUrl: string | undefined;
  /** The bundled renderer, `file://…/out/renderer/index.html` (inside app.asar when packaged). */
  bundledUrl: string;
}

/**
 * The bundled page, or in development the dev server electron-vite announces. The environment is ignored
 * in a packaged app (anyone who can set a variable must not be able to point the trusted page elsewhere),
 * and a dev server address that is not http on this machine is refused with a notice.
 */
export function chooseRendererUrl(source: RendererSource, notice: (line: string) => void): string {
  const dev = source.devServerUrl?.trim();
  if (source.isPackaged || !dev) return source.bundledUrl;
  if (!isLoopbackHttp(dev)) {
    notice(
      `ignoring ELECTRON_RENDERER_URL=${JSON.stringify(dev)}: only a dev server on http://localhost or http://127.0.0.1 is loaded; using the bundled renderer.`,
    );
    return source.bundledUrl;
  }
  return dev;
}

/** True when `url` is the app's page: the same file (any #route), or an address on the dev server. */
export function isAppPageUrl(url: string, appUrl: string): boolean {
  const expected = new URL(appUrl);
  let actual: URL;
  try {
    actual = new URL(url);
  } catch {
    return false;
  }
  return expected.protocol === 'file:'
    ? actual.protocol === 'file:' && actual.host === '' && actual.pathname === expected.pathname
    : actual.origin === expected.origin;
}

function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
