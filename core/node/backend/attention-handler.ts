// runs.attention: a seq2seq run's attention maps on its validation examples, decoded in a one-shot
// worker from the run's latest or best checkpoint.
import { ApiError } from '../../common/api/result';
import { attentionWorkerEntry } from '../inspect/worker-entries';
import type { AttentionJob, AttentionReply } from '../inspect/attention-protocol';
import { runWorkerOnce } from '../models/worker-call';
import { CheckpointDamagedError } from '../store/errors';
import type { Store } from '../store/store';
import type { Checkpoint } from '../store/types';
import type { ApiHandlers } from './dispatch';

export function createAttentionHandler(store: Store, workerEntry: string = attentionWorkerEntry): Pick<ApiHandlers, 'runs.attention'> {
  return {
    'runs.attention': async ({ id, checkpoint: kind, count }) => {
      const run = store.runs.get(id);
      if (!run) throw new ApiError('not-found', `Run ${id} does not exist (it may have been deleted).`);
      let saved: Checkpoint | undefined;
      try {
        saved = store.checkpoints.load(id, kind);
      } catch (error) {
        if (!(error instanceof CheckpointDamagedError)) throw error;
        throw new ApiError('storage', store.checkpoints.damageMessage(error, 'No attention was read from it'));
      }
      if (!saved) throw new ApiError('not-found', `Run ${id} has no ${kind} checkpoint yet; attention is read from a trained model.`);
      const dataset = run.datasetId === null ? undefined : store.datasets.get(run.datasetId);
      const bytes = saved.blob.slice().buffer as ArrayBuffer;
      const job: AttentionJob = { spec: run.spec, ...(dataset ? { dataset } : {}), checkpoint: { kind, step: saved.step, bytes }, count };
      let reply: AttentionReply;
      try {
        reply = await runWorkerOnce<AttentionReply>(workerEntry, 'attention worker', job, [bytes]);
      } catch (error) {
        throw new ApiError('internal', (error as Error).message);
      }
      if (!reply.ok) throw new ApiError('conflict', reply.message);
      return reply.value;
    },
  };
}
