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
    // RFC 6266: an ASCII fallback and the exact name (RFC 8187) for names beyond ASCII.
    'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
    // RFC 9530: the SHA-256 of the bytes sent, which a client can check what it received against.
    'Repr-Digest': `sha-256=:${Buffer.from(download.sha256, 'hex').toString('base64')}:`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(download.bytes);
}
