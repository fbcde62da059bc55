// Checks every request to the local server passes: the Host is this loopback server (DNS-rebinding guard),
// the Origin (when a browser sends one) is this server, and the per-launch token matches.
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
