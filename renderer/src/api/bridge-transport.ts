// ApiClient over the Electron preload bridge (`window.seqlab`): IPC, validated in the main process.
import type { ApiClient } from '../../../core/common/api/client';
import type { PreloadBridge } from '../../../core/common/api/bridge';
import type { ApiCallName, ApiEvent, ApiEventName, ApiRequest, ApiResponse } from '../../../core/common/api/contract';
import type { ApiResult } from '../../../core/common/api/result';
import { unwrap } from './unwrap';

export function createBridgeClient(bridge: PreloadBridge): ApiClient {
  return {
    async call<N extends ApiCallName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>> {
      const invoke = bridge[name] as (request: ApiRequest<N>) => Promise<ApiResult<ApiResponse<N>>>;
      return unwrap(await invoke(request));
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvent<E>) => void) {
      return bridge.onEvent((name, payload) => {
        if (name === event) listener(payload as ApiEvent<E>);
      });
    },
  };
}
