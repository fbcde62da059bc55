// Picks the transport once: the Electron preload bridge when present, else the local server with its token.
// The token arrives once in the URL fragment (#token=…), is kept for this tab's session, and removed from the address bar.
import type { ApiClient } from '../../../core/common/api/client';
import { createBridgeClient } from './bridge-transport';
import { createHttpFileTransfer } from './file-transfer';
import { setFileTransfer } from './files-api';
import { createHttpClient } from './http-transport';

const TOKEN_KEY = 'seqlab.token';

export type ClientConnection = { ok: true; client: ApiClient } | { ok: false; reason: string };

export function connectClient(): ClientConnection {
  if (window.seqlab) return { ok: true, client: createBridgeClient(window.seqlab) };
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)?.[1];
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(fromHash));
    history.replaceState(null, '', `${window.location.pathname}#/experiments`);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    return {
      ok: false,
      reason:
        'This page needs the access token of the running SeqLab server. Open the full address that `npm run serve` printed in the terminal (it ends in #token=…).',
    };
  }
  // Files move beside the API, with the same token (uploads of datasets, downloads of exports and reports).
  setFileTransfer(createHttpFileTransfer(token));
  return { ok: true, client: createHttpClient(token) };
}
