// Exports a trained one-to-many model (ConditionedModel) as two ONNX models that a caller drives
// together, as an encoder–decoder's (seq2seq-export.ts): the condition graph (run once per condition)
// and the decoder-step graph (run once per step, its next state and its own output fed back). Both carry
// the same `seqlab.conditioned` description, told apart by `role` and tied by `pairing`.
//
// Shapes: see conditioned-graphs.ts.

import type { ConditionedModel } from '../../models/conditioned/conditioned-model';
import { BOS_ID, EOS_ID } from '../../data/vocabulary';
import type { Task } from '../../tasks/task';
import type { GraphPairOptions, PairExport } from '../graph-pair';
import { buildGraphPair, exportDigest } from '../graph-pair';
import type { onnx } from '../proto';
import { encodeModel } from '../proto';
import { buildConditionGraph, buildConditionedStepGraph, conditionGraphIo, conditionedStepGraphIo, outputsLogits } from './conditioned-graphs';
import { ConditionedDriver } from './conditioned-driver';
import type { ConditionedGraphDescription } from './conditioned-metadata';
import { CONDITIONED_PAIR, buildConditionedMetadata } from './conditioned-metadata';
import { compareConditionedTrace, conditionedParityCases } from './conditioned-parity';

/** For token decoders: the first token every stream reads, and the token that ends a stream (null: none). */
export interface ConditionedTokens {
  readonly start: number;
  readonly end: number | null;
}

export interface ConditionedOnnxOptions extends GraphPairOptions<'condition'> {
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
  const graphs = { first: (name: string) => buildConditionGraph(model, name), step: (name: string) => buildConditionedStepGraph(model, name) };
  const built = buildGraphPair('buildConditionedOnnx', CONDITIONED_PAIR, describeConditioned(model, options.tokens), graphs, options);
  return { condition: built.first, step: built.step, description: built.description };
}

/** Builds and encodes both models: the bytes of the two .onnx files. */
export function exportConditionedOnnx(
  model: ConditionedModel,
  options: ConditionedOnnxOptions = {},
): { condition: Uint8Array; step: Uint8Array; description: ConditionedGraphDescription } {
  const built = buildConditionedOnnx(model, options);
  return { condition: encodeModel(built.condition), step: encodeModel(built.step), description: built.description };
}

/** The description both graphs carry (role 'condition' here). */
export function describeConditioned(model: ConditionedModel, tokens: ConditionedTokens = { start: 0, end: null }): ConditionedGraphDescription {
  const { config, decoder } = model;
  const { embedding } = decoder;
  const O = decoder.head.outFeatures;
  if (embedding !== null) {
    for (const [what, id] of [
      ['start', tokens.start],
      ['end', tokens.end ?? 0],
    ] as const) {
      if (!(Number.isInteger(id) && id >= 0 && id < embedding.numEmbeddings))
        throw new Error(`describeConditioned: the ${what} token ${id} is outside 0..${embedding.numEmbeddings - 1}`);
    }
  }
  return {
    format: 1,
    role: 'condition',
    pairing: exportDigest(
      {
        kind: 'conditioned',
        condition: config.condition,
        decoderInput: config.decoderInput,
        outputSize: config.outputSize,
        cell: config.cell,
        hiddenSize: config.hiddenSize,
      },
      model.params,
    ),
    condition:
      config.condition.kind === 'class' ? { kind: 'class', classes: config.condition.classes } : { kind: 'dense', features: config.condition.features },
    decoder: {
      cell: config.cell,
      hiddenSize: decoder.hiddenSize,
      input:
        embedding !== null
          ? { kind: 'tokens', vocabSize: embedding.numEmbeddings, embeddingDim: embedding.embeddingDim }
          : { kind: 'dense', features: decoder.inputWidth },
    },
    output: { kind: outputsLogits(model) ? 'logits' : 'values', size: O },
    start: embedding !== null ? { kind: 'token', id: tokens.start } : { kind: 'zeros' },
    end: embedding !== null ? tokens.end : null,
    conditionGraph: conditionGraphIo(model),
    stepGraph: conditionedStepGraphIo(model),
  };
}

/**
 * The first and end tokens of a token decoder: a vocabulary's <bos> and <eos>; for class outputs the
 * first class and no end. Value decoders start from zeros and ignore this.
 */
export function unrollTokensOf(task: Task): ConditionedTokens {
  return task.output.kind === 'tokens' ? { start: BOS_ID, end: EOS_ID } : { start: 0, end: null };
}

/** The one-to-many model's export: the condition graph first, the decoder step beside it, checked by tracing SeqLab's free-running unroll through both. */
export const CONDITIONED_PAIR_EXPORT: PairExport<ConditionedModel, 'condition', ConditionedGraphDescription> = {
  pair: CONDITIONED_PAIR,
  graphs(model, task, naming, provenance) {
    const metadata = {
      condition: buildConditionedMetadata(task, provenance, 'condition'),
      'decoder-step': buildConditionedMetadata(task, provenance, 'decoder-step'),
    };
    const bytes = exportConditionedOnnx(model, { ...naming, metadata, tokens: unrollTokensOf(task) });
    return { first: bytes.condition, step: bytes.step };
  },
  async parity(model, task, seed, pair) {
    const driver = new ConditionedDriver(pair.first, pair.step, pair.description);
    const results = [];
    for (const c of conditionedParityCases(model, task, { seed, start: unrollTokensOf(task).start }))
      results.push(compareConditionedTrace(c, await driver.trace(c.condition, c.B, c.expected.inputs)));
    return results;
  },
};
