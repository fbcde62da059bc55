// The backend's way to import and preview files without reading them on its main thread: a one-shot import
// worker reads, checks, parses, fits and hashes the file, posting progress (import-worker.ts); the main thread
// only registers the worker's result in the store (the reuse check and the insert, in one transaction). A worker
// that crashes, runs out of memory or throws becomes an ImportWorkerError, and nothing is registered.
import type { ImportResult } from '../../common/data/import/import-error';
import type { DatasetPreview, PreviewOptions } from '../../common/data/import/preview';
import type { Store } from '../store/store';
import { Limiter } from '../workers/limiter';
import { runProgressJob, WorkerJobCancelled, WorkerJobFailed } from '../workers/progress-job';
import { registerImport, type ImportControl, type ImportedDataset, type ImportProgress } from './import-dataset';
import type { ImportJob, ImportReplies } from './import-protocol';
import { cancelledError } from './read-file';
import { importWorkerEntry } from './worker-entries';

export interface ImportServiceOptions {
  /** The worker's entry (tests pass their own). */
  readonly workerEntry?: string;
  /** V8 heap limit of the worker: an import that would need more fails alone, not the backend. */
  readonly heapMb?: number;
  /** Import workers running at once; more imports and previews wait their turn (default 2). */
  readonly concurrency?: number;
}

/** The import worker failed (crashed, ran out of memory, or threw): not a verdict on the file. */
export class ImportWorkerError extends Error {
  override readonly name = 'ImportWorkerError';
}

export class ImportService {
  private readonly entry: string;
  private readonly heapMb: number;
  private readonly limiter: Limiter;

  constructor(
    private readonly store: Store,
    options: ImportServiceOptions = {},
  ) {
    this.entry = options.workerEntry ?? importWorkerEntry;
    this.heapMb = options.heapMb ?? 2048;
    this.limiter = new Limiter(options.concurrency ?? 2);
  }

  /**
   * `importDataset` with the file read in the worker: the registered (or reused) dataset, or a typed error naming
   * file, line and column; rejects with an ImportWorkerError only when the worker itself fails.
   */
  async importFile(path: string, rawOptions: unknown, control: ImportControl = {}): Promise<ImportResult<ImportedDataset>> {
    const read = await this.run({ kind: 'import', path, options: rawOptions, chunkBytes: control.chunkBytes }, control);
    return read.ok ? { ok: true, value: registerImport(this.store, read.value) } : read;
  }

  /** `previewFile` in the worker. */
  preview(path: string, options: PreviewOptions, maxBytes: number): Promise<ImportResult<DatasetPreview>> {
    return this.run({ kind: 'preview', path, options, maxBytes });
  }

  private async run<J extends ImportJob>(job: J, control: ImportControl = {}): Promise<ImportReplies[J['kind']]> {
    try {
      return await this.limiter.run(() =>
        runProgressJob<ImportProgress, ImportReplies[J['kind']]>(this.entry, 'import worker', job, {
          ...(control.onProgress === undefined ? {} : { onProgress: control.onProgress }),
          ...(control.signal === undefined ? {} : { signal: control.signal }),
          resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
        }),
      );
    } catch (error) {
      if (error instanceof WorkerJobCancelled) return { ok: false, error: cancelledError(job.path) };
      if (error instanceof WorkerJobFailed) throw new ImportWorkerError(error.message);
      throw error;
    }
  }
}
