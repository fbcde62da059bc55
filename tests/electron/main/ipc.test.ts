// The Electron IPC wrapper with a stand-in for ipcMain (Electron itself cannot run here): every call
// channel is registered, untrusted senders are refused, payloads are validated by the shared dispatcher.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { API_CALL_NAMES } from '../../../core/common/api/contract';
import { callChannel } from '../../../core/common/api/bridge';
import { registerApiHandlers, type IpcMainLike } from '../../../electron/main/ipc';
import { createTestBackend } from '../../core/node/backend/test-backend';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;
const APP_URL = 'file:///opt/SeqLab/resources/app.asar/out/renderer/index.html';

let env: ReturnType<typeof createTestBackend>;
let handlers: Map<string, Handler>;
let unregister: () => void;

beforeEach(() => {
  env = createTestBackend();
  handlers = new Map();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMainLike;
  unregister = registerApiHandlers(ipcMain, env.backend.dispatcher, (url) => url === APP_URL);
});
afterEach(() => env.dispose());

const invoke = (name: string, payload: unknown, senderUrl = APP_URL) =>
  handlers.get(callChannel(name as never))!({ senderFrame: { url: senderUrl } } as unknown as IpcMainInvokeEvent, payload);

describe('Electron IPC handlers', () => {
  it('registers exactly one channel per API call, and removes them all', () => {
    expect([...handlers.keys()].sort()).toEqual(API_CALL_NAMES.map(callChannel).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('serves the app page', async () => {
    expect(await invoke('experiments.create', { name: 'Mackey–Glass' })).toMatchObject({ ok: true, value: { name: 'Mackey–Glass' } });
  });

  it('refuses a sender that is not the app page', async () => {
    const result = await invoke('experiments.list', {}, 'https://evil.example/');
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(JSON.stringify(result)).toContain('evil.example');
  });

  it('rejects an invalid payload with a readable error', async () => {
    const result = (await invoke('runs.list', { experimentId: -3 })) as { ok: false; error: { code: string; issues: { path: string }[] } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.issues[0]?.path).toBe('experimentId');
  });
});
