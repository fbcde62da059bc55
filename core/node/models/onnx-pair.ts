// Opening a pair of exported graphs that are driven together (an encoder–decoder's encoder and decoder
// step, a one-to-many model's condition graph and decoder step): both files read, both descriptions parsed
// and matched against each other (the kind's GraphPairKind, core/common/onnx/graph-pair.ts), then both
// onnxruntime sessions created (or neither). Every way this can go wrong is an expected failure with a
// message a person can act on.
import { readFile } from 'node:fs/promises';
import type { GraphPairKind, PairDescription } from '../../common/onnx/graph-pair';
import { pairProblem, parsePairDescription } from '../../common/onnx/graph-pair';
import { readMetadata } from '../../common/onnx/proto';
import { OnnxSession } from '../onnx/session';

export type PairOpenFailure = { readonly ok: false; readonly code: 'model-unreadable' | 'not-seqlab'; readonly message: string };

/** Both sessions of an open pair and the first graph's description. */
export interface OpenGraphPair<D> {
  readonly first: OnnxSession;
  readonly step: OnnxSession;
  readonly description: D;
}

/** Closes both sessions of a pair. */
export async function closeGraphPair(pair: OpenGraphPair<unknown>): Promise<void> {
  await pair.first.close();
  await pair.step.close();
}

/** Opens both graphs of `kind` from .onnx paths or bytes; a missing file or a mismatched pair is an expected failure. */
export async function openGraphPair<R extends string, D extends PairDescription<R>>(
  sources: readonly [string | Uint8Array, string | Uint8Array],
  kind: GraphPairKind<R, D>,
): Promise<{ readonly ok: true; readonly pair: OpenGraphPair<D> } | PairOpenFailure> {
  const bytes: Uint8Array[] = [];
  const descriptions: D[] = [];
  for (const [i, source] of sources.entries()) {
    const name = kind.names[i] ?? `graph ${i + 1}`;
    let data: Uint8Array;
    try {
      data = typeof source === 'string' ? await readFile(source) : source;
    } catch (e) {
      return {
        ok: false,
        code: 'model-unreadable',
        message: `Could not read ${String(source)} (${(e as Error).message}). Export the model again if the file was moved or deleted.`,
      };
    }
    let props: Record<string, string>;
    try {
      props = readMetadata(data);
    } catch (e) {
      return { ok: false, code: 'model-unreadable', message: `${name} is not an ONNX model (${(e as Error).message}).` };
    }
    const parsed = parsePairDescription(kind, props);
    if (!parsed.ok) return { ok: false, code: 'not-seqlab', message: `${name}: ${parsed.message}.` };
    bytes.push(data);
    descriptions.push(parsed.description);
  }
  const [first, second] = descriptions;
  if (first === undefined || second === undefined) throw new Error('openGraphPair: two descriptions expected');
  const problem = pairProblem(kind, first, second);
  if (problem !== null) return { ok: false, code: 'not-seqlab', message: `These two files are not one ${kind.model}: ${problem}.` };
  const opened: OnnxSession[] = [];
  for (const b of bytes) {
    const session = await OnnxSession.create(b);
    if (!session.ok) {
      for (const s of opened) await s.close();
      return { ok: false, code: 'model-unreadable', message: session.message };
    }
    opened.push(session.session);
  }
  const [firstSession, stepSession] = opened;
  if (firstSession === undefined || stepSession === undefined) throw new Error('openGraphPair: two sessions expected');
  return { ok: true, pair: { first: firstSession, step: stepSession, description: first } };
}

/**
 * Opens both graphs of `kind` (openGraphPair) and hands them to `drive` (the kind's driver over the two
 * sessions); the result closes both sessions with `close()`.
 */
export async function openDrivenPair<R extends string, D extends PairDescription<R>, T extends object>(
  sources: readonly [string | Uint8Array, string | Uint8Array],
  kind: GraphPairKind<R, D>,
  drive: (pair: OpenGraphPair<D>) => T,
): Promise<{ readonly ok: true; readonly pair: T & Closable } | PairOpenFailure> {
  const opened = await openGraphPair(sources, kind);
  if (!opened.ok) return opened;
  const driven = drive(opened.pair);
  return { ok: true, pair: Object.assign(driven, { close: () => closeGraphPair(opened.pair) }) };
}

/** An open pair: closing it closes both onnxruntime sessions. */
export interface Closable {
  close(): Promise<void>;
}
