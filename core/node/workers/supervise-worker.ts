// One worker thread supervised until it settles: started with resource limits, sent one message, and
// terminated once its handler resolves or rejects. Any way it can die first — uncaught error, out of memory,
// exit — or an abort becomes one readable rejection. The one-shot and progress-reporting jobs build on it.
import type { ResourceLimits } from 'node:worker_threads';
import { spawnWorker } from './spawn-worker';

export interface SupervisedWorker<R> {
  readonly resolve: (value: R) => void;
  readonly reject: (error: Error) => void;
}

export interface SuperviseOptions {
  readonly resourceLimits: ResourceLimits;
  /** Buffers moved (not copied) with the message. */
  readonly transfer?: ArrayBuffer[];
  /** Aborting terminates the worker at once and rejects with `cancelled()`. */
  readonly signal?: AbortSignal | undefined;
  readonly cancelled?: () => Error;
  /** The error for a worker that died: `reason` is whole words ("it ran out of memory (heap limit 2048 MB)"). */
  readonly died: (reason: string) => Error;
  readonly exited: (code: number) => Error;
}

export function superviseWorker<R>(
  entry: string,
  message: unknown,
  options: SuperviseOptions,
  onMessage: (message: unknown, settle: SupervisedWorker<R>) => void,
): Promise<R> {
  const { resourceLimits, signal } = options;
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(entry, { resourceLimits });
    let settled = false;
    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      done();
      void worker.terminate();
    };
    const abort = (): void => settle(() => reject(options.cancelled?.() ?? new Error('cancelled')));
    signal?.addEventListener('abort', abort, { once: true });
    const handle: SupervisedWorker<R> = { resolve: (value) => settle(() => resolve(value)), reject: (error) => settle(() => reject(error)) };
    worker.on('message', (m: unknown) => {
      if (!settled) onMessage(m, handle);
    });
    worker.once('error', (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it ran out of memory (heap limit ${resourceLimits.maxOldGenerationSizeMb} MB)` : error.message;
      handle.reject(options.died(reason));
    });
    worker.once('exit', (code) => handle.reject(options.exited(code)));
    worker.postMessage(message, options.transfer ?? []);
  });
}
