// The native dialogs' options: an open dialog per kind of file (a dataset's formats from FILE_FORMAT_PICKER, or a
// spec's JSON), and "Save as…" with a default name in the person's Documents folder. Plain data, unit-tested; the
// dialog itself is Electron's, passed in.
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { OpenFileKind } from '../../core/common/api/desktop-bridge';
import { FILE_FORMAT_PICKER } from '../../core/common/data/import/file-formats';

type FileFilter = { name: string; extensions: string[] };

/** The open dialog's filters: every readable format together first (the default), then each, then any file. */
export function openFileFilters(kind: OpenFileKind): FileFilter[] {
  if (kind === 'spec') return [{ name: 'Run spec (JSON)', extensions: ['json'] }, anyFile()];
  const formats = Object.values(FILE_FORMAT_PICKER);
  return [
    { name: 'Data files', extensions: formats.flatMap((format) => [...format.extensions]) },
    ...formats.map((format) => ({ name: format.label, extensions: [...format.extensions] })),
    anyFile(),
  ];
}

export function openDialogOptions(kind: OpenFileKind): OpenDialogOptions {
  return {
    title: kind === 'dataset' ? 'Import data' : 'Open a run spec',
    buttonLabel: kind === 'dataset' ? 'Choose' : 'Open',
    properties: ['openFile'],
    filters: openFileFilters(kind),
  };
}

/** "Save as…" for `fileName` (an export's or report's own name, e.g. run-3.onnx), starting in `documentsDir`. */
export function saveDialogOptions(fileName: string, documentsDir: string): SaveDialogOptions {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1) : '';
  return {
    title: `Save ${fileName}`,
    defaultPath: join(documentsDir, fileName),
    filters: extension === '' ? [anyFile()] : [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }, anyFile()],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export type DialogLike = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;

/** The chosen file's full path, or null when the person cancelled. */
export async function chooseFileToOpen(dialog: DialogLike, window: BrowserWindow, kind: OpenFileKind): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, openDialogOptions(kind));
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Where to save `fileName`, or null when the person cancelled. */
export async function chooseSavePath(dialog: DialogLike, window: BrowserWindow, fileName: string, documentsDir: string): Promise<string | null> {
  const result = await dialog.showSaveDialog(window, saveDialogOptions(fileName, documentsDir));
  return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
}

function anyFile(): FileFilter {
  return { name: 'All files', extensions: ['*'] };
}
