// Streaming a file into an import pass: bytes are checked as UTF-8 (no NUL, no invalid sequences), hashed with
// SHA-256 and decoded chunk by chunk, so no more than one chunk of the file is in memory at a time. Only regular
// files are read: a folder, a FIFO, a device or a file the kernel generates (/proc, /sys) is refused for what it is,
// from stat before anything is read (a FIFO is opened without blocking, so it cannot hang the import).
import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, stat, statfs, type FileHandle } from 'node:fs/promises';
import { fail, ImportFailure, importError, type ImportError } from '../../common/data/import/import-error';
import type { TextPass } from '../../common/data/import/text-pass';
import { Utf8Checker } from '../../common/data/import/utf8-check';

/** Bytes read at a time: large enough that per-chunk work is amortised, small enough to stay cache-friendly. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/** Optional controls of a read; an undefined one is not given. */
export interface ReadControl {
  /** Bytes per chunk (tests use tiny chunks to exercise every boundary). */
  readonly chunkBytes?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called after each chunk with the bytes read so far in this pass. */
  readonly onChunk?: ((bytesRead: number) => void) | undefined;
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

/**
 * Size and modification time of a regular file; a missing file, no permission, or anything but a regular file (a
 * folder, FIFO, device, socket, or a /proc or /sys file) is an 'unreadable-file' failure that says what it is.
 */
export async function fileInfo(path: string, file: string): Promise<FileInfo> {
  try {
    const info = await stat(path);
    await requireRegular(path, info, file);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch (e) {
    throw asImportFailure(e, file);
  }
}

/** File systems whose files the kernel writes as they are read: their size says nothing (often 0), and reading may never end. */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, '/proc'],
  [0x62656572, '/sys'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x73636673, 'securityfs'],
]);

/** Fails unless `info` (from stat or fstat of `path`) is a regular file on an ordinary file system, naming what it is. */
async function requireRegular(path: string, info: Stats, file: string): Promise<void> {
  const todo = 'Choose a regular file (copy the data into one if it comes from a pipe, a device or the kernel).';
  if (info.isDirectory()) fail('unreadable-file', file, null, 'this is a folder, not a file', 'Choose a file inside it.');
  if (info.isFIFO())
    fail('unreadable-file', file, null, 'this is a FIFO (a named pipe), not a regular file: it has no content until something writes to it', todo);
  if (info.isCharacterDevice()) fail('unreadable-file', file, null, 'this is a character device (such as /dev/zero or a terminal), not a regular file', todo);
  if (info.isBlockDevice()) fail('unreadable-file', file, null, 'this is a block device (a disk or partition), not a regular file', todo);
  if (info.isSocket()) fail('unreadable-file', file, null, 'this is a socket, not a regular file', todo);
  if (!info.isFile()) fail('unreadable-file', file, null, 'this is not a regular file', todo);
  let type: number | null = null;
  try {
    type = (await statfs(path)).type;
  } catch {
    // statfs is not available everywhere; an ordinary file system is the rule
  }
  const pseudo = type === null ? undefined : PSEUDO_FILE_SYSTEMS.get(type);
  if (pseudo !== undefined)
    fail(
      'unreadable-file',
      file,
      null,
      `this is a file of the kernel's ${pseudo} file system, not a regular file: its content is generated as it is read and its size (${info.size} bytes) says nothing`,
      todo,
    );
}

/**
 * Opens a regular file for reading without blocking on a FIFO, and checks what it is with fstat before any byte is
 * read (so a file swapped for a FIFO or device after `fileInfo` is refused too). The caller closes the handle.
 */
export async function openRegular(path: string, file: string): Promise<FileHandle> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    await requireRegular(path, await handle.stat(), file);
    return handle;
  } catch (e) {
    await handle?.close();
    throw asImportFailure(e, file);
  }
}

/** The first `maxBytes` of a regular file, checked as UTF-8 and decoded; `complete` when that is all of it. */
export async function readSample(path: string, file: string, maxBytes: number): Promise<{ readonly text: string; readonly complete: boolean }> {
  const handle = await openRegular(path, file);
  try {
    const size = (await handle.stat()).size;
    const checker = new Utf8Checker(file);
    const decoder = new TextDecoder('utf-8');
    const parts: string[] = [];
    let bytes = 0;
    if (size > 0) {
      const stream = handle.createReadStream({ start: 0, end: Math.min(size, maxBytes) - 1, highWaterMark: 64 * 1024, autoClose: false });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          checker.check(chunk);
          bytes += chunk.length;
          parts.push(decoder.decode(chunk, { stream: true }));
        }
      } finally {
        stream.destroy();
      }
    }
    const complete = bytes >= size;
    // a character cut by the sample's end is not an error; one cut by the file's end is
    if (complete) {
      checker.finish();
      parts.push(decoder.decode());
    }
    return { text: parts.join(''), complete };
  } catch (e) {
    throw asImportFailure(e, file);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the file from the top into `pass` until its end or until the pass is done, then ends the pass.
 * Throws an ImportFailure for unreadable, binary or non-UTF-8 content, for what the pass rejects, and on cancel.
 */
export async function readPass(path: string, file: string, pass: TextPass, control: ReadControl = {}): Promise<ReadSummary> {
  const handle = await openRegular(path, file);
  const stream = handle.createReadStream({ highWaterMark: control.chunkBytes ?? DEFAULT_CHUNK_BYTES, autoClose: false });
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
    await handle.close();
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
    fail(
      'unreadable-file',
      file,
      null,
      `the file cannot be read: ${reason ?? (e as Error).message}`,
      'Check the path and that the file is readable, then try again.',
    );
  } catch (failure) {
    return failure;
  }
}
