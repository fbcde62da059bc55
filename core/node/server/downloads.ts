// What a download sends: an exported file's exact bytes (refused when the file is gone or no longer hashes to what
// was recorded at export), or a study's report or results as the API's studies.report gives them. Looked up through
// the dispatcher, so a download sees exactly what the API does.
import { basename } from 'node:path';
import type { DownloadTarget } from '../../common/api/file-transfer';
import type { ModelExport } from '../../common/api/entities';
import type { StudyReport } from '../../common/api/study-entities';
import { sha256Hex } from '../onnx/write-model';
import { readExportedFile } from '../models/read-exported-file';
import type { Dispatcher } from '../backend/dispatch';

export type Download =
  | { ok: true; bytes: Uint8Array; fileName: string; contentType: string; sha256: string }
  | { ok: false; code: 'not-found' | 'conflict' | 'internal' | 'invalid-request'; message: string };

export async function resolveDownload(target: DownloadTarget, dispatcher: Dispatcher): Promise<Download> {
  return target.kind === 'export' ? exportDownload(target.exportId, target.part, dispatcher) : studyDownload(target.studyId, target.file, dispatcher);
}

async function exportDownload(exportId: number, part: 'graph' | 'step', dispatcher: Dispatcher): Promise<Download> {
  const listed = await dispatcher.dispatch('models.list', {});
  if (!listed.ok) return { ok: false, code: 'internal', message: listed.error.message };
  const model = (listed.value as ModelExport[]).find((candidate) => candidate.id === exportId);
  if (!model) return { ok: false, code: 'not-found', message: `Export ${exportId} does not exist.` };
  const file = part === 'step' ? model.decoderStep : model;
  if (!file) return { ok: false, code: 'invalid-request', message: `Export ${exportId} is one file; it has no decoder-step graph.` };
  const read = await readExportedFile(file.path, file.hash);
  if (!read.ok) return { ok: false, code: read.code === 'model-changed' ? 'conflict' : 'not-found', message: read.message };
  return { ok: true, bytes: read.bytes, fileName: basename(file.path), contentType: 'application/octet-stream', sha256: read.sha256 };
}

async function studyDownload(studyId: number, file: 'report.html' | 'results.csv', dispatcher: Dispatcher): Promise<Download> {
  const result = await dispatcher.dispatch('studies.report', { id: studyId });
  if (!result.ok) return { ok: false, code: result.error.code === 'not-found' ? 'not-found' : 'internal', message: result.error.message };
  const report = result.value as StudyReport;
  const html = file === 'report.html';
  const bytes = new TextEncoder().encode(html ? report.html : report.csv);
  return {
    ok: true,
    bytes,
    fileName: html ? report.fileName : report.fileName.replace(/\.html$/, '.csv'),
    contentType: html ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8',
    sha256: sha256Hex(bytes),
  };
}
