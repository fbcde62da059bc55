// What the two graphs of an exported encoder–decoder say about themselves: the `seqlab.seq2seq`
// description (which graph this is, the pairing shared by both, sizes, start / end tokens, input and
// output names) and the usual SeqLab metadata keys (seqlab-metadata.ts) with seq2seq meanings:
// `seqlab.input` is the source encoding, `seqlab.output` the target encoding.
//
// Shapes: S source steps, B streams, I source features, V target vocabulary, H decoder hidden,
// He encoder output size.

import { z } from 'zod';
import { CELL_NAMES } from '../../nn/cell-names';
import type { Task } from '../../tasks/task';
import type { GraphPairKind, PairParse } from '../graph-pair';
import { parsePairDescription, pairProblem } from '../graph-pair';
import type { ExportProvenance } from '../seqlab-metadata';
import { METADATA_KEYS, buildSeqlabMetadata, encodingToJson } from '../seqlab-metadata';

/** Metadata key of the JSON `Seq2SeqGraphDescription`, written by the exporter into both graphs. */
export const SEQ2SEQ_METADATA_KEY = 'seqlab.seq2seq';

export type Seq2SeqGraphRole = 'encoder' | 'decoder-step';

/** Graph input / output names and symbolic dims of the pair. */
export const SEQ2SEQ_IO = {
  /** encoder in: ids [S, B] int64 or features [S, B, I] float */
  source: 'source',
  /** encoder and step in: [B] int64, each in 1..S */
  sourceLens: 'source_lens',
  /** encoder out, step in: [S, B, He], 0 at padded steps */
  memory: 'memory',
  /** encoder out: the decoder's initial state [B, H] (c0 only for an LSTM decoder) */
  h0: 'h0',
  c0: 'c0',
  /** step in: the token each stream reads [B] int64, and its state [B, H] */
  token: 'token',
  h: 'h',
  c: 'c',
  /** step out: [B, V] */
  logits: 'logits',
  probs: 'probs',
  /** step out: the state after the step [B, H] */
  hNext: 'h_next',
  cNext: 'c_next',
  /** step out (attention only): [B, S], exactly 0 at padded source steps */
  attention: 'attention',
  sourceDim: 'src_len',
  batchDim: 'batch',
} as const;

const cellSchema = z.enum(CELL_NAMES);
const positive = z.number().int().positive();
const ioSchema = z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) });

export const seq2seqGraphDescriptionSchema = z.object({
  format: z.literal(1),
  role: z.enum(['encoder', 'decoder-step']),
  /** The same in both graphs of one export (a digest of the configuration and weights). */
  pairing: z.string().min(1),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('tokens'), vocabSize: positive }),
    z.object({ kind: z.literal('dense'), features: positive }),
  ]),
  targetVocab: positive,
  /** The first token every stream reads, and the token that ends a stream. */
  bos: z.number().int().nonnegative(),
  eos: z.number().int().nonnegative(),
  encoder: z.object({ cell: cellSchema, hiddenSize: positive, numLayers: positive, bidirectional: z.boolean(), outputSize: positive }),
  /** copy: h0 (c0) is the encoder's top final state; linear: h0 = tanh(W [h_fwd; h_bwd] + b), c0 = 0. */
  bridge: z.enum(['copy', 'linear']),
  decoder: z.object({ cell: cellSchema, hiddenSize: positive, embeddingDim: positive }),
  attention: z.object({ size: positive, bias: z.boolean(), contextToOutput: z.boolean() }).nullable(),
  encoderGraph: ioSchema,
  stepGraph: ioSchema,
});
export type Seq2SeqGraphDescription = z.infer<typeof seq2seqGraphDescriptionSchema>;

