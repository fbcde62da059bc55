// The import dialog's preview of a file: only its first part is read (1 MiB by default) — from a regular file only —
// checked as UTF-8, decoded and handed to the pure preview (core/common/data/import/preview.ts).
import { resolve } from 'node:path';
import { fail, ImportFailure, type ImportResult } from '../../common/data/import/import-error';
import { previewSample, type DatasetPreview, type PreviewOptions } from '../../common/data/import/preview';
import { asImportFailure, fileInfo, readSample } from './read-file';

export const PREVIEW_BYTES = 1024 * 1024;

export async function previewFile(path: string, options: PreviewOptions = {}, maxBytes = PREVIEW_BYTES): Promise<ImportResult<DatasetPreview>> {
  const file = path;
  const absolute = resolve(path);
  try {
    const info = await fileInfo(absolute, file);
    if (info.size === 0) fail('empty-file', file, null, 'the file is empty (0 bytes)', 'Choose the file that holds the data.');
    const sample = await readSample(absolute, file, maxBytes);
    return previewSample(sample.text, sample.complete, file, options);
  } catch (e) {
    const failure = asImportFailure(e, file);
    if (failure instanceof ImportFailure) return { ok: false, error: failure.error };
    throw e;
  }
}
