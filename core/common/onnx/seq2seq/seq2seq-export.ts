// Exports a trained Seq2SeqModel as two ONNX models that a caller drives together: the encoder graph
// (run once per source batch) and the decoder-step graph (run once per target token, its next state
// and the picked token fed back). Both carry the same `seqlab.seq2seq` description, told apart by
// `role` and tied by `pairing`, a digest of the configuration and weights.
//
// Shapes: see encoder-graph.ts and step-graph.ts.

import { BOS_ID, EOS_ID } from '../../data/vocabulary';
import type { Seq2SeqModel } from '../../models/seq2seq/seq2seq-model';
import type { GraphPairOptions, PairExport } from '../graph-pair';
import { buildGraphPair, exportDigest } from '../graph-pair';
import type { onnx } from '../proto';
import { encodeModel } from '../proto';
import { buildEncoderGraph, encoderGraphIo } from './encoder-graph';
import { Seq2SeqDriver } from './seq2seq-driver';
import type { Seq2SeqGraphDescription } from './seq2seq-metadata';
import { SEQ2SEQ_PAIR, buildSeq2SeqMetadata } from './seq2seq-metadata';
import { compareSeq2SeqTrace, seq2seqParityCases } from './seq2seq-parity';
import { buildStepGraph, stepGraphIo } from './step-graph';

export type Seq2SeqOnnxOptions = GraphPairOptions<'encoder'>;

export interface Seq2SeqOnnxModels {
  readonly encoder: onnx.IModelProto;
  readonly step: onnx.IModelProto;
  /** The encoder graph's description; the step graph's differs only in `role`. */
  readonly description: Seq2SeqGraphDescription;
}

/** Builds both ModelProtos (not yet encoded). Throws on a model the graphs cannot express (a bug). */
export function buildSeq2SeqOnnx(model: Seq2SeqModel, options: Seq2SeqOnnxOptions = {}): Seq2SeqOnnxModels {
  const built = buildGraphPair(
    'buildSeq2SeqOnnx',
    SEQ2SEQ_PAIR,
    describeSeq2Seq(model),
    { first: (name) => buildEncoderGraph(model, name), step: (name) => buildStepGraph(model, name) },
    options,
  );
  return { encoder: built.first, step: built.step, description: built.description };
}

/** Builds and encodes both models: the bytes of the two .onnx files. */
export function exportSeq2SeqOnnx(
  model: Seq2SeqModel,
  options: Seq2SeqOnnxOptions = {},
): { encoder: Uint8Array; step: Uint8Array; description: Seq2SeqGraphDescription } {
  const built = buildSeq2SeqOnnx(model, options);
  return { encoder: encodeModel(built.encoder), step: encodeModel(built.step), description: built.description };
}

/** The description both graphs carry (role 'encoder' here). */
export function describeSeq2Seq(model: Seq2SeqModel): Seq2SeqGraphDescription {
  const { config, encoder, decoder } = model;
  const attention = decoder.attention;
  if (decoder.embedding === null) throw new Error('describeSeq2Seq: a seq2seq decoder reads tokens, but this one has no embedding');
  return {
    format: 1,
    role: 'encoder',
    pairing: pairingDigest(model),
    source: encoder.embedding !== null ? { kind: 'tokens', vocabSize: encoder.embedding.numEmbeddings } : { kind: 'dense', features: encoder.rnn.inputSize },
    targetVocab: config.targetVocab,
    bos: BOS_ID,
    eos: EOS_ID,
    encoder: {
      cell: config.encoder.cell,
      hiddenSize: encoder.rnn.hiddenSize,
      numLayers: encoder.rnn.numLayers,
      bidirectional: encoder.rnn.numDirections === 2,
      outputSize: encoder.outputSize,
    },
    bridge: model.bridge.mode,
    decoder: { cell: config.decoder.cell, hiddenSize: decoder.hiddenSize, embeddingDim: decoder.embedding.embeddingDim },
    attention: attention === null ? null : { size: attention.attnSize, bias: attention.b !== null, contextToOutput: decoder.contextToOutput },
    encoderGraph: encoderGraphIo(model),
    stepGraph: stepGraphIo(model),
  };
}

/**
 * 16 hex digits: two FNV-1a 32-bit hashes (different offset bases) over the configuration and the
 * parameter names, shapes and float32 bytes, so the two graphs of one export — and only those — share it.
 */
export function pairingDigest(model: Seq2SeqModel): string {
  const { encoder, decoder, attention } = model.config;
  return exportDigest({ encoder, decoder, attention: attention ?? null, bridge: model.bridge.mode }, model.params);
}

/** The encoder–decoder's export: the encoder graph first, the decoder step beside it, checked by tracing SeqLab's greedy decoding through both. */
export const SEQ2SEQ_PAIR_EXPORT: PairExport<Seq2SeqModel, 'encoder', Seq2SeqGraphDescription> = {
  pair: SEQ2SEQ_PAIR,
  graphs(model, task, naming, provenance) {
    const metadata = { encoder: buildSeq2SeqMetadata(task, provenance, 'encoder'), 'decoder-step': buildSeq2SeqMetadata(task, provenance, 'decoder-step') };
    const bytes = exportSeq2SeqOnnx(model, { ...naming, metadata });
    return { first: bytes.encoder, step: bytes.step };
  },
  async parity(model, task, seed, pair) {
    const driver = new Seq2SeqDriver(pair.first, pair.step, pair.description);
    const results = [];
    for (const c of seq2seqParityCases(model, task, { seed })) results.push(compareSeq2SeqTrace(c, await driver.trace(c.source, c.expected.tokens)));
    return results;
  },
};
