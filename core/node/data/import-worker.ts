// Entry of an import worker thread: reads, checks, parses and hashes one file (an import or a preview), posting
// progress and then one reply, and is then terminated. File content is never parsed on the backend's main thread.
import { serveProgressJob } from '../workers/serve-progress-job';
import { readImport, type ImportProgress } from './import-dataset';
import type { ImportJob, ImportReplies } from './import-protocol';
import { previewFile } from './preview-file';

serveProgressJob<ImportJob, ImportProgress, ImportReplies[ImportJob['kind']]>('import-worker', (job, progress) =>
  job.kind === 'import'
    ? readImport(job.path, job.options, { chunkBytes: job.chunkBytes, onProgress: progress })
    : previewFile(job.path, job.options, job.maxBytes),
);
