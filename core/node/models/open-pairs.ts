// The two-graph exports the inference worker keeps open (encoder–decoders, one-to-many models): each pair
// read from its two files — each checked against the SHA-256 recorded at export — and loaded once, then
// kept, the least recently used closed first when more than `capacity` are open.
import { readMetadata } from '../../common/onnx/proto';
import type { SeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { parseSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { readExportedFile } from './read-exported-file';
import type { InferenceOutcome, ModelRef } from './inference-protocol';
import type { PairOpenFailure } from './onnx-pair';

/** At most this many pairs of one kind stay open; the least recently used is closed first. */
export const MAX_OPEN_PAIRS = 4;

/**
 * A pair's two files opened with its kind's `open`, with the SeqLab metadata of the first graph; `refuse`
 * may turn the metadata down (why, or null) before any session is created.
 */
export async function openPairWithMetadata<P>(
  ref: ModelRef,
  first: Uint8Array,
  step: Uint8Array,
  open: (first: Uint8Array, step: Uint8Array) => Promise<{ readonly ok: true; readonly pair: P } | PairOpenFailure>,
  refuse: (metadata: SeqlabMetadata) => string | null = () => null,
): Promise<InferenceOutcome<{ readonly pair: P; readonly metadata: SeqlabMetadata }>> {
  const parsed = parseSeqlabMetadata(readMetadata(first));
  if (!parsed.ok) return { ok: false, code: 'not-seqlab', message: `${ref.path}: ${parsed.message}.` };
  const refusal = refuse(parsed.metadata);
  if (refusal !== null) return { ok: false, code: 'not-seqlab', message: refusal };
  const opened = await open(first, step);
  if (!opened.ok) return opened;
  return { ok: true, value: { pair: opened.pair, metadata: parsed.metadata } };
}

/** Identifies an export's two files as recorded (a re-export under the same path is another pair). */
export const pairKey = (ref: ModelRef): string => `${ref.path}#${ref.sha256 ?? ''}|${ref.decoderStep?.path ?? ''}#${ref.decoderStep?.sha256 ?? ''}`;

export class OpenPairs<L extends { readonly pair: { close(): Promise<void> } }> {
  private readonly pairs = new Map<string, L>();

  constructor(
    /** Names the owner in errors, e.g. "Seq2SeqPairs". */
    private readonly owner: string,
    private readonly capacity: number,
  ) {}

  /** The open pair of `ref`, loading it from both files' bytes (first graph, decoder step) when it is not open. */
  async get(ref: ModelRef, load: (first: Uint8Array, step: Uint8Array) => Promise<InferenceOutcome<L>>): Promise<InferenceOutcome<L>> {
    const step = ref.decoderStep;
    if (step === undefined) throw new Error(`${this.owner}.open: the export has no decoder-step graph`);
    const key = pairKey(ref);
    const cached = this.pairs.get(key);
    if (cached) {
      this.pairs.delete(key); // re-inserted: Map order is recency
      this.pairs.set(key, cached);
      return { ok: true, value: cached };
    }
    const files: Uint8Array[] = [];
    for (const [path, sha256] of [
      [ref.path, ref.sha256],
      [step.path, step.sha256],
    ] as const) {
      const file = await readExportedFile(path, sha256);
      if (!file.ok) return file;
      files.push(file.bytes);
    }
    const loaded = await load(files[0] as Uint8Array, files[1] as Uint8Array);
    if (!loaded.ok) return loaded;
    this.pairs.set(key, loaded.value);
    if (this.pairs.size > this.capacity) {
      const [oldestKey, oldest] = this.pairs.entries().next().value as [string, L];
      this.pairs.delete(oldestKey);
      await oldest.pair.close();
    }
    return loaded;
  }

  async close(): Promise<void> {
    for (const loaded of this.pairs.values()) await loaded.pair.close();
    this.pairs.clear();
  }
}
