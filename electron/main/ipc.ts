// Registers one IPC handler per API call through a single wrapper that refuses untrusted senders and
// hands the payload to the same dispatcher the local server uses (which validates it).
// Electron is imported for types only, so this glue is testable without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_CALL_NAMES } from '../../core/common/api/contract';
import { callChannel } from '../../core/common/api/bridge';
import type { ApiResult } from '../../core/common/api/result';
import type { Dispatcher } from '../../core/node/backend/dispatch';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** @param isTrustedUrl true only for the app's own renderer page (file:// bundle or the dev server). */
export function registerApiHandlers(ipcMain: IpcMainLike, dispatcher: Dispatcher, isTrustedUrl: (url: string) => boolean): () => void {
  for (const name of API_CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(senderUrl)) {
        return Promise.resolve({ ok: false, error: { code: 'unauthorized', message: `IPC call ${name} refused from untrusted page ${senderUrl || '(unknown)'}.` } });
      }
      return dispatcher.dispatch(name, payload);
    });
  }
  return () => {
    for (const name of API_CALL_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
