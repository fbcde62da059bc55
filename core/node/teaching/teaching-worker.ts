// Entry of the teaching worker thread: one TeachingLoop, its commands answered in arrival order, its updates pushed.
import { parentPort } from 'node:worker_threads';
import { TeachingLoop } from './teaching-loop';
import type { MainToTeaching, TeachingToMain } from './teaching-protocol';

const port = parentPort;
if (port === null) throw new Error('teaching-worker: this module is a worker thread entry; start it with spawnWorker');

const post = (message: TeachingToMain): void => port.postMessage(message);
const loop = new TeachingLoop((update) => post({ kind: 'update', update }));

port.on('message', (message: MainToTeaching) => {
  try {
    post({ kind: 'reply', id: message.id, reply: loop.handle(message.command) });
  } catch (error) {
    post({ kind: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
