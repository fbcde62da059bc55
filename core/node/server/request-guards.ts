// Checks every request to the local server passes: its target is a well-formed path, the Host is this
// loopback server (DNS-rebinding guard), the Origin (when a browser sends one) is this server, and the
// per-launch token matches.
import { timingSafeEqual } from 'node:crypto';

/** `host:port` pairs a browser may address this server by. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader.toLowerCase());
}

/** No Origin is fine (a script or the CLI, which still needs the token); a present Origin must be this server. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  return allowedHosts(port).some((host) => originHeader.toLowerCase() === `http://${host}`);
}

export function tokenMatches(provided: string | null | undefined, expected: string): boolean {
  if (!provided) return false;
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads `Authorization: Bearer <token>`. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match ? (match[1] ?? null) : null;
}

export type RequestTarget = { ok: true; path: string; query: URLSearchParams } | { ok: false; message: string };

/**
 * The percent-decoded path and the query of a request target, or why it is refused: only the origin form
 * (`/path?query`) is served, the path must decode as UTF-8, and a NUL byte is never part of a path.
 */
export function parseRequestTarget(target: string | undefined): RequestTarget {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) return { ok: false, message: `request target ${quoted(raw)} is not a path starting with "/"` };
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, message: `path ${quoted(rawPath)} is not valid percent-encoded UTF-8` };
  }
  const nul = path.indexOf('\0');
  if (nul >= 0) return { ok: false, message: `path contains a NUL byte at character ${nul + 1}` };
  return { ok: true, path, query: new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1)) };
}

/** `text` as a JSON string, cut to a readable length: it comes from the client and ends up in messages and logs. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
