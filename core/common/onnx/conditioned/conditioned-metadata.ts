// What the two graphs of an exported one-to-many model say about themselves: the `seqlab.conditioned`
// description (which graph this is, the pairing shared by both, the condition, the decoder's input and
// output, the first input of an unroll, graph input / output names) and the usual SeqLab metadata keys
// (seqlab-metadata.ts) with one-to-many meanings: `seqlab.input` is the condition's encoding (class
// labels or feature names), `seqlab.output` what every step writes.
//
// Shapes: B streams, C condition classes or features, H decoder hidden, F previous-value features,
// O outputs (values, or V logits over tokens).

import { z } from 'zod';
import { CELL_NAMES } from '../../nn/cell-names';
import type { Task } from '../../tasks/task';
import type { GraphPairKind, PairParse } from '../graph-pair';
import { parsePairDescription, pairProblem } from '../graph-pair';
import type { ExportProvenance } from '../seqlab-metadata';
import { METADATA_KEYS, buildSeqlabMetadata, encodingToJson } from '../seqlab-metadata';
import { SEQ2SEQ_IO } from '../seq2seq/seq2seq-metadata';

/** Metadata key of the JSON `ConditionedGraphDescription`, written by the exporter into both graphs. */
export const CONDITIONED_METADATA_KEY = 'seqlab.conditioned';

export type ConditionedGraphRole = 'condition' | 'decoder-step';

/** Graph input / output names and the symbolic batch dim; the state names are the encoder–decoder's. */
export const CONDITIONED_IO = {
  /** condition in: class ids [B] int64, or features [B, C] float */
  condition: 'condition',
  /** condition out: the decoder's initial state [B, H] (c0, zeros, only for an LSTM decoder) */
  h0: SEQ2SEQ_IO.h0,
  c0: SEQ2SEQ_IO.c0,
  /** step in, value decoders: the previous step's values [B, F] (zeros at the first step) */
  previous: 'previous',
  /** step in, token decoders: the previous token [B] int64 */
  token: SEQ2SEQ_IO.token,
  h: SEQ2SEQ_IO.h,
  c: SEQ2SEQ_IO.c,
  /** step out, value decoders: [B, O] */
  values: 'values',
  /** step out, token decoders: [B, V] */
  logits: SEQ2SEQ_IO.logits,
  probs: SEQ2SEQ_IO.probs,
  hNext: SEQ2SEQ_IO.hNext,
  cNext: SEQ2SEQ_IO.cNext,
  batchDim: SEQ2SEQ_IO.batchDim,
} as const;

const cellSchema = z.enum(CELL_NAMES);
const positive = z.number().int().positive();
const ioSchema = z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) });

export const conditionedGraphDescriptionSchema = z.object({
  format: z.literal(1),
  role: z.enum(['condition', 'decoder-step']),
  /** The same in both graphs of one export (a digest of the configuration and weights). */
  pairing: z.string().min(1),
  /** h0 = tanh(W_c c + b_c): c the one-hot of a class id, or a feature vector. */
  condition: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('class'), classes: positive }),
    z.object({ kind: z.literal('dense'), features: positive }),
  ]),
  decoder: z.object({
    cell: cellSchema,
    hiddenSize: positive,
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('dense'), features: positive }),
      z.object({ kind: z.literal('tokens'), vocabSize: positive, embeddingDim: positive }),
    ]),
  }),
  /** values: regression values at every step; logits: over O tokens (with probs beside them). */
  output: z.object({ kind: z.enum(['values', 'logits']), size: positive }),
  /** What the first step reads: zeros (value decoders) or a start token; then each step's own output. */
  start: z.discriminatedUnion('kind', [z.object({ kind: z.literal('zeros') }), z.object({ kind: z.literal('token'), id: z.number().int().nonnegative() })]),
  /** The token that ends an unroll (token decoders with an end token), else null. */
  end: z.number().int().nonnegative().nullable(),
  conditionGraph: ioSchema,
  stepGraph: ioSchema,
});
export type ConditionedGraphDescription = z.infer<typeof conditionedGraphDescriptionSchema>;

