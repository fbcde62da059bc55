// Sandboxed preload: exposes `window.seqlab` with one named method per API call. The renderer never
// sees `ipcRenderer` itself, only these functions (Electron security checklist).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_CALL_NAMES, isApiEventName } from '../../core/common/api/contract';
import { EVENT_CHANNEL, callChannel, type PreloadBridge } from '../../core/common/api/bridge';

const calls = Object.fromEntries(API_CALL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(callChannel(name), request)]));

const bridge = {
  ...calls,
  onEvent(listener: (event: string, payload: unknown) => void) {
    const forward = (_event: IpcRendererEvent, message: { event: unknown; payload: unknown }) => {
      if (isApiEventName(message?.event)) listener(message.event, message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} as PreloadBridge;

contextBridge.exposeInMainWorld('seqlab', bridge);
