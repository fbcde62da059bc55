// API handlers for datasets: preview a file, import it (read and parsed in an import worker, never on this thread;
// a bad file comes back as an error naming file, line and column, and registers nothing; a good one with the
// report of what was read and why), list them.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { ApiResponse } from '../../common/api/contract';
import type { DatasetInfo } from '../../common/api/entities';
import { ApiError } from '../../common/api/result';
import { summariseDataset } from '../../common/data/import/dataset-summary';
import { taskIdOfKind } from '../../common/tasks/dataset-definitions';
import type { ImportError } from '../../common/data/import/import-error';
import type { ImportProgress } from '../data';
import { ImportWorkerError, type ImportService } from '../data/import-service';
import type { Store } from '../store/store';
import type { DatasetSummary } from '../store/types';
import type { ApiHandlers } from './dispatch';
import type { EventBus } from './event-bus';

type DatasetHandlers = Pick<ApiHandlers, 'datasets.preview' | 'datasets.import' | 'datasets.list'>;

/** Progress events of one import are at least this far apart (ms), except the last of each pass. */
const PROGRESS_EVERY_MS = 100;
/** A preview parses its sample at once (in the import worker): 256 KiB (thousands of rows) takes well under 0.2 s. */
const PREVIEW_SAMPLE_BYTES = 256 * 1024;

export function toDatasetInfo(dataset: DatasetSummary): DatasetInfo {
  const { id, name, kind, sourcePath, contentHash, sizeBytes, createdAt, stats } = dataset;
  return { id, name, kind, taskId: taskIdOfKind(kind), sourcePath, contentHash, sizeBytes, createdAt, summary: summariseDataset(kind, stats), stats };
}

export function createDatasetHandlers(store: Store, events: EventBus, imports: ImportService): DatasetHandlers {
  return {
    'datasets.preview': async ({ path, options }) => {
      const preview = await inImportWorker(imports.preview(fullPath(path), options, PREVIEW_SAMPLE_BYTES), 'The file was not previewed.');
      if (!preview.ok) throw importApiError(preview.error);
      // the preview's arrays are readonly; the JSON is the same
      return preview.value as ApiResponse<'datasets.preview'>;
    },

    'datasets.import': async ({ path, options, name }) => {
      const onProgress = throttle((progress: ImportProgress) => events.emit('datasets.importProgress', { path, ...progress }));
      const imported = await inImportWorker(
        imports.importFile(fullPath(path), name === undefined ? options : { ...options, name }, { onProgress }),
        'Nothing was imported.',
      );
      if (!imported.ok) throw importApiError(imported.error);
      const { dataset, reused, report } = imported.value;
      if (!reused) events.emit('datasets.changed', {});
      return { dataset: toDatasetInfo(dataset), reused, report: { ...report, columns: [...report.columns], notes: [...report.notes] } };
    },

    'datasets.list': () => store.datasets.list().map(toDatasetInfo),
  };
}

/** The path as given when it is absolute; `~/…` under the home folder. Relative paths have no meaning to a server. */
function fullPath(path: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  if (!isAbsolute(expanded)) {
    const message = `"${path}" is not a full path; give the file's full path on this machine (e.g. /home/me/data.csv or ~/data.csv)`;
    throw new ApiError('invalid-request', message, [{ path: 'path', message }]);
  }
  return expanded;
}

/** The import's own message already names file, line and column and what to do. */
function importApiError(error: ImportError): ApiError {
  const path = error.code === 'invalid-options' ? 'options' : error.code === 'unknown-kind' ? 'options.kind' : 'path';
  return new ApiError('invalid-request', error.message, [{ path, message: error.message }]);
}

/** An import worker's failure (crash, out of memory) as an API error: the file was not judged, so it is 'internal'. */
async function inImportWorker<T>(work: Promise<T>, consequence: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ImportWorkerError) throw new ApiError('internal', `${error.message} ${consequence}`);
    throw error;
  }
}

function throttle(emit: (progress: ImportProgress) => void): (progress: ImportProgress) => void {
  let last = 0;
  let pass = 0;
  return (progress) => {
    const now = Date.now();
    const passEnd = progress.bytesRead >= progress.totalBytes;
    if (progress.pass === pass && !passEnd && now - last < PROGRESS_EVERY_MS) return;
    [last, pass] = [now, progress.pass];
    emit(progress);
  };
}
