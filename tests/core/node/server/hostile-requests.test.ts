// Requests a browser never sends but a hostile or broken client may: each gets a 4xx naming the problem,
// at most one line in the log and no stack trace, and the server goes on serving.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import WebSocket from 'ws';
import { receivedUntilClosed, startTestServer, TOKEN, type TestServer } from './server-fixture';

let t: TestServer;
let consoleError: MockInstance;
let consoleWarn: MockInstance;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
beforeEach(() => {
  t.notices.length = 0;
  consoleError = vi.spyOn(console, 'error');
  consoleWarn = vi.spyOn(console, 'warn');
});
afterEach(async () => {
  // Nothing reached the console (stack traces come from there), every notice is one line, and the server still answers.
  expect(consoleError).not.toHaveBeenCalled();
  expect(consoleWarn).not.toHaveBeenCalled();
  for (const line of t.notices) expect(line).not.toContain('\n');
  vi.restoreAllMocks();
  expect((await t.call('app.info', {})).status).toBe(200);
});

const errorOf = (body: string) =>
  (JSON.parse(body) as { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } }).error;

describe('hostile requests to the local server', () => {
  it('refuses a body nested 10,000 deep with 400 naming the limit, before validating it', async () => {
    const experiment = await t.call('experiments.create', { name: 'Deep' });
    const experimentId = (JSON.parse(experiment.body) as { value: { id: number } }).value.id;
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    for (const [name, body] of [
      ['runs.create', `{"experimentId":${experimentId},"spec":${deep}}`],
      ['sweeps.create', `{"experimentId":${experimentId},"sweep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['experiments.list', deep],
    ] as const) {
      const reply = await t.call(name, body);
      expect(reply.status, name).toBe(400);
      expect(errorOf(reply.body)).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('nests deeper than 64 levels') });
    }
    // A request at the limit (the body, its tags and 62 arrays inside) is judged by its schema as usual.
    const atLimit = await t.call('experiments.create', `{"name":"Deep","tags":[${'['.repeat(62)}${']'.repeat(62)}]}`);
    expect(atLimit.status).toBe(400);
    expect(errorOf(atLimit.body).issues).toEqual([{ path: 'tags.0', message: expect.stringContaining('expected string') }]);
    const overLimit = await t.call('experiments.create', `{"name":"Deep","tags":[${'['.repeat(63)}${']'.repeat(63)}]}`);
    expect(errorOf(overLimit.body).message).toContain('nests deeper than 64 levels');
  });

  it('refuses a call name that is not percent-encoded UTF-8 with 400, and an unknown one with 404', async () => {
    const malformed = await t.call('%E0%A4%A', {});
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body)).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('not valid percent-encoded UTF-8') });
    expect(t.notices).toHaveLength(1);

    for (const name of ['nope', '__proto__', 'constructor', 'x'.repeat(5000)]) {
      const unknown = await t.call(name, {});
      expect(unknown.status, name.slice(0, 20)).toBe(404);
      const error = errorOf(unknown.body);
      expect(error.code).toBe('unknown-call');
      expect(error.message).toContain(`Unknown API call "${name.slice(0, 80)}`);
      expect(error.message.length).toBeLessThan(2000);
    }
  });

  it('keeps each notice on one line whatever the client sent', async () => {
    const reply = await t.call('forged%0ASeqLab%20serve:%20all%20is%20well', '{"not json\n\r');
    expect(reply.status).toBe(400);
    expect(t.notices).toHaveLength(1);
    expect(t.notices[0]).toContain('forged\\nSeqLab serve: all is well');
  });

  it('refuses a NUL byte in the request path, for the renderer and the API alike', async () => {
    const page = await t.send('GET', '/index%00.html', {});
    expect(page.status).toBe(400);
    expect(page.body).toContain('NUL byte at character 7');
    const route = await t.send('GET', '/runs%00', {});
    expect(route.status).toBe(400);
    const api = await t.call('app.info%00', {});
    expect(api.status).toBe(400);
    expect(errorOf(api.body)).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('NUL byte at character 19') });
    expect(t.notices).toHaveLength(3);
  });

  it('refuses a body announced over 4 MiB with 413 before reading it', async () => {
    const socket = await t.connectRaw();
    const reply = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.write(
      `POST /api/call/experiments.create HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n{`,
    );
    const head = await reply;
    socket.destroy();
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toContain('larger than 4194304 bytes');
    expect(t.notices).toEqual([expect.stringContaining('(413)')]);
  });

  it('refuses a request target that is not a path (absolute form) with 400', async () => {
    for (const target of ['http://[', `http://127.0.0.1:${t.server.port}/`]) {
      const socket = await t.connectRaw();
      const reply = receivedUntilClosed(socket);
      socket.end(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nConnection: close\r\n\r\n`);
      expect(await reply).toMatch(/^HTTP\/1\.1 400 [^\n]*\r\n[\s\S]*is not a path starting with "\/"/);
    }
  });

  it('refuses a WebSocket upgrade to a malformed target with 400 instead of stopping the server', async () => {
    const socket = await t.connectRaw();
    const reply = receivedUntilClosed(socket);
    socket.write(
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(await reply).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(t.notices).toEqual([expect.stringContaining('not a path starting with "/"')]);
  });

  it('closes a WebSocket whose client sends a frame over the size limit, and keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${t.server.port}/api/events?token=${TOKEN}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(Buffer.alloc(65 * 1024));
    expect(await closed).toBe(1009); // message too big
    expect(t.notices).toEqual([expect.stringContaining('closed a WebSocket')]);
  });
});
