// Which page the window loads and trusts: the bundle when packaged whatever the environment says; in
// development electron-vite's dev server, but only on this machine.
import { describe, expect, it } from 'vitest';
import { chooseRendererUrl, isAppPageUrl } from '../../../electron/main/renderer-url';

const BUNDLE = 'file:///opt/SeqLab/resources/app.asar/out/renderer/index.html';

function choose(isPackaged: boolean, devServerUrl: string | undefined): { url: string; notices: string[] } {
  const notices: string[] = [];
  return { url: chooseRendererUrl({ isPackaged, devServerUrl, bundledUrl: BUNDLE }, (line) => notices.push(line)), notices };
}

describe('chooseRendererUrl', () => {
  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(choose(true, 'http://localhost:5173/')).toEqual({ url: BUNDLE, notices: [] });
    expect(choose(true, 'https://evil.example/')).toEqual({ url: BUNDLE, notices: [] });
  });

  it('loads the dev server in development, and the bundle without one', () => {
    expect(choose(false, 'http://localhost:5173/').url).toBe('http://localhost:5173/');
    expect(choose(false, 'http://127.0.0.1:5173').url).toBe('http://127.0.0.1:5173');
    expect(choose(false, undefined).url).toBe(BUNDLE);
    expect(choose(false, '  ').url).toBe(BUNDLE);
  });

  it('refuses a dev server address that is not http on this machine, with a notice', () => {
    for (const url of ['https://evil.example/', 'http://evil.example:5173/', 'file:///tmp/page.html', 'http://user:pw@localhost:5173/', 'not a url']) {
      const chosen = choose(false, url);
      expect(chosen.url, url).toBe(BUNDLE);
      expect(chosen.notices, url).toEqual([expect.stringContaining('ignoring ELECTRON_RENDERER_URL')]);
    }
  });
});

describe('isAppPageUrl', () => {
  it('accepts the bundled page on any client-side route, and nothing else on file://', () => {
    expect(isAppPageUrl(BUNDLE, BUNDLE)).toBe(true);
    expect(isAppPageUrl(`${BUNDLE}#/runs/3`, BUNDLE)).toBe(true);
    expect(isAppPageUrl('file:///opt/SeqLab/resources/app.asar/out/renderer/other.html', BUNDLE)).toBe(false);
    expect(isAppPageUrl('file:///etc/passwd', BUNDLE)).toBe(false);
    expect(isAppPageUrl('file://evil-host/opt/SeqLab/resources/app.asar/out/renderer/index.html', BUNDLE)).toBe(false);
    expect(isAppPageUrl('https://evil.example/', BUNDLE)).toBe(false);
    expect(isAppPageUrl('', BUNDLE)).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppPageUrl('http://localhost:5173/#/runs', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppPageUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});
