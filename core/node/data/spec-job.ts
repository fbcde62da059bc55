// What a spec worker computes: everything that builds a Task (generating a corpus, reading and parsing a
// dataset file) to validate or describe a spec, so that the backend's main thread never does.
import { parseDatasetEncoder } from '../../common/data/import/encoder';
import type { LayerSizes } from '../../common/onnx/model-gate-layout';
import { parseExperimentSpec, parseSpecFields } from '../../common/spec/experiment-spec';
import type { Encoding } from '../../common/tasks/task';
import { listTaskInfo } from '../../common/api/task-info';
import { resolveRunSpec, type DatasetLookup, type RunDataset } from './run-spec';
import type { LayerInputJob, SpecJob, SpecReplies } from './spec-protocol';
import { resolveSweepSpec } from './sweep-spec';

export async function runSpecJob<J extends SpecJob>(job: J): Promise<SpecReplies[J['kind']]> {
  return (await reply(job)) as SpecReplies[J['kind']];
}

async function reply(job: SpecJob): Promise<SpecReplies[SpecJob['kind']]> {
  switch (job.kind) {
    case 'run': {
      const resolved = await resolveRunSpec(job.spec, lookup(job.datasets), job.limits);
      return resolved.ok
        ? { ok: true, spec: resolved.spec, datasetId: resolved.dataset?.id ?? null, estimate: resolved.estimate }
        : { ok: false, issues: resolved.issues, estimate: resolved.estimate };
    }
    case 'sweep':
      return resolveSweepSpec(job.sweep, lookup(job.datasets), job.limits);
    case 'task-info':
      return listTaskInfo();
    case 'layer-input':
      return layerSizes(job);
  }
}

function lookup(datasets: readonly RunDataset[]): DatasetLookup {
  return (id) => datasets.find((dataset) => dataset.id === id);
}

/** The dense feature counts the task feeds the model and asks of it (null for tokens or classes); null when unknown. */
function layerSizes({ spec, dataset }: LayerInputJob): LayerSizes | null {
  const fields = parseSpecFields(spec);
  if (!fields.ok) return null;
  if (dataset === null) {
    const parsed = parseExperimentSpec(spec);
    if (!parsed.ok) return null;
    return { inputFeatures: denseFeatures(parsed.task.input), outputFeatures: denseFeatures(parsed.task.output) };
  }
  // A dataset's encoder says as much without reading its file.
  const encoder = parseDatasetEncoder(dataset.encoder, dataset.sourcePath ?? `dataset #${dataset.id}`);
  if (!encoder.ok) return null;
  switch (encoder.value.kind) {
    case 'series':
      return { inputFeatures: encoder.value.inputs.length, outputFeatures: null };
    case 'labelled':
      return { inputFeatures: encoder.value.vocabulary === null ? 1 : null, outputFeatures: null };
    case 'text':
    case 'pairs':
      return { inputFeatures: null, outputFeatures: null };
  }
}

function denseFeatures(encoding: Encoding): number | null {
  return encoding.kind === 'dense' ? encoding.features : null;
}
