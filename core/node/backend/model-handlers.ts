// API handlers for models: export a run's model (ONNX with its parity report, or safetensors), list
// exports, and the playground's inference calls, which run in the inference worker.
import { ApiError, type ApiErrorCode } from '../../common/api/result';
import type { ModelResult, ModelService } from '../models/model-service';
import type { InferenceFailureCode, InferenceOutcome, InferenceRequest, InferenceValues, ModelRef } from '../models/inference-protocol';
import type { ApiHandlers } from './dispatch';

type ModelHandlers = Pick<
  ApiHandlers,
  | 'models.export'
  | 'models.list'
  | 'models.describe'
  | 'models.predict'
  | 'models.example'
  | 'models.forecast'
  | 'models.generate'
  | 'models.translate'
  | 'models.unroll'
>;

/** How each expected inference failure reaches the caller. */
const INFERENCE_ERROR: Readonly<Record<InferenceFailureCode, ApiErrorCode>> = {
  'model-unreadable': 'not-found',
  'model-changed': 'conflict',
  'not-seqlab': 'conflict',
  unsupported: 'conflict',
  'invalid-input': 'invalid-request',
  'unknown-stream': 'not-found',
};

function unwrap<T>(result: ModelResult<T>): T {
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.issues);
  return result.value;
}

export function createModelHandlers(models: ModelService): ModelHandlers {
  const infer = async <K extends InferenceRequest['type']>(
    exportId: number,
    build: (model: ModelRef) => Extract<InferenceRequest, { type: K }>,
  ): Promise<InferenceValues[K]> => {
    const model = unwrap(models.modelRef(exportId));
    const outcome: InferenceOutcome<InferenceValues[K]> = await models.inference.request<K>(build(model));
    if (!outcome.ok) {
      const code = INFERENCE_ERROR[outcome.code];
      throw new ApiError(code, outcome.message, code === 'invalid-request' ? [{ path: 'input', message: outcome.message }] : undefined);
    }
    return outcome.value;
  };

  return {
    'models.export': async (request) => unwrap(await models.export(request)),
    'models.list': ({ runId }) => models.list(runId),
    'models.describe': ({ exportId }) => infer<'describe'>(exportId, (model) => ({ type: 'describe', model })),
    'models.predict': ({ exportId, input }) => infer<'predict'>(exportId, (model) => ({ type: 'predict', model, input })),
    'models.example': ({ exportId, index, steps }) => infer<'example'>(exportId, (model) => ({ type: 'example', model, index, steps })),
    'models.forecast': ({ exportId, values, steps }) => infer<'forecast'>(exportId, (model) => ({ type: 'forecast', model, values, steps })),
    'models.generate': ({ exportId, ...generate }) => infer<'generate'>(exportId, (model) => ({ type: 'generate', model, ...generate })),
    'models.translate': ({ exportId, ...translate }) => infer<'translate'>(exportId, (model) => ({ type: 'translate', model, ...translate })),
    'models.unroll': ({ exportId, ...unroll }) => infer<'unroll'>(exportId, (model) => ({ type: 'unroll', model, ...unroll })),
  };
}
