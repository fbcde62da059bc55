// Writes exported model bytes to a .onnx file and returns its SHA-256, which the store records
// with every export. The write goes to a temporary file first and is renamed into place, so a
// crash never leaves a half-written model under the final name.

import { createHash } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

export interface WrittenModel {
  readonly path: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly byteLength: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A failed write is an expected failure (missing folder, no permission, disk full), returned, not thrown. */
export type WriteModelResult =
  | { readonly ok: true; readonly model: WrittenModel }
  | { readonly ok: false; readonly code: 'write-failed'; readonly path: string; readonly message: string };

/** Writes `bytes` to `path` (replacing any file there) and hashes them. */
export async function writeOnnxModel(path: string, bytes: Uint8Array): Promise<WriteModelResult> {
  const temporary = `${path}.${process.pid}.${Date.now()}.partial`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    const reason = (e as NodeJS.ErrnoException).message;
    return { ok: false, code: 'write-failed', path, message: `Could not write the model to ${path} (${reason}). Choose a folder that exists and is writable, and check the free space.` };
  }
  return { ok: true, model: { path, sha256: sha256Hex(bytes), byteLength: bytes.byteLength } };
}
