// `models.gateLayout`: the gate layout (core/common/onnx/gate-layout-table.ts) of a run's sequence model, or of
// the run an export was made from, sized from the run's stored spec and, for the first layer's input, its task
// or dataset encoder. Nothing is trained, loaded or read from a model file.
import type { GateLayoutInfo } from '../../common/api/entities';
import { ApiError } from '../../common/api/result';
import { parseDatasetEncoder } from '../../common/data/import/encoder';
import { gateLayoutTable } from '../../common/onnx/gate-layout-table';
import { parseExperimentSpec, parseSpecFields } from '../../common/spec/experiment-spec';
import type { SequenceModelSpec } from '../../common/spec/model-spec';
import type { Store } from '../store/store';
import type { Run } from '../store/types';
import type { ApiHandlers } from './dispatch';

export function createGateLayoutHandler(store: Store): Pick<ApiHandlers, 'models.gateLayout'> {
  // A run's spec never changes, and building its task (e.g. generating a corpus) can take a tenth of a second.
  const inputSizes = new Map<number, number | null>();
  return {
    'models.gateLayout': (request) => {
      let exportId: number | null = null;
      let runId: number;
      if ('exportId' in request) {
        const record = store.exports.get(request.exportId);
        if (!record) throw new ApiError('not-found', `Export ${request.exportId} does not exist (its run may have been deleted).`);
        exportId = record.id;
        runId = record.runId;
      } else {
        runId = request.runId;
      }
      const run = store.runs.get(runId);
      if (!run) throw new ApiError('not-found', `Run ${runId} does not exist (it may have been deleted).`);
      const fields = parseSpecFields(run.spec);
      if (!fields.ok) throw new ApiError('conflict', `Run ${runId}'s spec is no longer valid, so its layers cannot be laid out.`);
      const model = fields.spec.model;
      if (model.kind !== 'sequence') throw new ApiError('conflict', `Run ${runId} trains a ${model.kind} model; the gate layout is shown for sequence models (one recurrent stack).`);
      if (!inputSizes.has(runId)) inputSizes.set(runId, firstLayerInput(store, run, model));
      const layout: GateLayoutInfo = { runId, exportId, ...gateLayoutTable(model, inputSizes.get(runId) ?? null) };
      return layout;
    },
  };
}

/** What the first recurrent layer reads: the task's dense features, or the embedding size for token inputs; null when unknown. */
function firstLayerInput(store: Store, run: Run, model: SequenceModelSpec): number | null {
  if (run.datasetId === null) {
    const parsed = parseExperimentSpec(run.spec);
    if (!parsed.ok) return null;
    return parsed.task.input.kind === 'dense' ? parsed.task.input.features : model.embeddingDim;
  }
  const dataset = store.datasets.get(run.datasetId);
  if (!dataset) return null;
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
