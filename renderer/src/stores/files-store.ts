// Files in and out, the way each client expects. Browser mode (`canTransfer`): a dataset file is uploaded to the
// `serve` server (its progress, the path it got there, or why it was refused), exports and reports download. Desktop
// (`canBrowse`): the native open dialog gives a path, and exports and reports go through Save as…; an export can be
// shown in its folder. The error of each step is kept where its button can show it.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { UPLOAD_LIMITS, type DownloadTarget, type UploadedFile } from '../../../core/common/api/file-transfer';
import type { OpenFileKind } from '../../../core/common/api/desktop-bridge';
import { desktopApi } from '../api/desktop-api';
import { filesApi } from '../api/files-api';
import { errorMessage } from './error-message';

export interface UploadProgress {
  readonly name: string;
  readonly sizeBytes: number;
  readonly sentBytes: number;
}

export const useFilesStore = defineStore('files', () => {
  const canTransfer = filesApi.available();
  const canBrowse = desktopApi.available();
  /** Where the last Save as… wrote (shown until the next one). */
  const savedTo = ref<string | null>(null);
  const browseError = ref<string | null>(null);
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

  /** The native open dialog (desktop): the chosen path, or null when cancelled or refused (`browseError`). */
  async function browse(kind: OpenFileKind): Promise<string | null> {
    browseError.value = null;
    try {
      return await desktopApi.openFile(kind);
    } catch (caught) {
      browseError.value = errorMessage(caught);
      return null;
    }
  }

  /** A download in browser mode; Save as… in the desktop app. */
  async function download(target: DownloadTarget, expectedSha256?: string): Promise<void> {
    const key = downloadKey(target);
    downloading.value = key;
    downloadError.value = null;
    savedTo.value = null;
    try {
      if (canTransfer) await filesApi.download(target, expectedSha256);
      else {
        const outcome =
          target.kind === 'export' ? await desktopApi.saveExport(target.exportId, target.part) : await desktopApi.saveStudyFile(target.studyId, target.file);
        if (outcome.saved) savedTo.value = outcome.path;
      }
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

  async function showInFolder(exportId: number): Promise<void> {
    const target = { kind: 'export', exportId, part: 'graph' } as const;
    downloadError.value = null;
    try {
      await desktopApi.showExportInFolder(exportId);
    } catch (caught) {
      downloadError.value = { key: downloadKey(target), message: errorMessage(caught) };
    }
  }

  return {
    canTransfer,
    canBrowse,
    uploading,
    uploadError,
    uploaded,
    browseError,
    downloading,
    downloadError,
    savedTo,
    upload,
    browse,
    download,
    downloadErrorOf,
    showInFolder,
  };
});

/** One name per download, for telling which button's download is under way. */
export function downloadKey(target: DownloadTarget): string {
  return target.kind === 'export' ? `export-${target.exportId}-${target.part}` : `study-${target.studyId}-${target.file}`;
}
