// `npm run serve`: the built renderer and the typed API over HTTP + WebSocket, on loopback only,
// behind a per-launch token. Routes: GET /* (renderer), POST /api/call/<name> (one call),
// GET /api/events?token=… upgraded to a WebSocket (pushed events as `{ event, payload }` JSON).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiResult } from '../../common/api/result';
import type { Dispatcher } from '../backend/dispatch';
import type { EventBus } from '../backend/event-bus';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './request-guards';
import { sendText, serveStatic } from './static-files';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const CALL_PREFIX = '/api/call/';

export interface LocalServerOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  /** Folder with the built renderer (index.html and assets). */
  rendererDir: string;
  token: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface LocalServer {
  readonly port: number;
  /** The address to open in a browser; the token travels in the fragment, so it never reaches logs or Referer headers. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let port = 0;

  const server = createServer((req, res) => {
    handleRequest(req, res, options, port).catch((error: unknown) => {
      console.error('SeqLab serve: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal server error' } });
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal =
      url.pathname !== '/api/events'
        ? '404 Not Found'
        : !isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)
          ? '403 Forbidden'
          : !tokenMatches(url.searchParams.get('token'), options.token)
            ? '401 Unauthorized'
            : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, options: LocalServerOptions, port: number): Promise<void> {
  if (!isAllowedHost(req.headers.host, port)) {
    return sendText(res, 403, 'Forbidden: SeqLab serves only http://127.0.0.1 and http://localhost on its own port.');
  }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  if (!url.pathname.startsWith('/api/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(options.rendererDir, url.pathname, port, res);
  }
  if (!isAllowedOrigin(req.headers.origin, port)) {
    return sendJson(res, 403, refusal('unauthorized', `Requests from origin ${req.headers.origin} are refused.`));
  }
  if (!tokenMatches(bearerToken(req.headers.authorization), options.token)) {
    return sendJson(res, 401, refusal('unauthorized', 'Missing or wrong access token. Open the URL that `npm run serve` printed.'));
  }
  if (req.method !== 'POST' || !url.pathname.startsWith(CALL_PREFIX)) {
    return sendJson(res, 404, refusal('unknown-call', `No API route ${req.method} ${url.pathname}; calls are POST ${CALL_PREFIX}<name>.`));
  }
  const body = await readJsonBody(req);
  if (!body.ok) return sendJson(res, 400, refusal('invalid-request', body.message));
  const result = await options.dispatcher.dispatch(decodeURIComponent(url.pathname.slice(CALL_PREFIX.length)), body.value);
  sendJson(res, result.ok ? 200 : statusFor(result.error.code), result);
}

function statusFor(code: string): number {
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

function refusal(code: 'unauthorized' | 'unknown-call' | 'invalid-request', message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
}

async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: `Request body is larger than ${MAX_BODY_BYTES} bytes.` };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Request body is not valid JSON: ${(error as Error).message}` };
  }
}
