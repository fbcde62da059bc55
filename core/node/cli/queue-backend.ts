// `--queue URL` of sweep and study run: the backend trains its runs on a queue of agents rather than here. The
// queue is checked first (a wrong password is refused before anything is created), results that waited in
// Redis for this database are stored, and the queue connection is closed after the backend.
import type { ProgressView } from './progress';
import { QueueUnreachableError } from '../queue/queue-error';
import { QueueTrainer } from '../queue/queue-trainer';
import { parseQueueUrl, QueueUrlError } from '../queue/queue-url';
import { databasePathFor, withBackend, type CliApi, type DatabaseUse } from './backend';
import { CliError, EXIT, type CliContext } from './context';

export const QUEUE_OPTION_HELP = `  --queue URL         train the trials on agents (\`seqlab agent --redis URL\`) instead of here: redis://[:PASSWORD@]HOST[:PORT][/DB]
                      or rediss://… (TLS); the sweep's concurrency is then how many trials are on the queue at once`;

export async function withQueueBackend<T>(
  ctx: CliContext,
  dbFlag: string | undefined,
  use: DatabaseUse,
  queueUrl: string | undefined,
  work: (api: CliApi, queue: QueueTrainer | null) => Promise<T>,
): Promise<T> {
  if (queueUrl === undefined) return withBackend(ctx, dbFlag, use, (api) => work(api, null));
  let trainer: QueueTrainer;
  try {
    trainer = await QueueTrainer.connect(parseQueueUrl(queueUrl), databasePathFor(ctx, dbFlag));
  } catch (error) {
    if (error instanceof QueueUrlError || error instanceof QueueUnreachableError) throw new CliError(EXIT.usage, error.message);
    throw error;
  }
  try {
    return await withBackend(
      ctx,
      dbFlag,
      use,
      async (api) => {
        await trainer.start(api.backend.runner);
        return work(api, trainer);
      },
      { remote: (store) => trainer.useStore(store) },
    );
  } finally {
    await trainer.close();
  }
}

/** Notes in the progress view which agent trains each run. */
export function showAgents(queue: QueueTrainer | null, view: ProgressView, labelOf: (runId: number) => string): void {
  if (queue) queue.onAgent = (runId, agent) => view.note(`${labelOf(runId)}: on agent ${agent}`);
}
