// A model exported as two ONNX graphs that a caller drives together — a first graph run once per input
// (an encoder–decoder's encoder, a one-to-many model's condition graph) and a decoder step run once per
// output step, its next state fed back. What every such kind shares is here, once: the description both
// graphs carry under the kind's metadata key (told apart by `role`, tied by `pairing`, a digest of the
// configuration and weights), reading it back, checking that two graphs belong together, and wrapping
// both graphs with their metadata. A kind supplies its `GraphPairKind` (seq2seq/seq2seq-metadata.ts,
// conditioned/conditioned-metadata.ts), its two graph builders, and its `PairExport`: what its export
// writes and how its parity is traced, run by core/node on onnxruntime sessions.
import type { z } from 'zod';
import type { Param } from '../nn/param';
import type { Task } from '../tasks/task';
import { pairMetadata, wrapGraph } from './model-builder';
import type { ParityCaseResult } from './parity';
import type { onnx } from './proto';
import type { ExportProvenance } from './seqlab-metadata';

/** The second graph of every pair. */
export const DECODER_STEP_ROLE = 'decoder-step';

/** The fields every pair description has, whatever its kind. */
export interface PairDescription<FirstRole extends string> {
  readonly role: FirstRole | typeof DECODER_STEP_ROLE;
  readonly pairing: string;
}

/** What tells one kind's pair apart: where its description lives, its schema, and how the pair is named to a person. */
export interface GraphPairKind<FirstRole extends string, D extends PairDescription<FirstRole>> {
  /** The metadata key of the JSON description, e.g. `seqlab.seq2seq` (kept: exports in users' databases carry it). */
  readonly key: string;
  readonly schema: z.ZodType<D>;
  readonly firstRole: FirstRole;
  /** e.g. 'encoder' → graph names `<graphName>_encoder`, `<graphName>_step' */
  readonly graphSuffix: string;
  /** e.g. 'the encoder' — "the first graph is the decoder-step graph, not the encoder" */
  readonly firstIs: string;
  /** e.g. ['the encoder graph', 'the decoder-step graph'] */
  readonly names: readonly [string, string];
  /** e.g. 'SeqLab encoder–decoder' — "one graph of a …", "not one …" */
  readonly model: string;
  /** The default graph name, e.g. 'seqlab_seq2seq'. */
  readonly defaultGraphName: string;
}

export type PairParse<D> = { readonly ok: true; readonly description: D } | { readonly ok: false; readonly message: string };

/** The description of a graph read back from its metadata, or why it is not one graph of this kind's pair. */
export function parsePairDescription<R extends string, D extends PairDescription<R>>(
  kind: GraphPairKind<R, D>,
  props: Readonly<Record<string, string>>,
): PairParse<D> {
  const raw = props[kind.key];
  if (raw === undefined) return { ok: false, message: `the model has no "${kind.key}" metadata, so it is not one graph of a ${kind.model}` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: `"${kind.key}" is not JSON` };
  }
  const parsed = kind.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `"${kind.key}" is not valid: ${issue ? `${issue.path.join('.') || '(value)'}: ${issue.message}` : 'unknown shape'}` };
  }
  return { ok: true, description: parsed.data };
}

/** Why a first graph and a step graph do not belong together, or null when they do. */
export function pairProblem<R extends string, D extends PairDescription<R>>(kind: GraphPairKind<R, D>, first: D, step: D): string | null {
  if (first.role !== kind.firstRole) return `the first graph is the ${first.role} graph, not ${kind.firstIs}`;
  if (step.role !== DECODER_STEP_ROLE) return `the second graph is the ${step.role} graph, not the decoder step`;
  if (first.pairing !== step.pairing) return `the graphs come from different exports (pairing ${first.pairing} and ${step.pairing}); export the model again`;
  return null;
}

export interface GraphPairOptions<R extends string> {
  /** `producer_version`, e.g. SeqLab's version. */
  readonly producerVersion?: string;
  /** Graph names are `<graphName>_<graphSuffix>` and `<graphName>_step` (default: the kind's). */
  readonly graphName?: string;
  readonly docString?: string;
  /** metadata_props of each graph (e.g. buildSeq2SeqMetadata); `seqlab.graph*` and the kind's key are the exporter's. */
  readonly metadata?: Readonly<Record<R | typeof DECODER_STEP_ROLE, Readonly<Record<string, string>>>>;
}

