// The import dialog's preview of a file: only its first part is read (1 MiB by default), checked as UTF-8,
// decoded and handed to the pure preview (core/common/data/import/preview.ts).
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { fail, ImportFailure, type ImportResult } from '../../common/data/import/import-error';
import { previewSample, type DatasetPreview, type PreviewOptions } from '../../common/data/import/preview';
import { Utf8Checker } from '../../common/data/import/utf8-check';
import { asImportFailure, fileInfo } from './read-file';

export const PREVIEW_BYTES = 1024 * 1024;

export async function previewFile(path: string, options: PreviewOptions = {}, maxBytes = PREVIEW_BYTES): Promise<ImportResult<DatasetPreview>> {
  const file = path;
  const absolute = resolve(path);
  try {
    const info = await fileInfo(absolute, file);
    if (info.size === 0) fail('empty-file', file, null, 'the file is empty (0 bytes)', 'Choose the file that holds the data.');
    const checker = new Utf8Checker(file);
    const decoder = new TextDecoder('utf-8');
    const parts: string[] = [];
    let bytes = 0;
    const stream = createReadStream(absolute, { start: 0, end: Math.min(info.size, maxBytes) - 1, highWaterMark: 64 * 1024 });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        checker.check(chunk);
        bytes += chunk.length;
        parts.push(decoder.decode(chunk, { stream: true }));
      }
    } finally {
      stream.destroy();
    }
    const complete = bytes >= info.size;
    // a character cut by the preview's end is not an error; one cut by the file's end is
    if (complete) {
      checker.finish();
      parts.push(decoder.decode());
    }
    return previewSample(parts.join(''), complete, file, options);
  } catch (e) {
    const failure = asImportFailure(e, file);
    if (failure instanceof ImportFailure) return { ok: false, error: failure.error };
    throw e;
  }
}
