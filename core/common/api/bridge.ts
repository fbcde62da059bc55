// The shape of `window.seqlab`, which the Electron preload exposes: one method per API call,
// named exactly as the call, each resolving to the backend's ApiResult; plus one event subscription.
import type { ApiCallName, ApiEventName, ApiRequest, ApiResponse } from './contract';
import type { DesktopBridge } from './desktop-bridge';
import type { ApiResult } from './result';

export type PreloadBridge = {
  readonly [N in ApiCallName]: (request: ApiRequest<N>) => Promise<ApiResult<ApiResponse<N>>>;
} & {
  /** Receives every pushed event; returns the function that unsubscribes. */
  readonly onEvent: (listener: (event: ApiEventName, payload: unknown) => void) => () => void;
  /** Native dialogs, Show in folder and the menu's actions (desktop-bridge.ts). */
  readonly desktop: DesktopBridge;
};

/** IPC channel of one call (`seqlab:call:runs.list`), and the one channel events arrive on. */
export const callChannel = (name: ApiCallName): string => `seqlab:call:${name}`;
export const EVENT_CHANNEL = 'seqlab:event';
