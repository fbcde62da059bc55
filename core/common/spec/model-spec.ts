// The model part of an experiment spec: which recurrent network to build. Every field has a default
// and a stated range, so a spec names only what differs from the defaults.
import { z } from 'zod';

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const CELL_NAMES = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const;

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
  })
  .strict();

export const sequenceModelSpecSchema = z
  .object({
    kind: z.literal('sequence').default('sequence'),
    cell: z.enum(CELL_NAMES).default('lstm'),
    hiddenSize: int('hiddenSize', 1, 4096).default(128),
    numLayers: int('numLayers', 1, 8).default(1),
    bidirectional: z.boolean().default(false),
    /** Dropout between stacked layers (training only), in [0, 1). */
    dropout: z.number().min(0, 'dropout must be at least 0').lt(1, 'dropout must be below 1').default(0),
    /** Embedding size for token inputs; ignored for dense inputs. */
    embeddingDim: int('embeddingDim', 1, 2048).default(32),
    init: recurrentInitSchema.default({ recurrent: 'pytorch', input: 'pytorch', identityScale: 1, forgetBias: 1 }),
  })
  .strict();

export type SequenceModelSpec = z.output<typeof sequenceModelSpecSchema>;
export type CellSpecName = (typeof CELL_NAMES)[number];
