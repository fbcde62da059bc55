// The worker's end of a progress job (progress-job.ts): takes the one job it is sent, posts progress while it
// works, then its reply, or the message of the error that stopped it.
import { parentPort } from 'node:worker_threads';
import type { ProgressJobMessage } from './progress-job';

/** Call once in a worker entry; `work` reports progress through its second argument. */
export function serveProgressJob<Job, Progress, Reply>(what: string, work: (job: Job, progress: (progress: Progress) => void) => Promise<Reply>): void {
  const port = parentPort;
  if (port === null) throw new Error(`${what}: this module is a worker thread entry; start it with spawnWorker`);
  const post = (message: ProgressJobMessage<Progress, Reply>): void => port.postMessage(message);
  port.once('message', (job: Job) => {
    void work(job, (progress) => post({ type: 'progress', progress })).then(
      (reply) => post({ type: 'reply', reply }),
      (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  });
}
