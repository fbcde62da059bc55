// Receiving an uploaded dataset file: its bytes stream from the request to a partial file (one chunk in hand at a
// time, hashed on the way), then the finished file is renamed into `uploads/<sha256>/<name>` under the data folder.
// A refused or interrupted upload removes its partial file and leaves nothing behind; nothing is registered here —
// the browser then previews and imports the returned path through the ordinary dataset calls.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { uploadNameRefusal, type UploadedFile } from '../../common/api/file-transfer';

/** Uploads live in this folder beside the database (as exports live in `exports/`). */
export const UPLOADS_FOLDER = 'uploads';
/** Files still streaming, inside the uploads folder; emptied when the server starts. */
const PARTIAL_FOLDER = '.partial';

export interface UploadDestination {
  /** The uploads folder (`<data folder>/uploads`). */
  dir: string;
  /** Larger bodies are refused (UPLOAD_LIMITS.maxBytes unless a test gives a smaller one). */
  maxBytes: number;
}

export type UploadOutcome =
  | {
      status: 'ok';
      file: UploadedFile;
      /**
       * The most bytes of the body held in memory at once: the chunk being written plus what the request stream had
       * buffered behind it. Bounded by the stream's chunk and buffer sizes, whatever the file's size.
       */
      peakHeldBytes: number;
    }
  | { status: 400 | 413; message: string }
  | { status: 'aborted' };

/**
 * Streams `body` into the uploads folder as `name`. `declaredBytes` is the request's Content-Length when it sent
 * one: a larger one is refused before a byte is read. Resolves once the file is whole and in place, or refused,
 * or the client went away (then no file of it remains).
 */
export async function receiveUpload(
  body: Readable,
  declaredBytes: number | undefined,
  name: string | null,
  destination: UploadDestination,
): Promise<UploadOutcome> {
  const nameRefusal = uploadNameRefusal(name);
  if (nameRefusal !== null || name === null) return { status: 400, message: `Upload refused: ${nameRefusal ?? 'no file name'}.` };
  const tooLarge = {
    status: 413,
    message: `Upload refused: ${name} is larger than the upload limit of ${destination.maxBytes} bytes; nothing was kept.`,
  } as const;
  if (declaredBytes !== undefined && declaredBytes > destination.maxBytes) return tooLarge;

  const partialDir = join(destination.dir, PARTIAL_FOLDER);
  await mkdir(partialDir, { recursive: true });
  const partialPath = join(partialDir, randomUUID());
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let peakHeldBytes = 0;
  let outcome: { status: 'streamed' } | { status: 413 } | { status: 'aborted' } = { status: 'streamed' };
  const file = await open(partialPath, 'wx');
  try {
    // One chunk at a time: the next is read only once this one is written, so the request's own buffer (and
    // TCP flow control behind it) holds the rest.
    for await (const chunk of body as AsyncIterable<Buffer>) {
      sizeBytes += chunk.length;
      if (sizeBytes > destination.maxBytes) {
        outcome = { status: 413 };
        break;
      }
      peakHeldBytes = Math.max(peakHeldBytes, chunk.length + body.readableLength);
      hash.update(chunk);
      await file.write(chunk);
    }
    if (outcome.status === 'streamed' && (('complete' in body && body.complete === false) || (declaredBytes !== undefined && sizeBytes !== declaredBytes))) {
      outcome = { status: 'aborted' };
    }
  } catch {
    outcome = { status: 'aborted' };
  } finally {
    await file.close();
  }
  if (outcome.status !== 'streamed') {
    await rm(partialPath, { force: true });
    return outcome.status === 413 ? tooLarge : outcome;
  }

  const sha256 = hash.digest('hex');
  const finalDir = join(destination.dir, sha256);
  const path = join(finalDir, name);
  await mkdir(finalDir, { recursive: true });
  // Atomic: a file at `path` is whole. One already there has the same name and (by its folder) the same bytes.
  await rename(partialPath, path);
  return { status: 'ok', file: { path, name, sha256, sizeBytes }, peakHeldBytes };
}

/** Removes partial files an earlier server left behind (killed mid-upload). */
export async function clearPartialUploads(uploadsDir: string): Promise<void> {
  const partialDir = join(uploadsDir, PARTIAL_FOLDER);
  let names: string[];
  try {
    names = await readdir(partialDir);
  } catch {
    return;
  }
  await Promise.all(names.map((name) => rm(join(partialDir, name), { force: true, recursive: true })));
}
