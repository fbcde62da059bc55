// The hidden-state explorer's calls (explorer.trace, .search, .saturation): requests and responses. Every
// value is computed in a worker from a run's latest or best checkpoint; the view only pages through them.
import { z } from 'zod';
import { CELL_NAMES } from '../nn/cell-names';
import { DEFAULT_CHECKPOINT_KIND } from '../train/checkpoint-kinds';
import { checkpointKindSchema } from './entities';

/** The explorer's limits, enforced by the schemas below and read by the worker and the view. */
export const EXPLORER_LIMITS = {
  /** Input steps of one explored example (typed text characters, value rows, or a validation example's steps). */
  maxSteps: 4000,
  /** Steps of one page of a heatmap (the view pages through a long input in windows of at most this). */
  maxWindow: 500,
  /** The index range of a validation example. */
  maxValidationIndex: 255,
  /** Validation examples the saturation statistic runs over. */
  maxSaturationExamples: 256,
  /** Tokens an encoder–decoder writes for a typed source before the explorer stops it (greedy decoding stops at EOS first). */
  maxDecodeSteps: 200,
  /** Units a pattern search lists. */
  maxRanked: 50,
  /** Characters of a pattern's regular expression. */
  maxRegexLength: 200,
} as const;

const L = EXPLORER_LIMITS;
const tooLong = `at most ${L.maxSteps} steps can be explored at once (EXPLORER_LIMITS.maxSteps); explore a part of it`;

/** What to run through the model: one of its task's validation examples, a typed text, or typed value rows [T][F]. */
export const explorerInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('validation'), index: z.number().int().min(0).max(L.maxValidationIndex) }).strict(),
  z.object({ kind: z.literal('text'), text: z.string().min(1, 'type at least one character').max(L.maxSteps, tooLong) }).strict(),
  z
    .object({
      kind: z.literal('values'),
      values: z.array(z.array(z.number().finite()).min(1)).min(1, 'give at least one row of values').max(L.maxSteps, tooLong),
    })
    .strict(),
]);
export type ExplorerInput = z.infer<typeof explorerInputSchema>;

const source = {
  runId: z.number().int().positive(),
  checkpoint: checkpointKindSchema().default(DEFAULT_CHECKPOINT_KIND),
  input: explorerInputSchema,
};

export const unitPatternSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('regex'), source: z.string().max(L.maxRegexLength), ignoreCase: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('positions'), from: z.number().int().min(0), to: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('values'), feature: z.number().int().min(0), min: z.number().finite(), max: z.number().finite() }).strict(),
]);

export const explorerTraceRequestSchema = z
  .object({
    ...source,
    /** Index into the response's layers. */
    layer: z.number().int().min(0).default(0),
    /** One of the layer's signals (h, c, a gate, pre). */
    signal: z.string().min(1).default('h'),
    /** The steps [start, start + length) of the heatmap page (clipped to the layer's steps). */
    start: z.number().int().min(0).default(0),
    length: z.number().int().min(1).max(L.maxWindow).default(L.maxWindow),
    /** Also every step of this unit of the layer's signal (the unit view). */
    unit: z.number().int().min(0).optional(),
  })
  .strict();

export const tracedLayerInfoSchema = z.object({
  name: z.string(),
  part: z.enum(['stack', 'encoder', 'decoder']),
  layer: z.number().int().nonnegative(),
  reverse: z.boolean(),
  cell: z.enum(CELL_NAMES),
  hiddenSize: z.number().int().positive(),
  steps: z.number().int().nonnegative(),
  signals: z.array(z.string()),
});

export const explorerTraceSchema = z.object({
  checkpoint: checkpointKindSchema(),
  step: z.number().int().nonnegative(),
  modelKind: z.enum(['sequence', 'seq2seq']),
  /** The input's steps as text: a token, a class label, or a step number for value inputs. */
  tokens: z.array(z.string()),
  /** Typed characters the vocabulary lacks, read as <unk> by the model. */
  unknown: z.array(z.string()),
  layers: z.array(tracedLayerInfoSchema),
  /** Encoder–decoder: the greedy output, EOS included when reached; else null. */
  generated: z.array(z.string()).nullable(),
  /** The page: the requested layer and signal over steps [start, start + values[0].length), values[j][t − start] for unit j. */
  page: z.object({ layer: z.number().int(), signal: z.string(), start: z.number().int(), values: z.array(z.array(z.number())) }),
  /** Encoder–decoder with attention: [generated][source steps of the page of an encoder layer, else all] weights. */
  attention: z.object({ start: z.number().int(), weights: z.array(z.array(z.number())) }).nullable(),
  /** The requested unit of the layer's signal at every step. */
  unit: z.object({ unit: z.number().int(), values: z.array(z.number()) }).nullable(),
});
export type ExplorerTrace = z.infer<typeof explorerTraceSchema>;

export const explorerSearchRequestSchema = z
  .object({ ...source, signal: z.string().min(1).default('h'), pattern: unitPatternSchema, top: z.number().int().min(1).max(L.maxRanked).default(20) })
  .strict();

export const explorerSearchSchema = z.object({
  steps: z.number().int().nonnegative(),
  /** Steps where the pattern is 1. */
  ones: z.number().int().nonnegative(),
  searched: z.number().int().nonnegative(),
  /** Units whose activation never changes over the input (r undefined), left out. */
  constant: z.number().int().nonnegative(),
  ranked: z.array(z.object({ layer: z.number().int(), layerName: z.string(), unit: z.number().int(), r: z.number() })),
});
export type ExplorerSearch = z.infer<typeof explorerSearchSchema>;

export const explorerSaturationRequestSchema = z
  .object({
    runId: z.number().int().positive(),
    checkpoint: checkpointKindSchema().default(DEFAULT_CHECKPOINT_KIND),
    count: z.number().int().min(1).max(L.maxSaturationExamples).default(64),
  })
  .strict();

export const explorerSaturationSchema = z.object({
  checkpoint: checkpointKindSchema(),
  step: z.number().int().nonnegative(),
  examples: z.number().int().positive(),
  /** SATURATION_MARGIN: σ < margin or > 1 − margin, tanh < −1 + margin or > 1 − margin. */
  margin: z.number(),
  layers: z.array(
    z.object({
      name: z.string(),
      gates: z.array(z.object({ gate: z.string(), activation: z.enum(['sigmoid', 'tanh']), low: z.number(), high: z.number(), count: z.number().int() })),
    }),
  ),
});
export type ExplorerSaturation = z.infer<typeof explorerSaturationSchema>;
