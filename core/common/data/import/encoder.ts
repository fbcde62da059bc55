// What a dataset stores beside its rows (the store's `encoder` JSON): the options it was imported with, the
// layout detected, and everything fitted on the data — vocabularies, label lists, z-score normalisers, split
// sizes and seed — so reading it again for training or inference encodes exactly as the import did.
import { z } from 'zod';
import { Vocabulary, type VocabularyJson } from '../vocabulary';
import type { TableLayout } from './detect';
import { importError, type ImportResult } from './import-error';
import { labelledOptionsSchema, pairsOptionsSchema, seriesOptionsSchema, textOptionsSchema } from './import-options';
import type { ZScore } from './normaliser';

export const ENCODER_FORMAT = 'seqlab-dataset-encoder';
export const ENCODER_VERSION = 1;

const count = z.number().int().min(0);
const header = { format: z.literal(ENCODER_FORMAT), version: z.literal(ENCODER_VERSION) };

const layoutSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('delimited'), delimiter: z.string().length(1), header: z.boolean(), columns: z.array(z.string()).min(1) }),
  z.object({ format: z.literal('jsonl') }),
]);
const zScoreSchema = z.object({ name: z.string(), mean: z.number(), std: z.number().positive() });
const splitSchema = z.object({ seed: count, train: z.number().int().min(1), validation: z.number().int().min(1), test: z.number().int().min(1) });
/** Checked by Vocabulary.fromJSON after the schema. */
const vocabularySchema = z.custom<VocabularyJson>((v) => typeof v === 'object' && v !== null);

export const seriesEncoderSchema = z.object({
  ...header,
  kind: z.literal('series'),
  options: seriesOptionsSchema,
  layout: layoutSchema,
  /** The mark before a number's fraction the file was read with (imports before it was detected read points). */
  decimal: z.enum(['.', ',']).default('.'),
  /** Input columns, in feature order. */
  inputs: z.array(z.string()).min(1),
  target: z.string(),
  rows: count,
  /** One z-score per column used (inputs, then the target if it is not one), fitted on the training rows. */
  normaliser: z.array(zScoreSchema).min(1),
});

export const textEncoderSchema = z.object({
  ...header,
  kind: z.literal('text'),
  options: textOptionsSchema,
  /** Tokens (characters or words) in the whole text. */
  tokens: count,
  vocabulary: vocabularySchema,
});

export const pairsEncoderSchema = z.object({
  ...header,
  kind: z.literal('pairs'),
  options: pairsOptionsSchema,
  layout: layoutSchema,
  source: z.string(),
  target: z.string(),
  examples: count,
  split: splitSchema,
  sourceVocabulary: vocabularySchema,
  targetVocabulary: vocabularySchema,
});

export const labelledEncoderSchema = z.object({
  ...header,
  kind: z.literal('labelled'),
  options: labelledOptionsSchema,
  layout: layoutSchema,
  label: z.string(),
  sequence: z.string(),
  elements: z.enum(['numbers', 'tokens']),
  examples: count,
  split: splitSchema,
  /** Class labels; class id i is labels[i]. */
  labels: z.array(z.string()).min(2),
  /** For token elements. */
  vocabulary: vocabularySchema.nullable(),
  /** For number elements: one z-score over every value of the training sequences. */
  normaliser: zScoreSchema.nullable(),
});

export const datasetEncoderSchema = z.discriminatedUnion('kind', [seriesEncoderSchema, textEncoderSchema, pairsEncoderSchema, labelledEncoderSchema]);

export type DatasetEncoder = z.output<typeof datasetEncoderSchema>;
export type SeriesEncoder = z.output<typeof seriesEncoderSchema>;
export type TextEncoder = z.output<typeof textEncoderSchema>;
export type PairsEncoder = z.output<typeof pairsEncoderSchema>;
export type LabelledEncoder = z.output<typeof labelledEncoderSchema>;
export type SplitInfo = z.output<typeof splitSchema>;

/** A layout as stored (mutable arrays, as zod outputs them). */
export function storedLayout(layout: TableLayout): z.output<typeof layoutSchema> {
  return layout.format === 'jsonl'
    ? { format: 'jsonl' }
    : { format: 'delimited', delimiter: layout.delimiter, header: layout.header, columns: [...layout.columns] };
}

/** A z-score as stored. */
export function storedZScore(z: ZScore): ZScore {
  return { name: z.name, mean: z.mean, std: z.std };
}

/**
 * Reads a stored encoder back, vocabularies included; an encoder this version cannot read is an
 * 'invalid-options' error that says to import the file again.
 */
export function parseDatasetEncoder(json: unknown, file: string): ImportResult<DatasetEncoder> {
  const parsed = datasetEncoderSchema.safeParse(json);
  const problem = parsed.success
    ? vocabularyProblem(parsed.data)
    : (parsed.error.issues[0]?.path.map(String).join('.') ?? '(encoder)') + ': ' + (parsed.error.issues[0]?.message ?? 'invalid');
  if (parsed.success && problem === null) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: importError(
      'invalid-options',
      file,
      null,
      `the dataset's stored encoder cannot be read (${problem})`,
      'Import the file again to register a fresh dataset.',
    ),
  };
}

function vocabularyProblem(encoder: DatasetEncoder): string | null {
  const vocabularies =
    encoder.kind === 'text'
      ? [encoder.vocabulary]
      : encoder.kind === 'pairs'
        ? [encoder.sourceVocabulary, encoder.targetVocabulary]
        : encoder.kind === 'labelled' && encoder.vocabulary !== null
          ? [encoder.vocabulary]
          : [];
  for (const v of vocabularies) {
    try {
      Vocabulary.fromJSON(v);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  return null;
}
