// The model part of an experiment spec: which recurrent network to build. Every field has a default
// and a stated range, so a spec names only what differs from the defaults.
import { z } from 'zod';
import { CELL_NAMES, DEFAULT_CELL, type CellName } from '../nn/cell-names';
import type { TaskShape } from '../tasks/task-vocabulary';

/** The sizes a model spec allows, enforced by the schemas below and offered (as min / max) by the New run form. */
export const MODEL_LIMITS = {
  hiddenSize: { min: 1, max: 4096 },
  numLayers: { min: 1, max: 8 },
  embeddingDim: { min: 1, max: 2048 },
  attentionSize: { min: 1, max: 4096 },
} as const;

const int = (name: string, { min, max }: { readonly min: number; readonly max: number }) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

/** The range of model.init.recurrentScale, enforced by recurrentInitSchema: greater than min, at most max. */
export const INIT_LIMITS = {
  recurrentScale: { min: 0, max: 100 },
} as const;

/**
 * Every weight_hh (each layer and direction, every cell; encoder and decoder) is multiplied by this after its
 * initialiser: its spectral radius grows by the same factor, so > 1 makes gradients explode through time (Pascanu et al.
 * 2013). 1 leaves the initialiser's weights exactly as they are.
 */
const recurrentScaleSchema = z
  .number({ error: 'recurrentScale must be a number' })
  .gt(INIT_LIMITS.recurrentScale.min, `recurrentScale must be greater than ${INIT_LIMITS.recurrentScale.min}`)
  .max(INIT_LIMITS.recurrentScale.max, `recurrentScale must be at most ${INIT_LIMITS.recurrentScale.max}`);

/** How recurrent weights start. `identity` + `rnn_relu` is the IRNN of Le, Jaitly & Hinton (2015). */
export const recurrentInitSchema = z
  .object({
    /** weight_hh: PyTorch's uniform(±1/√H), Glorot uniform, orthogonal (per gate block), or identity with zero biases. */
    recurrent: z.enum(['pytorch', 'xavier', 'orthogonal', 'identity']).default('pytorch'),
    /** weight_ih: PyTorch's uniform(±1/√H) or Glorot uniform. */
    input: z.enum(['pytorch', 'xavier']).default('pytorch'),
    /** Scale of the identity matrix for `recurrent: identity` (Le et al. use 1; smaller for long tasks). */
    identityScale: z.number().min(0).max(2).default(1),
    /** LSTM forget-gate bias (Jozefowicz et al. 2015 recommend 1); ignored by other cells. */
    forgetBias: z.number().min(-10).max(10).default(1),
    recurrentScale: recurrentScaleSchema.default(1),
  })
  .strict();

/**
 * The initialisation an encoder–decoder or a conditioned decoder may change (PyTorch's defaults otherwise): the scale of
 * its recurrent weights (encoder and decoder alike). Left out, the model is initialised exactly as without it.
 */
export const decoderModelInitSchema = z.object({ recurrentScale: recurrentScaleSchema.default(1) }).strict();

export const sequenceModelSpecSchema = z
  .object({
    kind: z.literal('sequence').default('sequence'),
    cell: z.enum(CELL_NAMES).default(DEFAULT_CELL),
    hiddenSize: int('hiddenSize', MODEL_LIMITS.hiddenSize).default(128),
    numLayers: int('numLayers', MODEL_LIMITS.numLayers).default(1),
    bidirectional: z.boolean().default(false),
    /** Dropout between stacked layers (training only), in [0, 1). */
    dropout: z.number().min(0, 'dropout must be at least 0').lt(1, 'dropout must be below 1').default(0),
    /** Embedding size for token inputs; ignored for dense inputs. */
    embeddingDim: int('embeddingDim', MODEL_LIMITS.embeddingDim).default(32),
    init: recurrentInitSchema.default({ recurrent: 'pytorch', input: 'pytorch', identityScale: 1, forgetBias: 1, recurrentScale: 1 }),
  })
  .strict();

/**
 * An encoder–decoder for seq2seq tasks (Sutskever et al. 2014; with attention, Bahdanau et al. 2015).
 * The top-level fields describe the encoder, with the same names as a sequence model so sweeps and
 * forms read alike; `decoder` fields left out copy the encoder's.
 */
