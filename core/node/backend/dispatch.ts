// The single entry every transport calls: validates the call name and payload, runs the handler,
// and wraps the outcome in an ApiResult. Transports add only their own checks (sender, token, origin).
import { assertCallName, parseRequest } from '../../common/api/validate';
import { ApiError, type ApiResult } from '../../common/api/result';
import type { ApiCallName, ApiParsedRequest, ApiResponse } from '../../common/api/contract';

export type ApiHandlers = {
  [N in ApiCallName]: (request: ApiParsedRequest<N>) => ApiResponse<N> | Promise<ApiResponse<N>>;
};

export interface Dispatcher {
  dispatch(name: unknown, payload: unknown): Promise<ApiResult<unknown>>;
}

/** `onInternalError` sees unexpected exceptions (bugs), which reach the caller only as a generic message. */
export function createDispatcher(handlers: ApiHandlers, onInternalError: (name: string, error: unknown) => void): Dispatcher {
  return {
    async dispatch(name, payload) {
      try {
        assertCallName(name);
        const request = parseRequest(name, payload);
        const handler = handlers[name] as (request: unknown) => unknown;
        return { ok: true, value: await handler(request) };
      } catch (error) {
        if (error instanceof ApiError) return { ok: false, error: error.toBody() };
        onInternalError(String(name), error);
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'internal', message: `SeqLab failed while handling ${String(name)}: ${detail}` } };
      }
    },
  };
}
