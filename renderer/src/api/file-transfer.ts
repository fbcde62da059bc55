// Files between this browser and the `serve` server (core/common/api/file-transfer.ts): a dataset file uploaded to
// the server's data folder, an export or a study report downloaded and checked against the SHA-256 the server sent
// before it is saved. Only the HTTP transport has it: in the desktop app the files are already on this machine.
import { downloadPath, UPLOAD_ROUTE, uploadedFileSchema, type DownloadTarget, type UploadedFile } from '../../../core/common/api/file-transfer';
import { ApiError, type ApiErrorBody } from '../../../core/common/api/result';
import { digestOf, fileNameOf } from './download-headers';
import { saveBlob } from '../composables/save-file';

export interface FileTransfer {
  /** Streams `file` to the server; `onProgress` gets the bytes sent so far. Rejects with an ApiError naming why. */
  upload(file: File, onProgress?: (sentBytes: number) => void): Promise<UploadedFile>;
  /** Fetches a download, checks its bytes against the server's digest (and `expectedSha256` when given), and saves it. */
  download(target: DownloadTarget, expectedSha256?: string): Promise<void>;
}

export function createHttpFileTransfer(token: string, origin = window.location.origin): FileTransfer {
  return {
    upload(file, onProgress) {
      // XMLHttpRequest rather than fetch: it reports upload progress, and sends the File from disk as it goes.
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${origin}${UPLOAD_ROUTE}?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.upload.onprogress = (event) => onProgress?.(event.loaded);
        xhr.onerror = () =>
          reject(new ApiError('internal', `The upload of ${file.name} did not reach the SeqLab server; nothing was kept. Is \`npm run serve\` still running?`));
        xhr.onload = () => {
          try {
            const body = JSON.parse(xhr.responseText) as { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };
            if (body.ok) resolve(uploadedFileSchema.parse(body.value));
            else reject(new ApiError(body.error.code, body.error.message));
          } catch {
            reject(new ApiError('internal', `The server answered the upload of ${file.name} with status ${xhr.status} and no readable result.`));
          }
        };
        xhr.send(file);
      });
    },

    async download(target, expectedSha256) {
      let response: Response;
      try {
        response = await fetch(`${origin}${downloadPath(target)}`, { headers: { Authorization: `Bearer ${token}` } });
      } catch {
        throw new ApiError('internal', 'Cannot reach the SeqLab server. Is `npm run serve` still running?');
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: ApiErrorBody } | null;
        throw new ApiError(body?.error?.code ?? 'internal', body?.error?.message ?? `The download failed with status ${response.status}.`);
      }
      const bytes = await response.arrayBuffer();
      const received = await sha256Hex(bytes);
      const sent = digestOf(response.headers.get('Repr-Digest'));
      for (const [expected, whose] of [
        [sent, 'the server sent'],
        [expectedSha256, 'was recorded at export'],
      ] as const) {
        if (expected !== undefined && expected !== received) {
          throw new ApiError('conflict', `The downloaded bytes do not hash to the SHA-256 ${whose}; nothing was saved. Download it again.`);
        }
      }
      saveBlob(fileNameOf(response.headers.get('Content-Disposition')), new Blob([bytes], { type: response.headers.get('Content-Type') ?? '' }));
    },
  };
}

/** Lower-case hex SHA-256 (Web Crypto, available on http://127.0.0.1 and localhost: they are secure contexts). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
