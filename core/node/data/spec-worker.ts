// Entry of a spec worker thread: takes one SpecJob, posts one reply, and is then terminated.
// Tasks are built and dataset files read here, never on the backend's main thread.
import { parentPort } from 'node:worker_threads';
import { runSpecJob } from './spec-job';
import type { SpecJob, SpecWorkerReply } from './spec-protocol';

const port = parentPort;
if (port === null) throw new Error('spec-worker: this module is a worker thread entry; start it with spawnWorker');

port.once('message', (job: SpecJob) => {
  void runSpecJob(job)
    .then((value): SpecWorkerReply => ({ ok: true, value }))
    .catch((error: unknown): SpecWorkerReply => ({ ok: false, message: error instanceof Error ? error.message : String(error) }))
    .then((reply) => port.postMessage(reply));
});
