// The server's JSON answers: an API result (or a refusal shaped as one) with its status, never cached or sniffed.
import type { ServerResponse } from 'node:http';
import type { ApiErrorCode, ApiResult } from '../../common/api/result';

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(JSON.stringify(body));
}

/** A refusal the transport makes itself (before or instead of the dispatcher), shaped as an API result. */
export function refusal(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/** The HTTP status of an API error code. */
export function statusFor(code: string): number {
  switch (code) {
    case 'invalid-request':
      return 400;
    case 'unauthorized':
      return 401;
    case 'unknown-call':
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    default:
      return 500;
  }
}
