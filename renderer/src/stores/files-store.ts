// Files moved between this browser and the `serve` server: the upload of a dataset file (its progress, the path it
// got on the server, or why it was refused) and downloads of exports and reports (and the error of the last one).
// In the desktop app nothing moves (`canTransfer` is false): files are already on this machine.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { UPLOAD_LIMITS, type DownloadTarget, type UploadedFile } from '../../../core/common/api/file-transfer';
import { filesApi } from '../api/files-api';
import { errorMessage } from './error-message';

export interface UploadProgress {
  readonly name: string;
  readonly sizeBytes: number;
  readonly sentBytes: number;
}

export const useFilesStore = defineStore('files', () => {
  const canTransfer = filesApi.available();
  const uploading = shallowRef<UploadProgress | null>(null);
  const uploadError = ref<string | null>(null);
  const uploaded = shallowRef<UploadedFile | null>(null);
  /** Which download is under way (downloadKey), so its button can say so. */
  const downloading = ref<string | null>(null);
  /** The last download that failed (its downloadKey) and why: shown beside its own button only. */
  const downloadError = shallowRef<{ key: string; message: string } | null>(null);

  /** Resolves to the uploaded file's place on the server, or null with `uploadError` set. */
  async function upload(file: File): Promise<UploadedFile | null> {
    uploadError.value = null;
    uploaded.value = null;
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      uploadError.value = `${file.name} is ${file.size} bytes, over the upload limit of ${UPLOAD_LIMITS.maxBytes} bytes; nothing was sent.`;
      return null;
    }
    uploading.value = { name: file.name, sizeBytes: file.size, sentBytes: 0 };
    try {
      uploaded.value = await filesApi.upload(file, (sentBytes) => (uploading.value = { name: file.name, sizeBytes: file.size, sentBytes }));
      return uploaded.value;
    } catch (caught) {
      uploadError.value = errorMessage(caught);
      return null;
    } finally {
      uploading.value = null;
    }
  }

  async function download(target: DownloadTarget, expectedSha256?: string): Promise<void> {
    const key = downloadKey(target);
    downloading.value = key;
    downloadError.value = null;
    try {
      await filesApi.download(target, expectedSha256);
    } catch (caught) {
      downloadError.value = { key, message: errorMessage(caught) };
    } finally {
      downloading.value = null;
    }
  }

  /** Why the download of `target` last failed, or null. */
  function downloadErrorOf(...targets: DownloadTarget[]): string | null {
    const failed = downloadError.value;
    return failed !== null && targets.some((target) => downloadKey(target) === failed.key) ? failed.message : null;
  }

  return { canTransfer, uploading, uploadError, uploaded, downloading, downloadError, upload, download, downloadErrorOf };
});

/** One name per download, for telling which button's download is under way. */
export function downloadKey(target: DownloadTarget): string {
  return target.kind === 'export' ? `export-${target.exportId}-${target.part}` : `study-${target.studyId}-${target.file}`;
}
