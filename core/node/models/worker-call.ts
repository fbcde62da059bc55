// A worker thread that does one job: started, sent one message, and terminated after its one reply.
// Any way it can die first (uncaught error, out of memory, exit) becomes one readable rejection.
import type { ResourceLimits } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawn-worker';

/**
 * @param what names the worker in error messages, e.g. "export worker"
 * @param transfer buffers moved (not copied) with the message
 */
export function runWorkerOnce<Reply>(entry: string, what: string, message: unknown, transfer: ArrayBuffer[] = [], resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 2048 }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(entry, { resourceLimits });
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      done();
      void worker.terminate();
    };
    worker.once('message', (reply: Reply) => settle(() => resolve(reply)));
    worker.once('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it ran out of memory (heap limit ${resourceLimits.maxOldGenerationSizeMb} MB)` : error.message;
      settle(() => reject(new Error(`The ${what} failed: ${reason}`)));
    });
    worker.once('exit', (code) => settle(() => reject(new Error(`The ${what} stopped unexpectedly (exit code ${code}).`))));
    worker.postMessage(message, transfer);
  });
}
