// How one model kind answers the inference worker (inference-engine.ts dispatches through the facets of
// KIND_FACETS, kind-facets.ts, keyed by the spec's model kind): `describe` and the requests it serves, and
// what it says when a model of its kind is asked for another kind's request. Also what every kind's
// `describe` shares, and how an export is told apart: one graph is a sequence model; a two-graph export
// says its kind in its first graph's metadata (the key of its pair description).
import { readFile } from 'node:fs/promises';
import type { ModelInfo } from '../../common/api/entities';
import { readMetadata } from '../../common/onnx/proto';
import type { EncodingJson, SeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import type { ModelKind } from '../../common/spec/model-spec';
import type { InferenceOutcome, InferenceRequest, ModelRef } from './inference-protocol';
import { pairKey } from './open-pairs';

export type RequestType = InferenceRequest['type'];

export interface InferenceFacet {
  /** The requests besides `describe` a model of this kind answers. */
  readonly serves: readonly RequestType[];
  /** For a two-graph kind: the metadata key its first graph carries (core/common/onnx/graph-pair.ts); null for one graph. */
  readonly pairKey: string | null;
  /** Said when a model of another kind is asked for one of this kind's requests. */
  readonly otherKind: string;
  /** Said when a model of this kind is asked for another kind's request; without it, that kind's `otherKind`. */
  refuse?(type: RequestType): string;
  /** A request of type 'describe' or one of `serves`, for a model of this kind. */
  handle(request: InferenceRequest): Promise<InferenceOutcome<unknown>>;
  close(): Promise<void>;
}

export type InferenceFacets = Readonly<Record<ModelKind, InferenceFacet>>;

/** The symbols of an encoding: feature names, class labels, or the vocabulary's tokens. */
export function symbolsOf(encoding: EncodingJson): string[] {
  switch (encoding.kind) {
    case 'dense':
      return encoding.names;
    case 'classes':
      return encoding.labels;
    case 'tokens':
      return encoding.vocabulary.tokens;
  }
}

/** The fields of ModelInfo that say where a model comes from, read from its SeqLab metadata. */
export function provenanceInfo(ref: ModelRef, metadata: SeqlabMetadata): Pick<ModelInfo, 'exportId' | 'runId' | 'seqlabVersion' | 'task'> {
  return { exportId: ref.exportId, runId: metadata.runId, seqlabVersion: metadata.seqlabVersion, task: { id: metadata.task.id, shape: metadata.task.shape } };
}

/** Tells exports apart by kind, remembering each two-graph export's (read once from its first file). */
export class ExportKinds {
  private readonly kinds = new Map<string, ModelKind>();

  constructor(private readonly facets: InferenceFacets) {}

  async of(ref: ModelRef): Promise<InferenceOutcome<ModelKind>> {
    if (ref.decoderStep === undefined) return { ok: true, value: this.single() };
    const key = pairKey(ref);
    const known = this.kinds.get(key);
    if (known !== undefined) return { ok: true, value: known };
    let props: Record<string, string>;
    try {
      props = readMetadata(await readFile(ref.path));
    } catch (e) {
      // not remembered: the file may come back
      return {
        ok: false,
        code: 'model-unreadable',
        message: `Could not read ${ref.path} as an ONNX model (${(e as Error).message}). Export the model again if the file was moved or deleted.`,
      };
    }
    const entries = Object.entries(this.facets) as [ModelKind, InferenceFacet][];
    const found = entries.find(([, facet]) => facet.pairKey !== null && props[facet.pairKey] !== undefined);
    if (found === undefined) {
      const keys = entries.flatMap(([, f]) => (f.pairKey === null ? [] : [`"${f.pairKey}"`])).join(' or ');
      return {
        ok: false,
        code: 'not-seqlab',
        message: `${ref.path} has no ${keys} metadata, so it is not the first graph of a SeqLab two-graph export; export the model again.`,
      };
    }
    this.kinds.set(key, found[0]);
    return { ok: true, value: found[0] };
  }

  /** The kind exported as one graph. */
  private single(): ModelKind {
    const entry = (Object.entries(this.facets) as [ModelKind, InferenceFacet][]).find(([, f]) => f.pairKey === null);
    if (entry === undefined) throw new Error('ExportKinds: no model kind is exported as one graph');
    return entry[0];
  }

  clear(): void {
    this.kinds.clear();
  }
}