/** The one-to-many model's pair: its description under `seqlab.conditioned`, the condition graph first. */
export const CONDITIONED_PAIR: GraphPairKind<'condition', ConditionedGraphDescription> = {
  key: CONDITIONED_METADATA_KEY,
  schema: conditionedGraphDescriptionSchema,
  firstRole: 'condition',
  graphSuffix: 'condition',
  firstIs: 'the condition graph',
  names: ['the condition graph', 'the decoder-step graph'],
  model: 'SeqLab one-to-many model',
  defaultGraphName: 'seqlab_conditioned',
};

/** The description of a graph read back from its metadata, or why it is not one of a SeqLab one-to-many pair. */
export const parseConditionedDescription = (props: Readonly<Record<string, string>>): PairParse<ConditionedGraphDescription> =>
  parsePairDescription(CONDITIONED_PAIR, props);

/** Checks that a condition graph and a step graph belong together; null when they do. */
export const conditionedPairingProblem = (condition: ConditionedGraphDescription, step: ConditionedGraphDescription): string | null =>
  pairProblem(CONDITIONED_PAIR, condition, step);

/**
 * The metadata_props of one graph of a one-to-many export: the keys of `buildSeqlabMetadata` (task, spec,
 * provenance, encodings) with meanings written for this graph.
 */
export function buildConditionedMetadata(task: Task, provenance: ExportProvenance, role: ConditionedGraphRole): Record<string, string> {
  const out = buildSeqlabMetadata(task, true, provenance);
  const io = CONDITIONED_IO;
  const dense = task.output.kind === 'dense';
  const condition =
    task.input.kind === 'classes'
      ? `${io.condition} [B] int64 class id, id k meaning label k of seqlab.input.encoding.labels`
      : `${io.condition} [B, C] float features: ${task.input.kind === 'dense' ? task.input.names.join(', ') : 'see seqlab.input'}`;
  const stepInput = dense
    ? `${io.previous} [B, O] float, the values the previous step wrote (zeros at the first step)`
    : `${io.token} [B] int64, the token the previous step picked (the start token of seqlab.conditioned at the first step)`;
  const stepOutput = dense
    ? `${io.values} [B, O] the next regression values: ${task.output.kind === 'dense' ? task.output.names.join(', ') : ''}`
    : `${io.logits} [B, V] and ${io.probs} [B, V] (softmax) over the next token of seqlab.output.encoding`;
  const inputMeaning = role === 'condition' ? condition : `${stepInput}, ${io.h} [B, H] (and ${io.c}) the decoder's state`;
  const outputMeaning =
    role === 'condition'
      ? `the decoder's initial state ${io.h0} [B, H] = tanh(W_c c + b_c) (and ${io.c0} = 0 for an LSTM decoder), to feed the decoder-step graph`
      : `${stepOutput}, and the next state ${io.hNext} (${io.cNext})`;
  out[METADATA_KEYS.input] = JSON.stringify({ encoding: encodingToJson(task.input), meaning: inputMeaning });
  out[METADATA_KEYS.output] = JSON.stringify({
    encoding: encodingToJson(task.output),
    readout: 'every-step',
    values: dense ? 'values' : 'probabilities',
    meaning: outputMeaning,
  });
  const run = provenance.runId === null ? 'outside a run' : `in run ${provenance.runId}`;
  out[METADATA_KEYS.description] =
    `The ${role === 'condition' ? 'condition' : 'decoder-step'} graph of a SeqLab ${provenance.seqlabVersion} one-to-many model trained on task "${task.id}" ${run}. ` +
    `Run the condition graph once per condition, then the decoder-step graph once per step, feeding back ${io.hNext} / ${io.cNext} and the step's own output. ` +
    `Input: ${inputMeaning}. Output: ${outputMeaning}.`;
  return out;
}
