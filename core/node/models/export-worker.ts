// Entry of an export worker thread: takes one ExportJob, posts one result, and is then terminated by
// the model service. Everything heavy of an export (graph building, hashing, onnxruntime) happens here.
import { parentPort } from 'node:worker_threads';
import type { ExportJob, ExportWorkerMessage } from './export-protocol';
import { runExportJob } from './export-job';

const port = parentPort;
if (port === null) throw new Error('export-worker: this module is a worker thread entry; start it with spawnWorker');

port.once('message', (job: ExportJob) => {
  void runExportJob(job).then((result) => {
    const message: ExportWorkerMessage = { type: 'result', result };
    port.postMessage(message);
  });
});
