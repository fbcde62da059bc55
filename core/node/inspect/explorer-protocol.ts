// The messages between the backend (main thread) and an explorer worker: one job in, one reply out.
// The checkpoint's bytes travel as a transferred ArrayBuffer.
import type { z } from 'zod';
import type { ExplorerSaturation, ExplorerSearch, ExplorerTrace } from '../../common/api/explorer-entities';
import type { explorerSaturationRequestSchema, explorerSearchRequestSchema, explorerTraceRequestSchema } from '../../common/api/explorer-entities';
import type { RunDataset } from '../data/run-spec';

export type ExplorerCall =
  | { readonly call: 'trace'; readonly request: z.output<typeof explorerTraceRequestSchema> }
  | { readonly call: 'search'; readonly request: z.output<typeof explorerSearchRequestSchema> }
  | { readonly call: 'saturation'; readonly request: z.output<typeof explorerSaturationRequestSchema> };

export interface ExplorerJob {
  /** The run's stored spec (validated again in the worker). */
  readonly spec: unknown;
  /** For a run on a registered dataset: its record, so the worker rebuilds the Task from the file. */
  readonly dataset?: RunDataset;
  readonly checkpoint: { readonly kind: 'latest' | 'best'; readonly step: number; readonly bytes: ArrayBuffer };
  readonly what: ExplorerCall;
}

export type ExplorerValue = ExplorerTrace | ExplorerSearch | ExplorerSaturation;
export type ExplorerReply<V = ExplorerValue> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly message: string };
