// How bytes travel between a browser and the `serve` server, beside the JSON API (contract.ts): a dataset file is
// uploaded to the server's data folder (its answer is a path the ordinary datasets.preview / datasets.import take),
// and an export or a study's report is downloaded with its exact bytes. The server and the renderer both build and
// read these routes from here. Every route needs the launch token, as every API call does.
import { z } from 'zod';

/** Limits of one upload. */
export const UPLOAD_LIMITS = {
  /** Bytes of one file: larger ones are refused (413) before or while they stream, and nothing of them is kept. */
  maxBytes: 1024 * 1024 * 1024,
  /** Characters of the file's name, which the import's messages and the dataset's default name show. */
  maxNameLength: 200,
} as const;

/** POST with the file's bytes as the body (any content type) and its name as `?name=`. */
export const UPLOAD_ROUTE = '/api/upload';
/** GET `<prefix>/export/<exportId>` (`?part=step`: an encoder–decoder's decoder-step graph), or `<prefix>/study/<id>/<file>`. */
export const DOWNLOAD_PREFIX = '/api/download';

/** What a finished upload is on the server: a full path the dataset calls take, and what was received. */
export const uploadedFileSchema = z.object({
  path: z.string(),
  /** The name as the browser gave it; the uploaded file keeps it, so the import's messages name it. */
  name: z.string(),
  /** Lower-case hex SHA-256 of the bytes received, computed while they streamed. */
  sha256: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/** The files of a study that download: its self-contained HTML report and its results, one row per run. */
export const STUDY_FILES = ['report.html', 'results.csv'] as const;
export type StudyFile = (typeof STUDY_FILES)[number];

export type DownloadTarget =
  | { readonly kind: 'export'; readonly exportId: number; readonly part: 'graph' | 'step' }
  | { readonly kind: 'study'; readonly studyId: number; readonly file: StudyFile };

/** The request target (path and query) of a download. */
export function downloadPath(target: DownloadTarget): string {
  return target.kind === 'export'
    ? `${DOWNLOAD_PREFIX}/export/${target.exportId}${target.part === 'step' ? '?part=step' : ''}`
    : `${DOWNLOAD_PREFIX}/study/${target.studyId}/${target.file}`;
}

/**
 * The download a decoded path and query name, or why it names none (the reverse of downloadPath).
 * @param partQuery the query's `part` value, null when absent
 */
export function parseDownloadPath(path: string, partQuery: string | null): { ok: true; target: DownloadTarget } | { ok: false; message: string } {
  const exportMatch = /^\/api\/download\/export\/([1-9]\d{0,14})$/.exec(path);
  if (exportMatch) {
    const part = partQuery ?? 'graph';
    if (part !== 'graph' && part !== 'step') return { ok: false, message: `part must be "graph" or "step", not ${JSON.stringify(part.slice(0, 40))}` };
    return { ok: true, target: { kind: 'export', exportId: Number(exportMatch[1]), part } };
  }
  const studyMatch = /^\/api\/download\/study\/([1-9]\d{0,14})\/([^/]+)$/.exec(path);
  const file = STUDY_FILES.find((name) => name === studyMatch?.[2]);
  if (studyMatch && file) return { ok: true, target: { kind: 'study', studyId: Number(studyMatch[1]), file } };
  return {
    ok: false,
    message: `no download at ${JSON.stringify(path.slice(0, 120))}; downloads are ${DOWNLOAD_PREFIX}/export/<id> and ${DOWNLOAD_PREFIX}/study/<id>/{${STUDY_FILES.join(',')}}`,
  };
}

/**
 * Why `name` cannot name an uploaded file, or null when it can: a bare file name (no folder, not `.` or `..`), none of
 * : * ? " < > | and no control characters, at most UPLOAD_LIMITS.maxNameLength characters. Refused rather than rewritten: the name is
 * what the import's messages and the dataset show.
 */
export function uploadNameRefusal(name: string | null): string | null {
  if (name === null || name.trim() === '') return 'the upload needs the file name as ?name=…';
  if (name.length > UPLOAD_LIMITS.maxNameLength) return `the file name is longer than ${UPLOAD_LIMITS.maxNameLength} characters`;
  if (/[/\\]/.test(name) || name === '.' || name === '..') return `${JSON.stringify(name)} is not a bare file name (no folders)`;
  // Characters Windows refuses in a file name: the server may run there.
  if (/[:*?"<>|]/.test(name)) return `${JSON.stringify(name)} contains one of : * ? " < > |, which a file name on Windows cannot`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the file name contains a control character';
  return null;
}
