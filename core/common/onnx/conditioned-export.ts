// Exports a trained one-to-many model (ConditionedModel) as two ONNX models that a caller drives
// together, as an encoder–decoder's (seq2seq-export.ts): the condition graph (run once per condition)
// and the decoder-step graph (run once per step, its next state and its own output fed back). Both carry
// the same `seqlab.conditioned` description, told apart by `role` and tied by `pairing`.
//
// Shapes: see conditioned-graphs.ts.

import type { ConditionedModel } from '../models/conditioned/conditioned-model';
import { pairMetadata, wrapGraph } from './model-builder';
import type { onnx } from './proto';
import { encodeModel } from './proto';
import { buildConditionGraph, buildConditionedStepGraph, conditionGraphIo, conditionedStepGraphIo, outputsLogits } from './conditioned-graphs';
import type { ConditionedGraphDescription, ConditionedGraphRole } from './conditioned-metadata';
import { CONDITIONED_METADATA_KEY } from './conditioned-metadata';
import { exportDigest } from './seq2seq-export';

/** For token decoders: the first token every stream reads, and the token that ends a stream (null: none). */
export interface ConditionedTokens {
  readonly start: number;
  readonly end: number | null;
}

export interface ConditionedOnnxOptions {
  /** `producer_version`, e.g. SeqLab's version. */
  readonly producerVersion?: string;
  /** Graph names are `<graphName>_condition` and `<graphName>_step` (default "seqlab_conditioned"). */
  readonly graphName?: string;
  readonly docString?: string;
  /** metadata_props of each graph (e.g. buildConditionedMetadata); `seqlab.graph*` and `seqlab.conditioned` are the exporter's. */
  readonly metadata?: Readonly<Record<ConditionedGraphRole, Readonly<Record<string, string>>>>;
  /** Token decoders only; default start 0, no end token. */
  readonly tokens?: ConditionedTokens;
}

export interface ConditionedOnnxModels {
  readonly condition: onnx.IModelProto;
  readonly step: onnx.IModelProto;
  /** The condition graph's description; the step graph's differs only in `role`. */
  readonly description: ConditionedGraphDescription;
}

/** Builds both ModelProtos (not yet encoded). Throws on a model the graphs cannot express (a bug). */
export function buildConditionedOnnx(model: ConditionedModel, options: ConditionedOnnxOptions = {}): ConditionedOnnxModels {
  const description = describeConditioned(model, options.tokens);
  const name = options.graphName ?? 'seqlab_conditioned';
  // Both checked before either graph is built.
  const metadata = { condition: pairMetadata('buildConditionedOnnx', CONDITIONED_METADATA_KEY, description, 'condition', options.metadata), 'decoder-step': pairMetadata('buildConditionedOnnx', CONDITIONED_METADATA_KEY, description, 'decoder-step', options.metadata) };
  const wrap = (graph: onnx.IGraphProto, role: ConditionedGraphRole): onnx.IModelProto => wrapGraph(graph, metadata[role], options);
  return {
    condition: wrap(buildConditionGraph(model, `${name}_condition`), 'condition'),
    step: wrap(buildConditionedStepGraph(model, `${name}_step`), 'decoder-step'),
    description,
  };
}

/** Builds and encodes both models: the bytes of the two .onnx files. */
export function exportConditionedOnnx(model: ConditionedModel, options: ConditionedOnnxOptions = {}): { condition: Uint8Array; step: Uint8Array; description: ConditionedGraphDescription } {
  const built = buildConditionedOnnx(model, options);
  return { condition: encodeModel(built.condition), step: encodeModel(built.step), description: built.description };
}

/** The description both graphs carry (role 'condition' here). */
export function describeConditioned(model: ConditionedModel, tokens: ConditionedTokens = { start: 0, end: null }): ConditionedGraphDescription {
  const { config, decoder } = model;
  const { embedding } = decoder;
  const O = decoder.head.outFeatures;
  if (embedding !== null) {
    for (const [what, id] of [['start', tokens.start], ['end', tokens.end ?? 0]] as const) {
      if (!(Number.isInteger(id) && id >= 0 && id < embedding.numEmbeddings)) throw new Error(`describeConditioned: the ${what} token ${id} is outside 0..${embedding.numEmbeddings - 1}`);
    }
  }
  return {
    format: 1,
    role: 'condition',
    pairing: exportDigest({ kind: 'conditioned', condition: config.condition, decoderInput: config.decoderInput, outputSize: config.outputSize, cell: config.cell, hiddenSize: config.hiddenSize }, model.params),
    condition: config.condition.kind === 'class' ? { kind: 'class', classes: config.condition.classes } : { kind: 'dense', features: config.condition.features },
    decoder: {
      cell: config.cell,
      hiddenSize: decoder.hiddenSize,
      input: embedding !== null ? { kind: 'tokens', vocabSize: embedding.numEmbeddings, embeddingDim: embedding.embeddingDim } : { kind: 'dense', features: decoder.inputWidth },
    },
    output: { kind: outputsLogits(model) ? 'logits' : 'values', size: O },
    start: embedding !== null ? { kind: 'token', id: tokens.start } : { kind: 'zeros' },
    end: embedding !== null ? tokens.end : null,
    conditionGraph: conditionGraphIo(model),
    stepGraph: conditionedStepGraphIo(model),
  };
}
