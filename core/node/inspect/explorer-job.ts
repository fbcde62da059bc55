// What the explorer worker does with one job: rebuild the run's task and trained model from its spec and
// checkpoint, then compute the call (core/common/explore/explorer-calls.ts). A one-to-many model is refused.
import type { ExplorerModel } from '../../common/explore/explorer-calls';
import { explorerSaturation, explorerSearch, explorerTrace } from '../../common/explore/explorer-calls';
import { formatSpecIssues } from '../../common/spec/experiment-spec';
import { taskForRun } from '../data/run-spec';
import { restoreTrainedModel } from '../models/restore-model';
import type { ExplorerJob, ExplorerReply } from './explorer-protocol';

export async function runExplorerJob(job: ExplorerJob): Promise<ExplorerReply> {
  const parsed = await taskForRun(job.spec, job.dataset);
  if (!parsed.ok) return { ok: false, message: `The run's spec is no longer valid, so its model cannot be rebuilt:\n${formatSpecIssues(parsed.issues)}` };
  const kind = parsed.spec.model.kind;
  if (kind === 'conditioned')
    return {
      ok: false,
      message:
        'The explorer reads sequence models and encoder–decoders; this run trains a one-to-many model (a decoder started from a condition), which it does not trace yet.',
    };
  const bytes = new Uint8Array(job.checkpoint.bytes);
  let model: ExplorerModel;
  if (kind === 'sequence') {
    const restored = restoreTrainedModel(parsed, bytes, 'sequence');
    if (!restored.ok) return { ok: false, message: restored.message };
    model = { kind, model: restored.model };
  } else {
    const restored = restoreTrainedModel(parsed, bytes, 'seq2seq');
    if (!restored.ok) return { ok: false, message: restored.message };
    model = { kind, model: restored.model };
  }
  const checkpoint = { kind: job.checkpoint.kind, step: job.checkpoint.step };
  const { what } = job;
  switch (what.call) {
    case 'trace':
      return explorerTrace(parsed.task, model, what.request, checkpoint);
    case 'search':
      return explorerSearch(parsed.task, model, what.request);
    case 'saturation':
      return explorerSaturation(parsed.task, model, what.request, checkpoint);
  }
}
