// Entry of the inference worker thread: holds the open onnxruntime sessions and generation streams,
// answers one request at a time in arrival order (each reply carries the request's id).
import { parentPort } from 'node:worker_threads';
import { InferenceEngine } from './inference-engine';
import type { InferenceToMain, MainToInference } from './inference-protocol';

const port = parentPort;
if (port === null) throw new Error('inference-worker: this module is a worker thread entry; start it with spawnWorker');

const engine = new InferenceEngine();
// Requests are chained so a generation's carried state is never read while another call updates it.
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: MainToInference) => {
  queue = queue.then(async () => {
    let reply: InferenceToMain;
    try {
      reply = { id: message.id, outcome: await engine.handle(message.request) };
    } catch (error) {
      reply = { id: message.id, failure: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
});
