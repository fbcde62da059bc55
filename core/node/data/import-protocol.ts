// The messages between the backend (main thread) and an import worker (a progress job, see
// core/node/workers/progress-job.ts): one job in; for an import, progress after every chunk read; then one
// reply, the typed result. Plain data both ways; the store stays on the main thread.
import type { ImportResult } from '../../common/data/import/import-error';
import type { DatasetPreview, PreviewOptions } from '../../common/data/import/preview';
import type { ReadImport } from './import-dataset';

/** Read, check, fit and hash a whole file for `registerImport`. */
export interface ImportFileJob {
  readonly kind: 'import';
  /** As error messages should name it. */
  readonly path: string;
  /** Unchecked import options (the worker checks them). */
  readonly options: unknown;
  /** Bytes per read (undefined: the default). */
  readonly chunkBytes?: number | undefined;
}

/** Preview the first `maxBytes` of a file. */
export interface PreviewFileJob {
  readonly kind: 'preview';
  readonly path: string;
  readonly options: PreviewOptions;
  readonly maxBytes: number;
}

export type ImportJob = ImportFileJob | PreviewFileJob;

export interface ImportReplies {
  readonly import: ImportResult<ReadImport>;
  readonly preview: ImportResult<DatasetPreview>;
}
