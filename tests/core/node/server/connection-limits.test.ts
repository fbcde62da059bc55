// The local server's connection cap and request deadline, over real sockets to 127.0.0.1. Verdicts wait
// for events (a response, a close), never for a fixed time.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONNECTION_LIMITS } from '../../../../core/node/server/connection-limits';
import { receivedUntilClosed, startTestServer, type TestServer } from './server-fixture';

let t: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.close();
  t = undefined;
});

/** Sends a keep-alive GET / on `socket` and resolves with the head of the response. */
function getIndex(socket: Socket, port: number): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const onData = (chunk: Buffer) => {
      data += chunk.toString();
      if (!data.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolve(data.slice(0, data.indexOf('\r\n')));
    };
    socket.on('data', onData);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  });
}

describe('local server connection cap', () => {
  it('answers 503 and closes a connection past the cap, while the open ones keep being served', async () => {
    t = await startTestServer({ limits: { maxConnections: 3 } });
    const port = t.server.port;
    const open: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = await t.connectRaw();
      expect(await getIndex(socket, port)).toBe('HTTP/1.1 200 OK'); // accepted and counted
      open.push(socket);
    }

    const extra = await t.connectRaw();
    const refused = await receivedUntilClosed(extra);
    expect(refused).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused).toContain('at most 3 connections at once');
    expect(t.notices).toEqual(['SeqLab serve: refused a connection: 3 are already open (503).']);

    expect(await getIndex(open[0]!, port)).toBe('HTTP/1.1 200 OK');

    // A closed connection frees its place: the server sees the close at some point, so try until it has (bounded).
    open[0]!.destroy();
    let accepted = false;
    for (let attempt = 0; attempt < 50 && !accepted; attempt++) {
      const next = await t.connectRaw();
      const closed = receivedUntilClosed(next);
      const head = await Promise.race([getIndex(next, port), closed.then((data) => data.slice(0, data.indexOf('\r\n')))]);
      accepted = head === 'HTTP/1.1 200 OK';
      if (accepted) open.push(next);
    }
    expect(accepted).toBe(true);
    for (const socket of open) socket.destroy();
  });

  it('has defaults a browser with several tabs stays well within', () => {
    expect(DEFAULT_CONNECTION_LIMITS).toEqual({ requestTimeoutMs: 30_000, maxConnections: 64 });
  });
});

describe('local server sockets reset by the client', () => {
  it('survives a client that resets its socket after a refused WebSocket upgrade', async () => {
    t = await startTestServer({ limits: { maxConnections: 1 } });
    const port = t.server.port;
    const socket = await t.connectRaw();
    const refused = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.write(
      `GET /api/events?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(await refused).toMatch(/^HTTP\/1\.1 401 Unauthorized/);
    socket.resetAndDestroy();
    // With a cap of one connection, the next one is served only once the server has handled the reset
    // socket; an unhandled ECONNRESET would have stopped it (and failed this file) by then.
    let served = false;
    for (let attempt = 0; attempt < 50 && !served; attempt++) {
      const next = await t.connectRaw();
      const closed = receivedUntilClosed(next);
      const head = await Promise.race([getIndex(next, port), closed.then((data) => data.slice(0, data.indexOf('\r\n')))]);
      served = head === 'HTTP/1.1 200 OK';
      next.destroy();
    }
    expect(served).toBe(true);
  });
});

describe('local server request deadline', () => {
  it('closes a connection whose body stalls with 408, leaving one line in the log', async () => {
    const consoleError = vi.spyOn(console, 'error');
    t = await startTestServer({ limits: { requestTimeoutMs: 200 } });
    const socket = await t.connectRaw();
    const received = receivedUntilClosed(socket);
    socket.write(
      `POST /api/call/experiments.create HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nAuthorization: Bearer test-token-0123456789\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":',
    );
    const reply = await received;
    expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(reply).toContain('did not arrive within 200 ms');
    expect(t.notices).toEqual(['SeqLab serve: closed a connection: The request did not arrive within 200 ms. (408)']);
    expect(consoleError).not.toHaveBeenCalled();
    // Nothing was created from the half-sent request, and the server goes on serving.
    const list = await t.call('experiments.list', {});
    expect(JSON.parse(list.body)).toEqual({ ok: true, value: [] });
  });

  it('closes a connection whose headers stall, or that sends nothing, with 408', async () => {
    t = await startTestServer({ limits: { requestTimeoutMs: 200 } });
    const partial = await t.connectRaw();
    const partialReply = receivedUntilClosed(partial);
    partial.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\n`);
    const silent = await t.connectRaw();
    const silentReply = receivedUntilClosed(silent);
    expect(await partialReply).toMatch(/^HTTP\/1\.1 408 /);
    expect(await silentReply).toMatch(/^HTTP\/1\.1 408 /);
  });
});
