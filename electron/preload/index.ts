// Sandboxed preload: exposes `window.seqlab` with one named method per API call, and `desktop` (native dialogs,
// Show in folder, the menu's actions). The renderer never sees `ipcRenderer` itself, only these functions
// (Electron security checklist).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_CALL_NAMES, isApiEventName } from '../../core/common/api/contract';
import { EVENT_CHANNEL, callChannel, type PreloadBridge } from '../../core/common/api/bridge';
import { DESKTOP_CHANNELS, MENU_CHANNEL, isMenuAction, type DesktopBridge, type MenuAction } from '../../core/common/api/desktop-bridge';

const calls = Object.fromEntries(API_CALL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(callChannel(name), request)]));

const desktop: DesktopBridge = {
  openFile: (kind) => ipcRenderer.invoke(DESKTOP_CHANNELS.openFile, kind),
  saveExport: (exportId, part) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveExport, exportId, part),
  saveStudyFile: (studyId, file) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveStudyFile, studyId, file),
  showExportInFolder: (exportId) => ipcRenderer.invoke(DESKTOP_CHANNELS.showExportInFolder, exportId),
  onMenu(listener: (action: MenuAction) => void) {
    const forward = (_event: IpcRendererEvent, action: unknown) => {
      if (isMenuAction(action)) listener(action);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward);
    };
  },
};

const bridge = {
  desktop,
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
