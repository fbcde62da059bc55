// Writes exported model bytes to a file and returns their SHA-256, which the store records with every
// export. The write goes to a temporary file first and is moved into place, so a crash never leaves a
// half-written model under the final name; an existing file is replaced only when the caller says so.

import { createHash } from 'node:crypto';
import { access, link, rename, rm, writeFile } from 'node:fs/promises';

export interface WrittenModel {
  readonly path: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly byteLength: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A failed write is an expected failure (missing folder, no permission, disk full), returned, not thrown;
 * 'exists': the file was there and the caller did not ask to overwrite it (nothing was written).
 */
export type WriteModelResult =
  | { readonly ok: true; readonly model: WrittenModel }
  | { readonly ok: false; readonly code: 'write-failed' | 'exists'; readonly path: string; readonly message: string };

export interface WriteModelOptions {
  /** Replace a file already at the path (default false: refuse it). */
  readonly overwrite?: boolean;
}

/** The refusal of a file that is already there, naming it. */
export function existsMessage(path: string): string {
  return `${path} already exists, so nothing was written. Choose another path, or overwrite it.`;
}

/** The first of `paths` that exists, or null. */
export async function firstExisting(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    try {
      await access(path);
      return path;
    } catch {
      // missing (or not even its folder): nothing to refuse
    }
  }
  return null;
}

/** Writes `bytes` to `path` and hashes them; an existing file is refused unless `overwrite`. */
export async function writeOnnxModel(path: string, bytes: Uint8Array, options: WriteModelOptions = {}): Promise<WriteModelResult> {
  const temporary = `${path}.${process.pid}.${Date.now()}.partial`;
  try {
    await writeFile(temporary, bytes);
    if (options.overwrite === true) await rename(temporary, path);
    else await moveWithoutReplacing(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    const error = e as NodeJS.ErrnoException;
    if (error.code === 'EEXIST') return { ok: false, code: 'exists', path, message: existsMessage(path) };
    return {
      ok: false,
      code: 'write-failed',
      path,
      message: `Could not write the model to ${path} (${error.message}). Choose a folder that exists and is writable, and check the free space.`,
    };
  }
  return { ok: true, model: { path, sha256: sha256Hex(bytes), byteLength: bytes.byteLength } };
}

/**
 * Moves `from` to `to` unless `to` exists (then throws EEXIST): a hard link fails atomically on an existing
 * name. Where the file system has no hard links (FAT, some network shares) it checks, then renames.
 */
async function moveWithoutReplacing(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    if ((await firstExisting([to])) !== null) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    await rename(from, to);
    return;
  }
  await rm(from, { force: true });
}
