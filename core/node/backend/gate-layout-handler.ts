// `models.gateLayout`: the gate layout (core/common/onnx/model-gate-layout.ts) of a run's model — its recurrent
// stack, or an encoder–decoder's encoder and decoder cell, or a conditioned model's decoder cell — or of the run
// an export was made from, sized from the run's stored spec and its task's or dataset's encodings (worked out in
// the spec worker: building a task can generate a corpus). Nothing is trained, loaded or read from a model file.
import type { GateLayoutInfo } from '../../common/api/entities';
import { ApiError } from '../../common/api/result';
import { modelGateLayout, type LayerSizes } from '../../common/onnx/model-gate-layout';
import { parseSpecFields } from '../../common/spec/experiment-spec';
import type { SpecService } from '../data/spec-service';
import type { Store } from '../store/store';
import type { ApiHandlers } from './dispatch';
import { inSpecWorker } from './spec-worker-call';

export function createGateLayoutHandler(store: Store, specs: SpecService): Pick<ApiHandlers, 'models.gateLayout'> {
  // A run's spec never changes, so its task's sizes are worked out once.
  const sizes = new Map<number, LayerSizes | null>();
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
      if (!sizes.has(runId)) sizes.set(runId, await inSpecWorker(specs.layerSizes(run.spec, run.datasetId)));
      const layout: GateLayoutInfo = { runId, exportId, stacks: modelGateLayout(fields.spec.model, sizes.get(runId) ?? null) };
      return layout;
    },
  };
}
