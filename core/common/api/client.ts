// What any client of the API sees, whatever the transport: typed calls and typed event subscriptions.
import type { ApiCallName, ApiEvent, ApiEventName, ApiRequest, ApiResponse } from './contract';

export interface ApiClient {
  /** Resolves with the response, or rejects with an `ApiError` carrying the backend's code and message. */
  call<N extends ApiCallName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>>;
  /** Subscribes to a pushed event; returns the function that unsubscribes. */
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvent<E>) => void): () => void;
}