/** Both ModelProtos of a pair (not yet encoded). */
export interface GraphPairModels<D> {
  readonly first: onnx.IModelProto;
  readonly step: onnx.IModelProto;
  /** The first graph's description; the step graph's differs only in `role`. */
  readonly description: D;
}

/** Wraps the two graphs with their metadata; both checked before either graph is built. */
export function buildGraphPair<R extends string, D extends PairDescription<R>>(
  where: string,
  kind: GraphPairKind<R, D>,
  description: D,
  build: { readonly first: (name: string) => onnx.IGraphProto; readonly step: (name: string) => onnx.IGraphProto },
  options: GraphPairOptions<R>,
): GraphPairModels<D> {
  const name = options.graphName ?? kind.defaultGraphName;
  const firstMetadata = pairMetadata(where, kind.key, description, kind.firstRole, options.metadata);
  const stepMetadata = pairMetadata(where, kind.key, description, DECODER_STEP_ROLE, options.metadata);
  return {
    first: wrapGraph(build.first(`${name}_${kind.graphSuffix}`), firstMetadata, options),
    step: wrapGraph(build.step(`${name}_step`), stepMetadata, options),
    description,
  };
}

/**
 * 16 hex digits: two FNV-1a 32-bit hashes (different offset bases) over a JSON-able configuration and the
 * parameter names, shapes and float32 bytes, so the two graphs of one export — and only those — share it.
 */
export function exportDigest(config: unknown, params: readonly Param[]): string {
  let a = 0x811c9dc5,
    b = 0x050c5d1f;
  const mix = (byte: number): void => {
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x01000193);
  };
  const text = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      mix(code & 0xff);
      mix(code >>> 8);
    }
  };
  text(JSON.stringify(config));
  const word = new Float32Array(1);
  const bytes = new Uint8Array(word.buffer);
  for (const p of params) {
    text(`${p.name}[${p.shape.join(',')}]`);
    for (let i = 0; i < p.data.length; i++) {
      word[0] = p.data[i]!;
      for (let j = 0; j < 4; j++) mix(bytes[j]!);
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** One input or output of a graph run: float32 values or int64 ids / lengths, row-major, and its shape. */
export interface GraphTensor {
  readonly data: Float32Array | BigInt64Array;
  readonly dims: readonly number[];
}

/**
 * Runs one graph on named feeds (in core/node: an onnxruntime session). Drivers of a pair are written
 * against this, so a kind's stepping logic stays in core/common.
 */
export interface GraphRunner {
  run(feeds: Record<string, GraphTensor>): Promise<Record<string, GraphTensor>>;
}

/** int64 tensor of whole numbers (ids, lengths). */
export function int64Feed(values: ArrayLike<number>, dims: readonly number[]): GraphTensor {
  return { data: BigInt64Array.from(Array.from(values, (v) => BigInt(v))), dims };
}

/** A float output of a run; a missing or non-float one is a bug in the graph (`owner` names the driver). */
export function floatOutput(outputs: Record<string, GraphTensor>, name: string, owner: string): Float32Array {
  const t = outputs[name];
  if (t === undefined || !(t.data instanceof Float32Array)) throw new Error(`${owner}: the graph has no float output "${name}"`);
  return t.data;
}

/** Both graphs of an open pair, each run by a GraphRunner, and the first graph's description. */
export interface RunnablePair<D> {
  readonly first: GraphRunner;
  readonly step: GraphRunner;
  readonly description: D;
}

/** What every graph of one export is called: `producer_version`, the graph name prefix and the doc string. */
export interface GraphNaming {
  readonly producerVersion: string;
  readonly graphName: string;
  readonly docString: string;
}

/** What a two-graph kind contributes to its export; writing, hashing, opening and the report are the caller's. */
export interface PairExport<M, R extends string, D extends PairDescription<R>> {
  readonly pair: GraphPairKind<R, D>;
  /** The bytes of the first graph and of the decoder step, with the task's metadata and the export's provenance. */
  graphs(model: M, task: Task, naming: GraphNaming, provenance: ExportProvenance): { readonly first: Uint8Array; readonly step: Uint8Array };
  /** SeqLab's parity cases (seeded by the run's seed) traced through the written pair and compared with SeqLab's own. */
  parity(model: M, task: Task, seed: number, pair: RunnablePair<D>): Promise<ParityCaseResult[]>;
}
