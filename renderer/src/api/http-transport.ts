// ApiClient over `npm run serve`: POST /api/call/<name> with the launch token, events over one WebSocket
// that reconnects with back-off when the server restarts.
import type { ApiClient } from '../../../core/common/api/client';
import type { ApiCallName, ApiEvent, ApiEventName, ApiRequest, ApiResponse } from '../../../core/common/api/contract';
import { ApiError, type ApiResult } from '../../../core/common/api/result';
import { unwrap } from './unwrap';

type Listener = (payload: unknown) => void;

export function createHttpClient(token: string, origin = window.location.origin): ApiClient {
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  function connect(): void {
    const url = `${origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
    };
  }

  return {
    async call<N extends ApiCallName>(name: N, request: ApiRequest<N>): Promise<ApiResponse<N>> {
      let response: Response;
      try {
        response = await fetch(`${origin}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(request ?? {}),
        });
      } catch {
        throw new ApiError('internal', 'Cannot reach the SeqLab server. Is `npm run serve` still running?');
      }
      return unwrap((await response.json()) as ApiResult<ApiResponse<N>>);
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvent<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      if (!socket) connect();
      return () => {
        set.delete(listener as Listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
  };
}
