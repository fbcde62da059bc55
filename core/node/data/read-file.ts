// Streaming a file into an import pass: bytes are checked as UTF-8 (no NUL, no invalid sequences), hashed with
// SHA-256 and decoded chunk by chunk, so no more than one chunk of the file is in memory at a time.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fail, ImportFailure, importError, type ImportError } from '../../common/data/import/import-error';
import type { TextPass } from '../../common/data/import/text-pass';
import { Utf8Checker } from '../../common/data/import/utf8-check';

/** Bytes read at a time: large enough that per-chunk work is amortised, small enough to stay cache-friendly. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

export interface ReadControl {
  /** Bytes per chunk (tests use tiny chunks to exercise every boundary). */
  readonly chunkBytes?: number;
  readonly signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far in this pass. */
  readonly onChunk?: (bytesRead: number) => void;
}

export interface ReadSummary {
  readonly bytes: number;
  /** 'sha256:<hex>' of every byte, or null when the pass stopped before the end. */
  readonly contentHash: string | null;
}

export interface FileInfo {
  readonly size: number;
  readonly mtimeMs: number;
}

/** Size and modification time; a missing file, a folder or no permission is an 'unreadable-file' failure. */
export async function fileInfo(path: string, file: string): Promise<FileInfo> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) fail('unreadable-file', file, null, 'this is a folder, not a file', 'Choose a file inside it.');
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (e) {
    throw asImportFailure(e, file);
  }
}

/**
 * Reads the file from the top into `pass` until its end or until the pass is done, then ends the pass.
 * Throws an ImportFailure for unreadable, binary or non-UTF-8 content, for what the pass rejects, and on cancel.
 */
export async function readPass(path: string, file: string, pass: TextPass, control: ReadControl = {}): Promise<ReadSummary> {
  const stream = createReadStream(path, { highWaterMark: control.chunkBytes ?? DEFAULT_CHUNK_BYTES });
  const checker = new Utf8Checker(file);
  const decoder = new TextDecoder('utf-8');
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (control.signal?.aborted === true) throw new ImportFailure(cancelledError(file));
      checker.check(chunk);
      hash.update(chunk);
      bytes += chunk.length;
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) pass.push(text);
      control.onChunk?.(bytes);
      if (pass.done) return { bytes, contentHash: null };
    }
    checker.finish();
    const rest = decoder.decode();
    if (rest.length > 0) pass.push(rest);
    pass.end();
    return { bytes, contentHash: `sha256:${hash.digest('hex')}` };
  } catch (e) {
    throw asImportFailure(e, file);
  } finally {
    stream.destroy();
  }
}

/** The error of an import or load stopped by its signal. */
export function cancelledError(file: string): ImportError {
  return importError('cancelled', file, null, 'the import was cancelled', 'Start it again when you are ready.');
}

/** An ImportFailure as it is; a file-system error as 'unreadable-file'; anything else is a bug and stays as it is. */
export function asImportFailure(e: unknown, file: string): unknown {
  if (e instanceof ImportFailure) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const reasons: Record<string, string> = {
    ENOENT: 'there is no such file',
    EISDIR: 'this is a folder, not a file',
    EACCES: 'you do not have permission to read it',
    EPERM: 'you do not have permission to read it',
    EMFILE: 'too many files are open',
    EIO: 'the disk reported a read error',
  };
  const reason = reasons[code];
  if (reason === undefined && !code.startsWith('E')) return e;
  try {
    fail('unreadable-file', file, null, `the file cannot be read: ${reason ?? (e as Error).message}`, 'Check the path and that the file is readable, then try again.');
  } catch (failure) {
    return failure;
  }
}