export const seq2seqModelSpecSchema = z
  .object({
    kind: z.literal('seq2seq'),
    cell: z.enum(CELL_NAMES).default(DEFAULT_CELL),
    hiddenSize: int('hiddenSize', MODEL_LIMITS.hiddenSize).default(64),
    numLayers: int('numLayers', MODEL_LIMITS.numLayers).default(1),
    bidirectional: z.boolean().default(false),
    /** Dropout between stacked encoder layers (training only), in [0, 1). */
    dropout: z.number().min(0, 'dropout must be at least 0').lt(1, 'dropout must be below 1').default(0),
    /** Source embedding size (token sources). */
    embeddingDim: int('embeddingDim', MODEL_LIMITS.embeddingDim).default(32),
    decoder: z
      .object({
        cell: z.enum(CELL_NAMES).optional(),
        hiddenSize: int('decoder.hiddenSize', MODEL_LIMITS.hiddenSize).optional(),
        embeddingDim: int('decoder.embeddingDim', MODEL_LIMITS.embeddingDim).optional(),
      })
      .strict()
      .default({}),
    /** Additive attention of `size` units over the encoder outputs, or null for none (the final state alone). */
    attention: z
      .object({ size: int('attention.size', MODEL_LIMITS.attentionSize).default(64) })
      .strict()
      .nullable()
      .default({ size: 64 }),
    /** How the decoder's first state comes from the encoder's last: copied when sizes allow (`auto`), or tanh(Linear). */
    bridge: z.enum(['auto', 'linear']).default('auto'),
    init: decoderModelInitSchema.optional(),
  })
  .strict();

/**
 * A conditioned decoder for one-to-many tasks: the condition (a class or a feature vector) sets the
 * first state, h0 = tanh(W c + b), and the decoder unrolls from it, reading its previous output.
 */
export const conditionedModelSpecSchema = z
  .object({
    kind: z.literal('conditioned'),
    cell: z.enum(CELL_NAMES).default(DEFAULT_CELL),
    hiddenSize: int('hiddenSize', MODEL_LIMITS.hiddenSize).default(64),
    /** Embedding size when the decoder reads tokens; ignored for values. */
    embeddingDim: int('embeddingDim', MODEL_LIMITS.embeddingDim).default(32),
    init: decoderModelInitSchema.optional(),
  })
  .strict();

export const MODEL_KINDS = ['sequence', 'seq2seq', 'conditioned'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The model kind a task of this shape trains: encoder–decoder for seq2seq, conditioned decoder for one-to-many. */
export function modelKindFor(shape: TaskShape): ModelKind {
  return shape === 'seq2seq' ? 'seq2seq' : shape === 'one-to-many' ? 'conditioned' : 'sequence';
}

/** Any model; a spec without `kind` is a sequence model (every spec written before encoder–decoders). */
export const modelSpecSchema = z.preprocess(
  (raw) => (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('kind' in raw) ? { ...raw, kind: 'sequence' } : raw),
  z.discriminatedUnion('kind', [sequenceModelSpecSchema, seq2seqModelSpecSchema, conditionedModelSpecSchema], {
    error: (issue) => (issue.code === 'invalid_union' ? `model.kind must be one of ${MODEL_KINDS.join(', ')}` : undefined),
  }),
);

export type SequenceModelSpec = z.output<typeof sequenceModelSpecSchema>;
export type Seq2SeqModelSpec = z.output<typeof seq2seqModelSpecSchema>;
export type ConditionedModelSpec = z.output<typeof conditionedModelSpecSchema>;
export type ModelSpec = z.output<typeof modelSpecSchema>;
/** A cell as a spec names it: CellName (nn/cell-names.ts). */
export type CellSpecName = CellName;

/** The decoder of a seq2seq spec with the encoder's values filled in where it names none. */
export function resolvedDecoder(spec: Seq2SeqModelSpec): { cell: CellSpecName; hiddenSize: number; embeddingDim: number } {
  return {
    cell: spec.decoder.cell ?? spec.cell,
    hiddenSize: spec.decoder.hiddenSize ?? spec.hiddenSize,
    embeddingDim: spec.decoder.embeddingDim ?? spec.embeddingDim,
  };
}
