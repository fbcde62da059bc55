// The Electron IPC wrapper with a stand-in for ipcMain (Electron itself cannot run here): every call
// channel is registered, untrusted senders (other pages, sub-frames, closed frames) are refused, payloads
// are validated by the shared dispatcher.
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

interface Frame {
  url: string;
  parent: Frame | null;
  processId: number;
  routingId: number;
}
/** An invoke event from the main frame of a window showing `senderUrl`, or from the frame given. */
function eventFrom(senderUrl: string, frame?: Frame | null): IpcMainInvokeEvent {
  const mainFrame: Frame = { url: senderUrl, parent: null, processId: 4, routingId: 1 };
  return { sender: { mainFrame }, senderFrame: frame === undefined ? mainFrame : frame } as unknown as IpcMainInvokeEvent;
}
const invokeAs = (event: IpcMainInvokeEvent, name: string, payload: unknown) => handlers.get(callChannel(name as never))!(event, payload);
const invoke = (name: string, payload: unknown, senderUrl = APP_URL) => invokeAs(eventFrom(senderUrl), name, payload);

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

  it('refuses a sub-frame even when it shows the app page, and a frame that is gone', async () => {
    const main: Frame = { url: APP_URL, parent: null, processId: 4, routingId: 1 };
    const iframe: Frame = { url: APP_URL, parent: main, processId: 4, routingId: 7 };
    const fromIframe = await invokeAs(eventFrom(APP_URL, iframe), 'experiments.list', {});
    expect(fromIframe).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('sub-frame') } });
    // A top-level frame that is not this window's main frame (e.g. a popup's) is refused too.
    const otherTop = await invokeAs(eventFrom(APP_URL, { url: APP_URL, parent: null, processId: 9, routingId: 1 }), 'experiments.list', {});
    expect(otherTop).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const gone = await invokeAs(eventFrom(APP_URL, null), 'experiments.list', {});
    expect(gone).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('navigated away or closed') } });
    // The same frame as a distinct wrapper object (same process and routing id) is the main frame.
    expect(await invokeAs(eventFrom(APP_URL, { ...main }), 'experiments.list', {})).toMatchObject({ ok: true });
  });

  it('rejects an invalid payload with a readable error', async () => {
    const result = (await invoke('runs.list', { experimentId: -3 })) as { ok: false; error: { code: string; issues: { path: string }[] } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.issues[0]?.path).toBe('experimentId');
  });
});
