// `npm run serve`: the built renderer and the typed API over HTTP + WebSocket, on loopback only,
// behind a per-launch token. Routes: GET /* (renderer), POST /api/call/<name> (one call),
// GET /api/events?token=… upgraded to a WebSocket (pushed events as `{ event, payload }` JSON), and the file
// routes (transfer-routes.ts): POST /api/upload (a dataset file's bytes), GET /api/download/… (an export or report).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DOWNLOAD_PREFIX, UPLOAD_ROUTE } from '../../common/api/file-transfer';
import type { Dispatcher } from '../backend/dispatch';
import type { EventBus } from '../backend/event-bus';
import { DEFAULT_CONNECTION_LIMITS, enforceConnectionLimits, timeoutServerOptions, type ConnectionLimits } from './connection-limits';
import { bearerToken, isAllowedHost, isAllowedOrigin, parseRequestTarget, tokenMatches } from './request-guards';
import { refusal, sendJson, statusFor } from './json-response';
import { sendText, serveStatic } from './static-files';
import { serveDownload, serveUpload } from './transfer-routes';
import { clearPartialUploads, type UploadDestination } from './upload';

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
  /** Request deadline and connection cap; DEFAULT_CONNECTION_LIMITS for what is not given. */
  limits?: Partial<ConnectionLimits>;
  /** Where a refused request or closed connection is noted, one line each (default: stderr). */
  notice?: (line: string) => void;
  /** Where uploaded dataset files go, and their size limit; without it the server takes no uploads. */
  uploads?: UploadDestination;
}

export interface LocalServer {
  readonly port: number;
  /** The address to open in a browser; the token travels in the fragment, so it never reaches logs or Referer headers. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  if (options.uploads) await clearPartialUploads(options.uploads.dir);
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const limits: ConnectionLimits = {
    requestTimeoutMs: options.limits?.requestTimeoutMs ?? DEFAULT_CONNECTION_LIMITS.requestTimeoutMs,
    maxConnections: options.limits?.maxConnections ?? DEFAULT_CONNECTION_LIMITS.maxConnections,
  };
  const log = options.notice ?? ((line: string) => console.warn(line));
  // Notices quote what clients sent (paths, parser messages): control characters are escaped to keep each on one line.
  const notice = (line: string) => log(`SeqLab serve: ${line.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1))}`);
  /** The response being written on each connection, so a timeout knows whether it may still answer 408. */
  const responses = new WeakMap<Duplex, ServerResponse>();
  let port = 0;

  const server = createServer(timeoutServerOptions(limits), (req, res) => {
    responses.set(req.socket, res);
    handleRequest(req, res, { ...options, notice }, port).catch((error: unknown) => {
      // Only a bug gets here: every expected refusal is answered inside handleRequest.
      console.error('SeqLab serve: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal server error' } });
    });
  });
  enforceConnectionLimits(server, limits, notice, (socket) => responses.get(socket));

  server.on('upgrade', (req, socket, head) => {
    // Node hands over the socket without an error listener: a client resetting it (ECONNRESET) would
    // otherwise be an uncaught exception that stops the server. ws adds its own once it takes the socket.
    socket.on('error', () => socket.destroy());
    // An exception thrown here would stop the server too, so every refusal is a status line.
    const target = parseRequestTarget(req.url);
    const statusLine = !target.ok
      ? '400 Bad Request'
      : target.path !== '/api/events'
        ? '404 Not Found'
        : !isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)
          ? '403 Forbidden'
          : !tokenMatches(target.query.get('token'), options.token)
            ? '401 Unauthorized'
            : null;
    if (statusLine) {
      if (!target.ok) notice(`refused a WebSocket request: ${target.message} (400).`);
      socket.end(`HTTP/1.1 ${statusLine}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // A client's protocol error (e.g. a frame over maxPayload) closes its socket; it must not throw.
      ws.on('error', (error) => notice(`closed a WebSocket: ${error.message}.`));
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

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: LocalServerOptions & { notice: (line: string) => void },
  port: number,
): Promise<void> {
  if (!isAllowedHost(req.headers.host, port)) {
    return sendText(res, 403, 'Forbidden: SeqLab serves only http://127.0.0.1 and http://localhost on its own port.');
  }
  const target = parseRequestTarget(req.url);
  if (!target.ok) {
    options.notice(`refused ${req.method} request: ${target.message} (400).`);
    const message = `Bad request: ${target.message}.`;
    return req.url?.startsWith('/api/') ? sendJson(res, 400, refusal('invalid-request', message)) : sendText(res, 400, message);
  }
  if (!target.path.startsWith('/api/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(options.rendererDir, target.path, port, res);
  }
  if (!isAllowedOrigin(req.headers.origin, port)) {
    return sendJson(res, 403, refusal('unauthorized', `Requests from origin ${req.headers.origin} are refused.`));
  }
  if (!tokenMatches(bearerToken(req.headers.authorization), options.token)) {
    return sendJson(res, 401, refusal('unauthorized', 'Missing or wrong access token. Open the URL that `npm run serve` printed.'));
  }
  if (target.path === UPLOAD_ROUTE && req.method === 'POST') return serveUpload(req, res, target.query, options.uploads, options.notice);
  if (target.path.startsWith(`${DOWNLOAD_PREFIX}/`) && req.method === 'GET')
    return serveDownload(res, target.path, target.query, options.dispatcher, options.notice);
  if (req.method !== 'POST' || !target.path.startsWith(CALL_PREFIX)) {
    return sendJson(res, 404, refusal('unknown-call', `No API route ${req.method} ${target.path}; calls are POST ${CALL_PREFIX}<name>.`));
  }
  const body = await readJsonBody(req);
  if (body.status === 'aborted') return; // the client left, or the request deadline closed the connection (already noted)
  if (body.status !== 'ok') {
    options.notice(`refused POST ${target.path}: ${body.message} (${body.status}).`);
    return sendJson(res, body.status, refusal('invalid-request', body.message));
  }
  // The dispatcher names an unknown call (404) and refuses a payload nested too deep (400) before validating it.
  const result = await options.dispatcher.dispatch(target.path.slice(CALL_PREFIX.length), body.value);
  sendJson(res, result.ok ? 200 : statusFor(result.error.code), result);
}

type JsonBody = { status: 'ok'; value: unknown } | { status: 400 | 413; message: string } | { status: 'aborted' };

async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const tooLarge = { status: 413, message: `Request body is larger than ${MAX_BODY_BYTES} bytes.` } as const;
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return tooLarge;
      chunks.push(chunk as Buffer);
    }
  } catch {
    return { status: 'aborted' };
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { status: 'ok', value: {} };
  try {
    return { status: 'ok', value: JSON.parse(text) };
  } catch (error) {
    return { status: 400, message: `Request body is not valid JSON: ${(error as Error).message}` };
  }
}
