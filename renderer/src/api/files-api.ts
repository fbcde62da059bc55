// The renderer's wrappers for moving files (browser mode): stores call these; components never do. The transfer is
// set by connectClient when the app talks HTTP to `serve`; in the desktop app there is none (files are local).
import type { DownloadTarget, UploadedFile } from '../../../core/common/api/file-transfer';
import type { FileTransfer } from './file-transfer';

let transfer: FileTransfer | null = null;

export function setFileTransfer(next: FileTransfer | null): void {
  transfer = next;
}

function files(): FileTransfer {
  if (!transfer) throw new Error('files moved before connectClient() chose the HTTP transport');
  return transfer;
}

export const filesApi = {
  /** True in browser mode: files are uploaded to and downloaded from the server. */
  available: (): boolean => transfer !== null,
  upload: (file: File, onProgress?: (sentBytes: number) => void): Promise<UploadedFile> => files().upload(file, onProgress),
  download: (target: DownloadTarget, expectedSha256?: string): Promise<void> => files().download(target, expectedSha256),
};
