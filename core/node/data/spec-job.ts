// What a spec worker computes: everything that builds a Task (generating a corpus, reading and parsing a
// dataset file) to validate or describe a spec, so that the backend's main thread never does.
import { parseDatasetEncoder } from '../../common/data/import/encoder';
import { parseExperimentSpec, parseSpecFields } from '../../common/spec/experiment-spec';
import { listTaskInfo } from '../../common/tasks/task-info';
import { resolveRunSpec, type DatasetLookup, type RunDataset } from './run-spec';
import type { LayerInputJob, SpecJob, SpecReplies } from './spec-protocol';
import { resolveSweepSpec } from './sweep-spec';

export async function runSpecJob<J extends SpecJob>(job: J): Promise<SpecReplies[J['kind']]> {
  return (await reply(job)) as SpecReplies[J['kind']];
}

async function reply(job: SpecJob): Promise<SpecReplies[SpecJob['kind']]> {
  switch (job.kind) {
    case 'run': {
      const resolved = await resolveRunSpec(job.spec, lookup(job.datasets));
      return resolved.ok ? { ok: true, spec: resolved.spec, datasetId: resolved.dataset?.id ?? null } : { ok: false, issues: resolved.issues };
    }
    case 'sweep':
      return resolveSweepSpec(job.sweep, lookup(job.datasets));
    case 'task-info':
      return listTaskInfo();
    case 'layer-input':
      return firstLayerInput(job);
  }
}

function lookup(datasets: readonly RunDataset[]): DatasetLookup {
  return (id) => datasets.find((dataset) => dataset.id === id);
}

/** What the first recurrent layer reads: the task's dense features, or the embedding size for token inputs; null when unknown. */
function firstLayerInput({ spec, dataset }: LayerInputJob): number | null {
  const fields = parseSpecFields(spec);
  if (!fields.ok || fields.spec.model.kind !== 'sequence') return null;
  const model = fields.spec.model;
  if (dataset === null) {
    const parsed = parseExperimentSpec(spec);
    if (!parsed.ok) return null;
    return parsed.task.input.kind === 'dense' ? parsed.task.input.features : model.embeddingDim;
  }
  const encoder = parseDatasetEncoder(dataset.encoder, dataset.sourcePath ?? `dataset #${dataset.id}`);
  if (!encoder.ok) return null;
  switch (encoder.value.kind) {
    case 'series':
      return encoder.value.inputs.length;
    case 'labelled':
      return encoder.value.vocabulary === null ? 1 : model.embeddingDim;
    case 'text':
    case 'pairs':
      return model.embeddingDim;
  }
}
