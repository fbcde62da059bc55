// A worker thread that does one job: started, sent one message, and terminated after its one reply.
// Any way it can die first (uncaught error, out of memory, exit) becomes one readable rejection.
import type { ResourceLimits } from 'node:worker_threads';
import { superviseWorker } from '../workers/supervise-worker';

/**
 * @param what names the worker in error messages, e.g. "export worker"
 * @param transfer buffers moved (not copied) with the message
 */
export function runWorkerOnce<Reply>(
  entry: string,
  what: string,
  message: unknown,
  transfer: ArrayBuffer[] = [],
  resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 2048 },
): Promise<Reply> {
  return superviseWorker<Reply>(
    entry,
    message,
    {
      resourceLimits,
      transfer,
      died: (reason) => new Error(`The ${what} failed: ${reason}`),
      exited: (code) => new Error(`The ${what} stopped unexpectedly (exit code ${code}).`),
    },
    (reply, settle) => settle.resolve(reply as Reply),
  );
}
