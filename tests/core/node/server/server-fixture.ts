// A real loopback server over a real backend, for server tests: HTTP requests, raw sockets, and the
// notices the server logs (captured, so a test can assert what a refusal leaves in the log).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../../../core/node/server/local-server';
import { createTestBackend } from '../backend/test-backend';

export const TOKEN = 'test-token-0123456789';

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestServer {
  server: LocalServer;
  env: ReturnType<typeof createTestBackend>;
  /** Every line the server noted, in order. */
  notices: string[];
  send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply>;
  /** POST /api/call/<name> with the token and a JSON body (`payload` as is when it is a string). */
  call(name: string, payload: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** A TCP connection to the server, open. */
  connectRaw(): Promise<Socket>;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<LocalServerOptions> = {}): Promise<TestServer> {
  const env = createTestBackend();
  const rendererDir = mkdtempSync(join(tmpdir(), 'seqlab-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SeqLab</title>');
  const notices: string[] = [];
  const server = await startLocalServer({
    dispatcher: env.backend.dispatcher,
    events: env.backend.events,
    rendererDir,
    token: TOKEN,
    notice: (line) => notices.push(line),
    ...options,
  });

  const send = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    server,
    env,
    notices,
    send,
    call: (name, payload, headers = {}) =>
      send(
        'POST',
        `/api/call/${name}`,
        { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
        typeof payload === 'string' ? payload : JSON.stringify(payload),
      ),
    connectRaw: () =>
      new Promise((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      }),
    async close() {
      await server.close();
      await env.dispose();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

/** Everything `socket` receives until it closes (or fails, e.g. reset by the peer). */
export function receivedUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(data));
  });
}
