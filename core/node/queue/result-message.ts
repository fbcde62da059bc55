// What an agent sends back for a run, one entry of the store's result stream each: the training worker's own
// messages (runner/protocol.ts; checkpoint bytes as base64) and `started`, which opens each attempt. Every
// entry says which attempt of the run it belongs to (fencing: an earlier attempt's late entries are dropped)
// and its place in that attempt (`seq`: 0 for `started`, then 1, 2, …), so a repeated entry is recognised.
import type { WorkerToMain } from '../runner/protocol';

/** A worker message with checkpoint bytes as base64 text. */
export type WireResult =
  | Exclude<WorkerToMain, { type: 'checkpoint' }>
  | (Omit<Extract<WorkerToMain, { type: 'checkpoint' }>, 'bytes'> & { readonly base64: string })
  /** An agent took the run and trains it from `fromStep` (the checkpoint it starts from; 0: the beginning). */
  | { readonly type: 'started'; readonly fromStep: number };

export interface ResultEntry {
  readonly runId: number;
  readonly attempt: number;
  readonly seq: number;
  /** The agent that sent it (its --name). */
  readonly agent: string;
  readonly message: WireResult;
}

/** The stream entry's one field. */
export const ENTRY_FIELD = 'm';

export function toWire(message: WorkerToMain): WireResult {
  if (message.type !== 'checkpoint') return message;
  const { bytes, ...rest } = message;
  return { ...rest, base64: Buffer.from(bytes).toString('base64') };
}

export function fromWire(message: Exclude<WireResult, { type: 'started' }>): WorkerToMain {
  if (message.type !== 'checkpoint') return message;
  const { base64, ...rest } = message;
  const buffer = Buffer.from(base64, 'base64');
  // a fresh ArrayBuffer holding exactly the bytes (a Buffer may be a view into a larger pool)
  const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  return { ...rest, bytes };
}

/** An entry read back from the stream, or null when it is not one of ours (then it is dropped, with a note). */
export function parseEntry(text: string): ResultEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const integer = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!integer(e.runId) || !integer(e.attempt) || !integer(e.seq) || typeof e.agent !== 'string') return null;
  if (typeof e.message !== 'object' || e.message === null || typeof (e.message as { type?: unknown }).type !== 'string') return null;
  return value as ResultEntry;
}
