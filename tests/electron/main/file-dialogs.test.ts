// The native dialogs' options: filters per kind taken from the import's format vocabulary, Save as… with the file's
// own name in Documents, and what a cancelled dialog gives.
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_FORMAT_PICKER, FILE_FORMATS } from '../../../core/common/data/import/file-formats';
import { chooseFileToOpen, chooseSavePath, openDialogOptions, openFileFilters, saveDialogOptions, type DialogLike } from '../../../electron/main/file-dialogs';

const WINDOW = {} as BrowserWindow;

describe('file dialogs', () => {
  it('offers every readable format together, then each format of the import vocabulary, then any file', () => {
    const filters = openFileFilters('dataset');
    expect(filters[0]).toEqual({ name: 'Data files', extensions: ['csv', 'tsv', 'jsonl', 'ndjson', 'txt', 'text'] });
    expect(filters.slice(1, -1)).toEqual(
      FILE_FORMATS.map((format) => ({ name: FILE_FORMAT_PICKER[format].label, extensions: [...FILE_FORMAT_PICKER[format].extensions] })),
    );
    expect(filters.map((f) => f.name)).toEqual(['Data files', 'CSV / TSV', 'JSON Lines', 'Text', 'All files']);
    expect(filters.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
    expect(openFileFilters('spec')).toEqual([
      { name: 'Run spec (JSON)', extensions: ['json'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(openDialogOptions('dataset')).toMatchObject({ title: 'Import data', properties: ['openFile'] });
  });

  it('saves under the file’s own name in Documents, filtered by its extension, confirming an overwrite', () => {
    const documents = join('/home', 'ada', 'Documents');
    expect(saveDialogOptions('run-3-best.onnx', documents)).toEqual({
      title: 'Save run-3-best.onnx',
      defaultPath: join(documents, 'run-3-best.onnx'),
      filters: [
        { name: 'ONNX file', extensions: ['onnx'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    expect(saveDialogOptions('study-2-gradient-flow-quick.html', documents).filters?.[0]).toEqual({ name: 'HTML file', extensions: ['html'] });
  });

  it('gives the chosen path, or null when the person cancels', async () => {
    const answers = [
      { canceled: false, filePaths: ['/data/a.csv'] },
      { canceled: true, filePaths: [] },
    ];
    const saves = [
      { canceled: false, filePath: '/home/ada/model.onnx' },
      { canceled: true, filePath: '' },
    ];
    const asked: unknown[] = [];
    const dialog = {
      showOpenDialog: async (_window: BrowserWindow, options: unknown) => (asked.push(options), answers.shift()),
      showSaveDialog: async (_window: BrowserWindow, options: unknown) => (asked.push(options), saves.shift()),
    } as unknown as DialogLike;
    expect(await chooseFileToOpen(dialog, WINDOW, 'dataset')).toBe('/data/a.csv');
    expect(await chooseFileToOpen(dialog, WINDOW, 'dataset')).toBeNull();
    expect(await chooseSavePath(dialog, WINDOW, 'model.onnx', '/home/ada')).toBe('/home/ada/model.onnx');
    expect(await chooseSavePath(dialog, WINDOW, 'model.onnx', '/home/ada')).toBeNull();
    expect(asked[0]).toEqual(openDialogOptions('dataset'));
  });
});
