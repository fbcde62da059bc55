// Entry of an explorer worker thread: takes one ExplorerJob, posts one reply, and is then terminated.
// Rebuilding the model and tracing it happen here, never on the main thread.
import { parentPort } from 'node:worker_threads';
import type { ExplorerJob, ExplorerReply } from './explorer-protocol';
import { runExplorerJob } from './explorer-job';

const port = parentPort;
if (port === null) throw new Error('explorer-worker: this module is a worker thread entry; start it with spawnWorker');

port.once('message', (job: ExplorerJob) => {
  void runExplorerJob(job)
    .catch((error: unknown): ExplorerReply => ({ ok: false, message: `Exploring failed: ${error instanceof Error ? error.message : String(error)}` }))
    .then((reply) => port.postMessage(reply));
});
