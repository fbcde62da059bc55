// The messages between the backend (main thread) and an attention worker: one job in, one reply out.
// The checkpoint's bytes travel as a transferred ArrayBuffer.
import type { RunAttention } from '../../common/api/entities';
import type { RunDataset } from '../data/run-spec';

export interface AttentionJob {
  /** The run's stored spec (validated again in the worker). */
  readonly spec: unknown;
  /** For a run on a registered dataset: its record, so the worker rebuilds the Task from the file. */
  readonly dataset?: RunDataset;
  readonly checkpoint: { readonly kind: 'latest' | 'best'; readonly step: number; readonly bytes: ArrayBuffer };
  /** Validation examples to decode. */
  readonly count: number;
}

export type AttentionReply = { readonly ok: true; readonly value: RunAttention } | { readonly ok: false; readonly message: string };
