// Serves the built renderer (out/renderer) to the browser, with a strict CSP and no path traversal.
import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Same policy as the Electron window: scripts only from this origin, API and events only to it. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Sends `path` (already percent-decoded, see parseRequestTarget) from `rootDir`; unknown paths without an
 * extension fall back to index.html (client-side routes).
 */
export function serveStatic(rootDir: string, path: string, port: number, res: ServerResponse): void {
  const root = resolve(rootDir);
  const requested = normalize(join(root, path === '/' ? 'index.html' : path));
  if (requested !== root && !requested.startsWith(root + sep)) return sendText(res, 403, 'Forbidden');

  let file = requested;
  if (!isFile(file)) {
    if (extname(path) !== '') return sendText(res, 404, 'Not found');
    file = join(root, 'index.html');
    if (!isFile(file)) return sendText(res, 500, `The renderer is not built (no ${file}). Run \`npm run build\` first.`);
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  // pipeline, not pipe: a read that fails (the file removed meanwhile) destroys the response, which the
  // browser sees as a failed load, instead of an unhandled stream error that would stop the server.
  pipeline(createReadStream(file), res, () => {});
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
