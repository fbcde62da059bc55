// An exported SeqLab model opened for inference (inside the inference worker): the onnxruntime
// session, the graph description and SeqLab metadata read from the file itself, the vocabulary or
// labels that encode its inputs and outputs, and one run of the graph from a carried state.
//
// Shapes: T steps, B = 1 (one sequence per call), I input features, O outputs, L layers, D directions, H hidden.

import { datasetCodec, type DatasetCodec } from '../../common/data/import/dataset-codec';
import { Vocabulary } from '../../common/data/vocabulary';
import type { GraphDescription } from '../../common/onnx/model-builder';
import { GRAPH_METADATA_KEY } from '../../common/onnx/model-builder';
import { readMetadata } from '../../common/onnx/proto';
import type { EncodingJson, SeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { parseSeqlabMetadata } from '../../common/onnx/seqlab-metadata';
import { SEQ2SEQ_METADATA_KEY } from '../../common/onnx/seq2seq/seq2seq-metadata';
import { CONDITIONED_METADATA_KEY } from '../../common/onnx/conditioned/conditioned-metadata';
import { OnnxSession } from '../onnx/session';
import { readExportedFile } from './read-exported-file';
import { graphFeeds, graphOutputs } from './onnx-parity';

/** The carried state of one stream: [L*D, 1, H] each (c only for LSTM). */
export interface StreamState {
  h: Float32Array;
  c: Float32Array | null;
}

export interface LoadedModel {
  readonly path: string;
  readonly sha256: string;
  readonly session: OnnxSession;
  readonly graph: GraphDescription;
  readonly metadata: SeqlabMetadata;
  /** Input / output vocabularies of token encodings (null otherwise). */
  readonly inputVocabulary: Vocabulary | null;
  readonly outputVocabulary: Vocabulary | null;
  /** For a model trained on an imported dataset: encodes inputs from, and decodes outputs to, the dataset's units. */
  readonly codec: DatasetCodec | null;
}

export type OpenResult =
  | { readonly ok: true; readonly model: LoadedModel }
  | { readonly ok: false; readonly code: 'model-unreadable' | 'model-changed' | 'not-seqlab'; readonly message: string };

/**
 * Opens a SeqLab .onnx file.
 * @param expectedSha256 the hash recorded at export; a file that changed since is refused
 */
export async function openSeqlabModel(path: string, expectedSha256?: string): Promise<OpenResult> {
  const file = await readExportedFile(path, expectedSha256);
  if (!file.ok) return file;
  const { bytes, sha256 } = file;
  let props: Record<string, string>;
  try {
    props = readMetadata(bytes);
  } catch (e) {
    return { ok: false, code: 'model-unreadable', message: `${path} is not an ONNX model (${(e as Error).message}).` };
  }
  const parsed = parseSeqlabMetadata(props);
  if (!parsed.ok) return { ok: false, code: 'not-seqlab', message: `${path}: ${parsed.message}.` };
  if (props[SEQ2SEQ_METADATA_KEY] !== undefined) {
    return {
      ok: false,
      code: 'not-seqlab',
      message: `${path} is one graph of an exported encoder–decoder; run the pair with models.translate (its export id), not as a single model.`,
    };
  }
  if (props[CONDITIONED_METADATA_KEY] !== undefined) {
    return {
      ok: false,
      code: 'not-seqlab',
      message: `${path} is one graph of an exported one-to-many model; run the pair with models.unroll (its export id), not as a single model.`,
    };
  }
  const graph = parseGraph(props[GRAPH_METADATA_KEY]);
  if (graph === null)
    return { ok: false, code: 'not-seqlab', message: `${path} has no readable "${GRAPH_METADATA_KEY}" metadata; re-export it with this SeqLab.` };
  const opened = await OnnxSession.create(bytes);
  if (!opened.ok) return { ok: false, code: 'model-unreadable', message: opened.message };
  const { metadata } = parsed;
  return {
    ok: true,
    model: {
      path,
      sha256,
      session: opened.session,
      graph,
      metadata,
      inputVocabulary: vocabularyOf(metadata.input.encoding),
      outputVocabulary: vocabularyOf(metadata.output.encoding),
      codec: metadata.datasetCodec === null ? null : datasetCodec(metadata.datasetCodec),
    },
  };
}

function parseGraph(raw: string | undefined): GraphDescription | null {
  if (raw === undefined) return null;
  try {
    const graph = JSON.parse(raw) as GraphDescription;
    return graph.format === 1 ? graph : null;
  } catch {
    return null;
  }
}

function vocabularyOf(encoding: EncodingJson): Vocabulary | null {
  return encoding.kind === 'tokens' ? Vocabulary.fromJSON(encoding.vocabulary) : null;
}

export function zeroState(model: LoadedModel): StreamState {
  const n = model.graph.numLayers * (model.graph.bidirectional ? 2 : 1) * model.graph.hiddenSize;
  return { h: new Float32Array(n), c: model.graph.cell === 'lstm' ? new Float32Array(n) : null };
}

/** What one call of the graph returns: y [T, 1, O] (or [1, O]) and the state after the last step. */
export interface SequenceRun {
  readonly y: Float32Array;
  readonly state: StreamState;
}

/**
 * Runs one sequence (B = 1) from `state` (zeros when null).
 * @param input token ids [T] or features [T, I]
 */
export async function runSequence(
  model: LoadedModel,
  input: { kind: 'tokens'; ids: ArrayLike<number> } | { kind: 'dense'; x: Float32Array },
  state: StreamState | null,
): Promise<SequenceRun> {
  const { graph } = model;
  const from = state ?? zeroState(model);
  const T = input.kind === 'tokens' ? input.ids.length : input.x.length / (graph.input.features ?? 1);
  const feedInput =
    input.kind === 'tokens'
      ? { kind: 'tokens' as const, ids: Int32Array.from(input.ids) }
      : { kind: 'dense' as const, x: input.x, features: graph.input.features ?? 1 };
  const outputs = graphOutputs(await model.session.run(graphFeeds(graph, feedInput, T, 1, [T], from.h, from.c)));
  return { y: outputs.y, state: { h: outputs.hN.slice(), c: outputs.cN ? outputs.cN.slice() : null } };
}
