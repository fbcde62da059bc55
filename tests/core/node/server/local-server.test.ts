// The loopback server's guards and API routes, over real HTTP and WebSocket connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, TOKEN, type TestServer } from './server-fixture';

let t: TestServer;
let server: TestServer['server'];

beforeAll(async () => {
  t = await startTestServer();
  server = t.server;
});

afterAll(() => t.close());

const send = (method: string, path: string, headers: Record<string, string>, body?: string) => t.send(method, path, headers, body);
const call = (name: string, payload: unknown, headers: Record<string, string> = {}) => t.call(name, payload, headers);

describe('local server', () => {
  it('listens on loopback only and prints the token in the URL fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('answers a call carrying the token', async () => {
    const reply = await call('experiments.create', { name: 'Sine forecasting' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'Sine forecasting' } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const none = await send('POST', '/api/call/experiments.list', { 'Content-Type': 'application/json' }, '{}');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call('experiments.list', {}, { Authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a call from another Origin even with the token', async () => {
    const reply = await call('experiments.list', {}, { Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.body).toContain('evil.example');
    const sameOrigin = await call('experiments.list', {}, { Origin: `http://127.0.0.1:${server.port}` });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses requests addressed to another Host name (DNS rebinding)', async () => {
    const api = await call('experiments.list', {}, { Host: `attacker.example:${server.port}` });
    expect(api.status).toBe(403);
    const page = await send('GET', '/', { Host: `attacker.example:${server.port}` });
    expect(page.status).toBe(403);
  });

  it('rejects an invalid payload with a readable error naming the field', async () => {
    const reply = await call('experiments.create', { name: 42 });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.body);
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.issues[0].path).toBe('name');
    const notJson = await send('POST', '/api/call/experiments.list', { Authorization: `Bearer ${TOKEN}` }, '{oops');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toContain('not valid JSON');
  });

  it('serves the renderer with a content security policy, and never files outside it', async () => {
    const page = await send('GET', '/', {});
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const traversal = await send('GET', '/..%2f..%2fetc%2fpasswd', {});
    expect([403, 404]).toContain(traversal.status);
    expect(traversal.body).not.toContain('root:');
  });

  it('pushes events over the WebSocket only to clients with the token and this origin', async () => {
    const base = `ws://127.0.0.1:${server.port}/api/events`;
    await expect(openSocket(`${base}?token=nope`)).rejects.toThrow(/401/);
    await expect(openSocket(`${base}?token=${TOKEN}`, 'http://evil.example')).rejects.toThrow(/403/);

    const ws = await openSocket(`${base}?token=${TOKEN}`, `http://127.0.0.1:${server.port}`);
    const message = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    await call('experiments.create', { name: 'Temporal order' });
    expect(await message).toEqual({ event: 'experiments.changed', payload: {} });
    ws.close();
  });
});

function openSocket(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
