// `models.gateLayout`: the gate layout (core/common/onnx/gate-layout-table.ts) of a run's sequence model, or of
// the run an export was made from, sized from the run's stored spec and, for the first layer's input, its task
// or dataset encoder (worked out in the spec worker: building a task can generate a corpus). Nothing is
// trained, loaded or read from a model file.
import type { GateLayoutInfo } from '../../common/api/entities';
import { ApiError } from '../../common/api/result';
import { gateLayoutTable } from '../../common/onnx/gate-layout-table';
import { parseSpecFields } from '../../common/spec/experiment-spec';
import type { SpecService } from '../data/spec-service';
import type { Store } from '../store/store';
import type { ApiHandlers } from './dispatch';
import { inSpecWorker } from './spec-worker-call';

export function createGateLayoutHandler(store: Store, specs: SpecService): Pick<ApiHandlers, 'models.gateLayout'> {
  // A run's spec never changes, so its first layer's input size is worked out once.
  const inputSizes = new Map<number, number | null>();
  return {
    'models.gateLayout': async (request) => {
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
      if (!inputSizes.has(runId)) inputSizes.set(runId, await inSpecWorker(specs.layerInput(run.spec, run.datasetId)));
      const layout: GateLayoutInfo = { runId, exportId, ...gateLayoutTable(model, inputSizes.get(runId) ?? null) };
      return layout;
    },
  };
}
