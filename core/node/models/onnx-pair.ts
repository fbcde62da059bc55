// Opening a pair of exported graphs that are driven together (an encoder–decoder's encoder and decoder
// step, a one-to-many model's condition graph and decoder step): both files read, both descriptions parsed
// and matched against each other, then both onnxruntime sessions created (or neither). Every way this can
// go wrong is an expected failure with a message a person can act on.
import { readFile } from 'node:fs/promises';
import { readMetadata } from '../../common/onnx/proto';
import { OnnxSession } from '../onnx/session';

export type PairOpenFailure = { readonly ok: false; readonly code: 'model-unreadable' | 'not-seqlab'; readonly message: string };

export interface PairSpec<D> {
  /** e.g. ['the encoder graph', 'the decoder-step graph'] */
  readonly names: readonly [string, string];
  /** e.g. 'one SeqLab encoder–decoder' */
  readonly what: string;
  /** The graph's description from its metadata_props, or why there is none. */
  parse(props: Record<string, string>): { readonly ok: true; readonly description: D } | { readonly ok: false; readonly message: string };
  /** Why the two descriptions do not belong together, or null. */
  mismatch(first: D, second: D): string | null;
}

export async function openGraphPair<D>(sources: readonly [string | Uint8Array, string | Uint8Array], spec: PairSpec<D>): Promise<{ readonly ok: true; readonly sessions: readonly [OnnxSession, OnnxSession]; readonly description: D } | PairOpenFailure> {
  const bytes: Uint8Array[] = [];
  const descriptions: D[] = [];
  for (const [i, source] of sources.entries()) {
    try {
      bytes.push(typeof source === 'string' ? await readFile(source) : source);
    } catch (e) {
      return { ok: false, code: 'model-unreadable', message: `Could not read ${source as string} (${(e as Error).message}). Export the model again if the file was moved or deleted.` };
    }
    let props: Record<string, string>;
    try {
      props = readMetadata(bytes[i] as Uint8Array);
    } catch (e) {
      return { ok: false, code: 'model-unreadable', message: `${spec.names[i]} is not an ONNX model (${(e as Error).message}).` };
    }
    const parsed = spec.parse(props);
    if (!parsed.ok) return { ok: false, code: 'not-seqlab', message: `${spec.names[i]}: ${parsed.message}.` };
    descriptions.push(parsed.description);
  }
  const [first, second] = descriptions as [D, D];
  const problem = spec.mismatch(first, second);
  if (problem !== null) return { ok: false, code: 'not-seqlab', message: `These two files are not ${spec.what}: ${problem}.` };
  const opened: OnnxSession[] = [];
  for (const b of bytes) {
    const session = await OnnxSession.create(b);
    if (!session.ok) {
      for (const s of opened) await s.close();
      return { ok: false, code: 'model-unreadable', message: session.message };
    }
    opened.push(session.session);
  }
  return { ok: true, sessions: [opened[0] as OnnxSession, opened[1] as OnnxSession], description: first };
}