/** The encoder–decoder's pair: its description under `seqlab.seq2seq`, the encoder graph first. */
export const SEQ2SEQ_PAIR: GraphPairKind<'encoder', Seq2SeqGraphDescription> = {
  key: SEQ2SEQ_METADATA_KEY,
  schema: seq2seqGraphDescriptionSchema,
  firstRole: 'encoder',
  graphSuffix: 'encoder',
  firstIs: 'the encoder',
  names: ['the encoder graph', 'the decoder-step graph'],
  model: 'SeqLab encoder–decoder',
  defaultGraphName: 'seqlab_seq2seq',
};

/** The description of a graph read back from its metadata, or why it is not one of a SeqLab pair. */
export const parseSeq2SeqDescription = (props: Readonly<Record<string, string>>): PairParse<Seq2SeqGraphDescription> =>
  parsePairDescription(SEQ2SEQ_PAIR, props);

/** Checks that an encoder graph and a step graph belong together; null when they do. */
export const pairingProblem = (encoder: Seq2SeqGraphDescription, step: Seq2SeqGraphDescription): string | null => pairProblem(SEQ2SEQ_PAIR, encoder, step);

const SOURCE_MEANING = {
  tokens: `${SEQ2SEQ_IO.source} [S, B] int64 source token ids of seqlab.input.encoding.vocabulary (0 <pad>, 1 <bos>, 2 <eos>, 3 <unk>, then the tokens in order), padded with 0 after each row's ${SEQ2SEQ_IO.sourceLens}`,
  dense: `${SEQ2SEQ_IO.source} [S, B, I] float source features per step, padded after each row's ${SEQ2SEQ_IO.sourceLens}`,
} as const;

/**
 * The metadata_props of one graph of a seq2seq export: the keys of `buildSeqlabMetadata` (task, spec,
 * provenance, encodings) with meanings written for this graph.
 */
export function buildSeq2SeqMetadata(task: Task, provenance: ExportProvenance, role: Seq2SeqGraphRole): Record<string, string> {
  const out = buildSeqlabMetadata(task, true, provenance);
  const io = SEQ2SEQ_IO;
  const sourceMeaning = task.input.kind === 'dense' ? SOURCE_MEANING.dense : SOURCE_MEANING.tokens;
  const inputMeaning =
    role === 'encoder'
      ? `${sourceMeaning}; ${io.sourceLens} [B] int64 valid source steps, 1..S`
      : `${io.token} [B] int64 target token each stream reads (<bos> = 1 first, then the token picked at the previous step), ${io.h} [B, H] (and ${io.c}) its state, ${io.memory} [S, B, He] and ${io.sourceLens} [B] from the encoder graph`;
  const outputMeaning =
    role === 'encoder'
      ? `${io.memory} [S, B, He] encoder outputs (0 at padded steps) and the decoder's initial state ${io.h0} [B, H] (and ${io.c0}), to feed the decoder-step graph`
      : `${io.logits} [B, V] and ${io.probs} [B, V] (softmax) over the next target token of seqlab.output.encoding.vocabulary, the next state ${io.hNext} (${io.cNext}), and with attention ${io.attention} [B, S], the weights over the source steps (0 at padded steps); generation stops at <eos> = 2`;
  out[METADATA_KEYS.input] = JSON.stringify({ encoding: encodingToJson(task.input), meaning: inputMeaning });
  out[METADATA_KEYS.output] = JSON.stringify({ encoding: encodingToJson(task.output), readout: 'every-step', values: 'probabilities', meaning: outputMeaning });
  const run = provenance.runId === null ? 'outside a run' : `in run ${provenance.runId}`;
  out[METADATA_KEYS.description] =
    `The ${role === 'encoder' ? 'encoder' : 'decoder-step'} graph of a SeqLab ${provenance.seqlabVersion} encoder–decoder trained on task "${task.id}" ${run}. ` +
    `Run the encoder graph once per source batch, then the decoder-step graph once per target token, feeding back ${io.hNext} / ${io.cNext} and the picked token. ` +
    `Input: ${inputMeaning}. Output: ${outputMeaning}.`;
  return out;
}
