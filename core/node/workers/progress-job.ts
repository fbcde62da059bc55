// A worker thread that does one job and reports on the way: started, sent the job, it posts any number of
// progress messages and then one reply (serve-progress-job.ts is its end), and is terminated. Any way it can
// die first (uncaught error, out of memory, exit) or an error the job throws becomes one WorkerJobFailed, whose
// message is whole sentences.
import type { ResourceLimits } from 'node:worker_threads';
import { superviseWorker } from './supervise-worker';

/** What a progress-job worker posts: progress, then its reply or the error that stopped it (a bug, not a result). */
export type ProgressJobMessage<Progress, Reply> =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'reply'; readonly reply: Reply }
  | { readonly type: 'failed'; readonly message: string };

export interface ProgressJobOptions<Progress> {
  /** Called on this thread for each progress message, in order, before the reply. */
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting terminates the worker at once; the job then rejects with a WorkerJobCancelled. */
  readonly signal?: AbortSignal;
  readonly resourceLimits?: ResourceLimits;
}

/** The job's signal was aborted, and its worker terminated. */
export class WorkerJobCancelled extends Error {
  override readonly name = 'WorkerJobCancelled';
}

/** The worker died (crash, out of memory, exit) or the job threw, before it replied. */
export class WorkerJobFailed extends Error {
  override readonly name = 'WorkerJobFailed';
}

/** @param what names the worker in error messages, e.g. "import worker" */
export function runProgressJob<Progress, Reply>(entry: string, what: string, job: unknown, options: ProgressJobOptions<Progress> = {}): Promise<Reply> {
  const { onProgress, signal } = options;
  const resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: 2048 };
  if (signal?.aborted === true) return Promise.reject(new WorkerJobCancelled(`The ${what} was cancelled.`));
  return superviseWorker<Reply>(
    entry,
    job,
    {
      resourceLimits,
      signal,
      cancelled: () => new WorkerJobCancelled(`The ${what} was cancelled.`),
      died: (reason) => new WorkerJobFailed(`The ${what} failed: ${sentence(reason)}`),
      exited: (code) => new WorkerJobFailed(`The ${what} stopped unexpectedly (exit code ${code}).`),
    },
    (m, settle) => {
      const message = m as ProgressJobMessage<Progress, Reply>;
      if (message.type === 'reply') settle.resolve(message.reply);
      else if (message.type === 'failed') settle.reject(new WorkerJobFailed(`The ${what} failed: ${sentence(message.message)}`));
      else {
        try {
          onProgress?.(message.progress);
        } catch (error) {
          settle.reject(error as Error); // the listener's bug stops the job; it must not escape as an uncaught error
        }
      }
    },
  );
}

/** Ends `text` with a full stop unless it already ends a sentence, so callers can append one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
