// A NUL byte in a call's file path argument is refused by the contract, naming the field and the position,
// before a handler hands the path to the file system (which would throw from deep inside it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-fixture';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('file path arguments', () => {
  it('refuses a NUL byte in every file path argument, naming the field', async () => {
    const calls = [
      ['datasets.preview', { path: '/tmp/data\u0000.csv' }],
      ['datasets.import', { path: '/tmp/data\u0000.csv', options: { kind: 'text' } }],
      ['models.export', { runId: 1, path: '/tmp/model\u0000.onnx' }],
    ] as const;
    for (const [name, payload] of calls) {
      const reply = await t.call(name, payload);
      expect(reply.status, name).toBe(400);
      const error = (JSON.parse(reply.body) as { error: { code: string; issues?: unknown } }).error;
      expect(error.code).toBe('invalid-request');
      expect(error.issues).toEqual([{ path: 'path', message: expect.stringMatching(/^contains a NUL byte at character (10|11);/) }]);
    }
  });
});
