// Registers one IPC handler per API call through a single wrapper that refuses untrusted senders and
// hands the payload to the same dispatcher the local server uses (which validates it).
// Electron is imported for types only, so this glue is testable without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { API_CALL_NAMES } from '../../core/common/api/contract';
import { callChannel } from '../../core/common/api/bridge';
import type { ApiResult } from '../../core/common/api/result';
import type { Dispatcher } from '../../core/node/backend/dispatch';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
type FrameLike = Pick<WebFrameMain, 'url' | 'parent' | 'processId' | 'routingId'>;
/** What the check reads of an invoke event. */
export interface IpcSenderLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly mainFrame: FrameLike };
}

/**
 * Why a call from this sender is refused, or null when it is the app's page: the main frame of its window
 * (no iframe, even one showing the app's own URL) and at the app's URL.
 * @param isAppUrl true only for the app's own page (isAppPageUrl)
 */
export function senderRefusal(event: IpcSenderLike, isAppUrl: (url: string) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'a page that has navigated away or closed';
  const mainFrame = event.sender.mainFrame;
  const isMainFrame = frame.parent === null && (frame === mainFrame || (frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId));
  if (!isMainFrame) return `a sub-frame (${frame.url || 'unknown URL'}) rather than the window's main frame`;
  if (!isAppUrl(frame.url)) return `untrusted page ${frame.url || '(unknown)'}`;
  return null;
}

export function registerApiHandlers(ipcMain: IpcMainLike, dispatcher: Dispatcher, isAppUrl: (url: string) => boolean): () => void {
  for (const name of API_CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> => {
      const refusal = senderRefusal(event, isAppUrl);
      if (refusal !== null) {
        return Promise.resolve({ ok: false, error: { code: 'unauthorized', message: `IPC call ${name} refused from ${refusal}.` } });
      }
      return dispatcher.dispatch(name, payload);
    });
  }
  return () => {
    for (const name of API_CALL_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
