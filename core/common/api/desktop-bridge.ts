// What the desktop app adds to `window.seqlab` beside the API calls (bridge.ts): native file dialogs, "Show in
// folder", and the application menu's actions that the page carries out. Each is one IPC channel, refused from any
// page but the app's own, like every API call. In browser mode there is no such bridge (files move over HTTP).
import type { StudyFile } from './file-transfer';
import type { ApiResult } from './result';

/** Menu items the page acts on (the others — zoom, edit, window, About, the data folder — the main process does). */
export const MENU_ACTIONS = ['new-experiment', 'import-data', 'open-spec', 'export', 'toggle-dark-mode'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}

/** What a native open dialog is for: a dataset to import, or a run spec (JSON). */
export const OPEN_FILE_KINDS = ['dataset', 'spec'] as const;
export type OpenFileKind = (typeof OPEN_FILE_KINDS)[number];

/** Where a "Save as…" wrote, or that the person cancelled it. */
export type SaveOutcome = { saved: true; path: string } | { saved: false };

/** Each call resolves to an ApiResult, as the API calls do: a refusal is a value with a message, not a thrown error. */
export interface DesktopBridge {
  /** The native open dialog for `kind`; the chosen file's full path, or null when cancelled. */
  openFile(kind: OpenFileKind): Promise<ApiResult<string | null>>;
  /** "Save as…" for an export's file (checked against its recorded SHA-256 before it is copied). */
  saveExport(exportId: number, part: 'graph' | 'step'): Promise<ApiResult<SaveOutcome>>;
  /** "Save as…" for a study's report or results. */
  saveStudyFile(studyId: number, file: StudyFile): Promise<ApiResult<SaveOutcome>>;
  /** Shows an export's file in the system's file manager. */
  showExportInFolder(exportId: number): Promise<ApiResult<null>>;
  /** Receives the menu's actions; returns the function that unsubscribes. */
  onMenu(listener: (action: MenuAction) => void): () => void;
}

/** IPC channels of the desktop bridge (invoke), and the one the menu's actions arrive on (send). */
export const DESKTOP_CHANNELS = {
  openFile: 'seqlab:desktop:open-file',
  saveExport: 'seqlab:desktop:save-export',
  saveStudyFile: 'seqlab:desktop:save-study-file',
  showExportInFolder: 'seqlab:desktop:show-export-in-folder',
} as const satisfies Record<Exclude<keyof DesktopBridge, 'onMenu'>, string>;
export const MENU_CHANNEL = 'seqlab:menu';
