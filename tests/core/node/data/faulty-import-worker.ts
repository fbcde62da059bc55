// A test-only import worker entry: the real import worker, plus faults for files named for one. "exit…" stops the
// thread (exit code 3) before it replies, as a native crash would; "hoard…" fills the heap until V8 hits the
// worker's resourceLimits; "bug…" reports an error thrown by the job. Other files are imported normally.
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import '../../../../core/node/data/import-worker';
import type { ImportJob } from '../../../../core/node/data/import-protocol';
import type { ProgressJobMessage } from '../../../../core/node/workers/progress-job';

const hoard: number[][] = [];

// Listens after the real entry (imported above), whose reply is still pending when the fault strikes.
parentPort?.once('message', (job: ImportJob) => {
  const name = basename(job.path);
  if (name.startsWith('exit')) process.exit(3);
  if (name.startsWith('hoard')) for (let i = 0; ; i++) hoard.push(new Array<number>(1_000_000).fill(i + 0.5));
  if (name.startsWith('bug'))
    parentPort?.postMessage({ type: 'failed', message: 'planImport: result() before the fitting pass' } satisfies ProgressJobMessage<never, never>);
});
