// Reading an exported graph for inference: its bytes, refused readably when the file is gone or no longer the
// one exported (its SHA-256 differs from the hash recorded at export). Single graphs and pairs read through it.
import { readFile } from 'node:fs/promises';
import { sha256Hex } from '../onnx/write-model';

export type ExportedFile =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly sha256: string }
  | { readonly ok: false; readonly code: 'model-unreadable' | 'model-changed'; readonly message: string };

/** The bytes of `path`; with `expectedSha256`, only if they still hash to it. */
export async function readExportedFile(path: string, expectedSha256?: string): Promise<ExportedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return {
      ok: false,
      code: 'model-unreadable',
      message: `Could not read ${path} (${(e as Error).message}). Export the model again if the file was moved or deleted.`,
    };
  }
  const sha256 = sha256Hex(bytes);
  if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
    return { ok: false, code: 'model-changed', message: `${path} has changed since it was exported (its SHA-256 no longer matches). Export the model again.` };
  }
  return { ok: true, bytes, sha256 };
}
