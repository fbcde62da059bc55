// Entry of an attention worker thread: takes one AttentionJob, posts one reply, and is then terminated.
// Rebuilding the model and decoding happen here, never on the main thread.
import { parentPort } from 'node:worker_threads';
import type { AttentionJob, AttentionReply } from './attention-protocol';
import { runAttentionJob } from './attention-job';

const port = parentPort;
if (port === null) throw new Error('attention-worker: this module is a worker thread entry; start it with spawnWorker');

port.once('message', (job: AttentionJob) => {
  void runAttentionJob(job)
    .catch((error: unknown): AttentionReply => ({ ok: false, message: `Decoding failed: ${error instanceof Error ? error.message : String(error)}` }))
    .then((reply) => port.postMessage(reply));
});
