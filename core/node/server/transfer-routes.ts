// The routes that move files rather than JSON (core/common/api/file-transfer.ts): POST /api/upload streams a dataset
// file into the uploads folder; GET /api/download/… sends an export's or a study report's exact bytes. They run after
// the server's Host, Origin and token checks, like every API route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDownloadPath } from '../../common/api/file-transfer';
import type { Dispatcher } from '../backend/dispatch';
import { resolveDownload } from './downloads';
import { refusal, sendJson, statusFor } from './json-response';
import { receiveUpload, type UploadDestination } from './upload';

/** A refused upload is answered at once: the rest of its body is not read, and the connection closes. */
const CLOSE = { Connection: 'close' };

export async function serveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  destination: UploadDestination | undefined,
  notice: (line: string) => void,
): Promise<void> {
  if (!destination) return sendJson(res, 404, refusal('unknown-call', 'This server takes no uploads.'), CLOSE);
  const length = req.headers['content-length'];
  const declared = length === undefined ? undefined : Number(length);
  const outcome = await receiveUpload(req, declared, query.get('name'), destination);
  if (outcome.status === 'aborted') {
    notice('an upload ended before its last byte; its partial file was removed (nothing registered).');
    return;
  }
  if (outcome.status !== 'ok') {
    notice(`refused an upload: ${outcome.message} (${outcome.status}).`);
    return sendJson(res, outcome.status, refusal('invalid-request', outcome.message), CLOSE);
  }
  sendJson(res, 200, { ok: true, value: outcome.file });
}

export async function serveDownload(
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  dispatcher: Dispatcher,
  notice: (line: string) => void,
): Promise<void> {
  const parsed = parseDownloadPath(path, query.get('part'));
  if (!parsed.ok) return sendJson(res, 404, refusal('unknown-call', `No such download: ${parsed.message}.`));
  const download = await resolveDownload(parsed.target, dispatcher);
  if (!download.ok) {
    notice(`refused a download of ${path}: ${download.message}`);
    return sendJson(res, statusFor(download.code), refusal(download.code, download.message));
  }
  res.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Length': String(download.bytes.byteLength),
    'Content-Disposition': contentDisposition(download.fileName),
    'Repr-Digest': reprDigest(download.sha256),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(download.bytes);
}

/**
 * RFC 6266: an attachment, with an ASCII fallback name and the exact name (RFC 8187: UTF-8, percent-encoded beyond its
 * attr-chars, which leave out ' ( ) * ! that encodeURIComponent keeps) for names beyond ASCII.
 */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** RFC 9530: the SHA-256 of the bytes sent (`sha256Hex`, lower-case hex), which a client can check what it received against. */
export function reprDigest(sha256Hex: string): string {
  return `sha-256=:${Buffer.from(sha256Hex, 'hex').toString('base64')}:`;
}
