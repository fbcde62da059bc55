// The local server's limits on its connections: a request (headers and body) must arrive within a deadline
// or the connection is closed with 408, and past a number of open connections a new one gets 503 and is
// closed before the HTTP layer reads from it. Every such close leaves one line in the log, never a stack.
import type { Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ConnectionLimits {
  /** Headers and body of a request must have arrived this many ms after it began, or it is answered 408 and closed. */
  requestTimeoutMs: number;
  /** Connections open at once (WebSockets included); one more is answered 503 and closed. */
  maxConnections: number;
}

/** A browser opens about six connections per origin and one WebSocket per tab; 64 leaves room for many tabs. */
export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = { requestTimeoutMs: 30_000, maxConnections: 64 };

/** The `http.createServer` options that make Node enforce the request deadline. */
export function timeoutServerOptions(limits: ConnectionLimits): ServerOptions {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.requestTimeoutMs,
    // Node looks for expired requests on this interval (30 s by default, which would let a 30 s deadline run to 60 s).
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.requestTimeoutMs / 4))),
  };
}

/**
 * Caps the open connections of `server` and answers the errors Node reports on a connection (deadline
 * passed, malformed HTTP) with their status and a one-line notice.
 * @param responseOf the response the request handler is writing on a socket, if any
 */
export function enforceConnectionLimits(
  server: Server,
  limits: ConnectionLimits,
  notice: (line: string) => void,
  responseOf: (socket: Duplex) => ServerResponse | undefined,
): void {
  const open = new Set<Socket>();
  // Prepended, so a refused socket is closed before the HTTP layer starts parsing it.
  server.prependListener('connection', (socket: Socket) => {
    if (open.size >= limits.maxConnections) {
      notice(`refused a connection: ${limits.maxConnections} are already open (503).`);
      socket.write(
        rawResponse(503, 'Service Unavailable', `SeqLab serves at most ${limits.maxConnections} connections at once. Close some of its tabs and try again.`),
      );
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The peer went away: nobody is left to answer.
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'Request Timeout', `The request did not arrive within ${limits.requestTimeoutMs} ms.`] as const)
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? ([431, 'Request Header Fields Too Large', 'The request headers are too large.'] as const)
          : ([400, 'Bad Request', `The request is not valid HTTP (${error.code ?? error.message}).`] as const);
    notice(`closed a connection: ${message} (${status})`);
    // Node's own rule: answer unless a response on this connection has started and not finished.
    const response = responseOf(socket);
    if (!response || !response.headersSent || response.writableFinished) socket.write(rawResponse(status, reason, message));
    socket.destroy();
  });
}

function rawResponse(status: number, reason: string, message: string): string {
  const body = `${message}\n`;
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
