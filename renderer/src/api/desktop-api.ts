// The renderer's wrappers for the desktop bridge (core/common/api/desktop-bridge.ts): native dialogs, Show in folder
// and the menu's actions. Present only inside the Electron window; in browser mode `available()` is false.
import type { MenuAction, OpenFileKind, SaveOutcome } from '../../../core/common/api/desktop-bridge';
import type { StudyFile } from '../../../core/common/api/file-transfer';
import { unwrap } from './unwrap';

function desktop() {
  const bridge = window.seqlab?.desktop;
  if (!bridge) throw new Error('the desktop bridge is used outside the desktop app');
  return bridge;
}

export const desktopApi = {
  available: (): boolean => window.seqlab?.desktop !== undefined,
  /** The chosen file's full path, or null when the person cancelled. */
  openFile: async (kind: OpenFileKind): Promise<string | null> => unwrap(await desktop().openFile(kind)),
  saveExport: async (exportId: number, part: 'graph' | 'step'): Promise<SaveOutcome> => unwrap(await desktop().saveExport(exportId, part)),
  saveStudyFile: async (studyId: number, file: StudyFile): Promise<SaveOutcome> => unwrap(await desktop().saveStudyFile(studyId, file)),
  showExportInFolder: async (exportId: number): Promise<void> => void unwrap(await desktop().showExportInFolder(exportId)),
  onMenu: (listener: (action: MenuAction) => void): (() => void) => desktop().onMenu(listener),
};
