// explorer.trace, explorer.search, explorer.saturation: a run's hidden states and gates, computed in a
// one-shot worker from its latest or best checkpoint (as runs.attention is). Every page of a long input
// is a call of its own; the main thread only moves the checkpoint's bytes and the numbers.
import type { ApiParsedRequest } from '../../common/api/contract';
import type { ExplorerSaturation, ExplorerSearch, ExplorerTrace } from '../../common/api/explorer-entities';
import { ApiError } from '../../common/api/result';
import { explorerWorkerEntry } from '../inspect/worker-entries';
import type { ExplorerCall, ExplorerJob, ExplorerReply } from '../inspect/explorer-protocol';
import { runWorkerOnce } from '../models/worker-call';
import { CheckpointDamagedError } from '../store/errors';
import type { Store } from '../store/store';
import type { Checkpoint } from '../store/types';
import type { ApiHandlers } from './dispatch';

type Handled = 'explorer.trace' | 'explorer.search' | 'explorer.saturation';

export function createExplorerHandlers(store: Store, workerEntry: string = explorerWorkerEntry): Pick<ApiHandlers, Handled> {
  const explore = async <V>(request: ApiParsedRequest<Handled>, what: ExplorerCall): Promise<V> => {
    const id = request.runId;
    const kind = request.checkpoint;
    const run = store.runs.get(id);
    if (!run) throw new ApiError('not-found', `Run ${id} does not exist (it may have been deleted).`);
    let saved: Checkpoint | undefined;
    try {
      saved = store.checkpoints.load(id, kind);
    } catch (error) {
      if (!(error instanceof CheckpointDamagedError)) throw error;
      throw new ApiError('storage', store.checkpoints.damageMessage(error, 'Nothing was explored'));
    }
    if (!saved) throw new ApiError('not-found', `Run ${id} has no ${kind} checkpoint yet; the explorer reads a trained model.`);
    const dataset = run.datasetId === null ? undefined : store.datasets.get(run.datasetId);
    const bytes = saved.blob.slice().buffer as ArrayBuffer;
    const job: ExplorerJob = { spec: run.spec, ...(dataset ? { dataset } : {}), checkpoint: { kind, step: saved.step, bytes }, what };
    let reply: ExplorerReply<V>;
    try {
      reply = await runWorkerOnce<ExplorerReply<V>>(workerEntry, 'explorer worker', job, [bytes]);
    } catch (error) {
      throw new ApiError('internal', (error as Error).message);
    }
    if (!reply.ok) throw new ApiError('conflict', reply.message);
    return reply.value;
  };
  return {
    'explorer.trace': (request) => explore<ExplorerTrace>(request, { call: 'trace', request }),
    'explorer.search': (request) => explore<ExplorerSearch>(request, { call: 'search', request }),
    'explorer.saturation': (request) => explore<ExplorerSaturation>(request, { call: 'saturation', request }),
  };
}
