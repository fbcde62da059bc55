// What a user asks an import to do, validated with defaults filled in: one option set per kind of dataset
// (series, text, source→target pairs, labelled sequences). Unknown keys and out-of-range values come back as an
// 'invalid-options' error naming the option.
import { z } from 'zod';
import { importError, type ImportResult } from './import-error';

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

/** The window a series or text import offers a run (rows or tokens), and its default per kind; the import form reads these. */
export const IMPORT_WINDOW_LIMITS = { min: 1, max: 100_000 } as const;
export const DEFAULT_IMPORT_WINDOW = { series: 50, text: 64 } as const;

const delimiter = z
  .string()
  .refine(
    (d) => d === 'auto' || (d.length === 1 && d !== '"' && d !== '\n' && d !== '\r'),
    'delimiter must be "auto" or one character other than a quote or a line break',
  );

/** Where the rows of a table-like file come from. */
const tableSource = {
  /** 'auto' reads .jsonl/.ndjson as JSON Lines, anything else by sniffing (a first line starting with '{' is JSON Lines). */
  format: z.enum(['auto', 'delimited', 'jsonl']).default('auto'),
  /** 'auto' detects among , tab ; | (tab for .tsv files unless the content says otherwise). */
  delimiter: delimiter.default('auto'),
  /** Whether the first row names the columns; 'auto' decides from its cells (text over numbers). */
  header: z.union([z.boolean(), z.literal('auto')]).default('auto'),
  maxRecordChars: int('maxRecordChars', 16, 100_000_000).default(1_000_000),
};

const common = {
  /** The dataset's name; defaults to the file name. */
  name: z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters').optional(),
  /** Refuse a dataset whose training arrays would need more memory than this. */
  maxLoadedBytes: int('maxLoadedBytes', 1024, 2 ** 40).default(2 ** 30),
};

const vocabularyLimits = {
  maxVocabulary: int('maxVocabulary', 1, 10_000_000).optional(),
  /** 'error' refuses a file with more distinct tokens than maxVocabulary; 'unknown' keeps the most frequent and maps the rest to <unk>. */
  overflow: z.enum(['error', 'unknown']).default('error'),
  lowercase: z.boolean().default(false),
};

const seed = int('seed', 0, 2 ** 32 - 1).default(1);

export const seriesOptionsSchema = z
  .object({
    kind: z.literal('series'),
    ...common,
    ...tableSource,
    format: z.enum(['auto', 'delimited']).default('auto'),
    /** Input columns by name (no header: column1, column2, …); default every numeric column. */
    columns: z.array(z.string().min(1)).min(1, 'columns must name at least one column').optional(),
    /** The column to forecast; default the last input column. */
    target: z.string().min(1).optional(),
    /** The mark before a number's fraction; 'auto' reads 1,5 as 1.5 in a file not delimited by commas whose numbers are written so. */
    decimal: z.enum(['auto', '.', ',']).default('auto'),
    /** The window a run reads by default (a run may choose another: `task.params.window`); the import says which fit. */
    window: int('window', IMPORT_WINDOW_LIMITS.min, IMPORT_WINDOW_LIMITS.max).default(DEFAULT_IMPORT_WINDOW.series),
    horizon: int('horizon', 1, 10_000).default(1),
  })
  .strict();

export const textOptionsSchema = z
  .object({
    kind: z.literal('text'),
    ...common,
    ...vocabularyLimits,
    level: z.enum(['char', 'word']).default('char'),
    window: int('window', IMPORT_WINDOW_LIMITS.min, IMPORT_WINDOW_LIMITS.max).default(DEFAULT_IMPORT_WINDOW.text),
    /** Longest word accepted at word level. */
    maxTokenChars: int('maxTokenChars', 1, 1_000_000).default(1000),
  })
  .strict();

export const pairsOptionsSchema = z
  .object({
    kind: z.literal('pairs'),
    ...common,
    ...tableSource,
    ...vocabularyLimits,
    /** Column or JSON field of the source text; default the first column, or "source". */
    source: z.string().min(1).optional(),
    /** Column or JSON field of the target text; default the second column, or "target". */
    target: z.string().min(1).optional(),
    level: z.enum(['char', 'word']).default('char'),
    /** Longest source or target, in tokens. */
    maxLength: int('maxLength', 1, 1_000_000).default(500),
    seed,
  })
  .strict();

export const labelledOptionsSchema = z
  .object({
    kind: z.literal('labelled'),
    ...common,
    ...tableSource,
    ...vocabularyLimits,
    /** Column or JSON field of the label; default "label" if present, else the first column. */
    label: z.string().min(1).optional(),
    /** Column or JSON field of the sequence; default "sequence" if present, else the second column. */
    sequence: z.string().min(1).optional(),
    /** What the sequence's space-separated elements are; 'auto' picks numbers when every element in the first rows is one. */
    elements: z.enum(['auto', 'numbers', 'tokens']).default('auto'),
    /** How a token sequence written as one string is split. */
    level: z.enum(['char', 'word']).default('word'),
    maxClasses: int('maxClasses', 2, 100_000).default(1000),
    maxLength: int('maxLength', 1, 1_000_000).default(1000),
    seed,
  })
  .strict();

export const importOptionsSchema = z.discriminatedUnion('kind', [seriesOptionsSchema, textOptionsSchema, pairsOptionsSchema, labelledOptionsSchema]);

/** A kind's options without their defaults (filled in once the kind is known) and without `kind`. */
function optionalFields<S extends z.ZodRawShape>(shape: S): { [K in Exclude<keyof S, 'kind'>]: z.ZodOptional<z.ZodType<z.output<S[K]>, z.input<S[K]>>> } {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (key === 'kind') continue;
    const field = schema as z.ZodType;
    fields[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional();
  }
  return fields as never;
}

/**
 * Options with the kind left out (or 'auto'): the kind is detected from the file's content, then the options are
 * checked again as that kind's. Every option of any kind is accepted here and checked for its type and range.
 */
export const detectKindOptionsSchema = z
  .object({
    ...optionalFields(seriesOptionsSchema.shape),
    ...optionalFields(textOptionsSchema.shape),
    ...optionalFields(labelledOptionsSchema.shape),
    ...optionalFields(pairsOptionsSchema.shape),
    kind: z.literal('auto').optional(),
  })
  .strict();

/** What a caller may ask for: one kind's options, or options whose kind is to be detected. */
export const importRequestSchema = z.discriminatedUnion('kind', [
  seriesOptionsSchema,
  textOptionsSchema,
  pairsOptionsSchema,
  labelledOptionsSchema,
  detectKindOptionsSchema,
]);

export type ImportRequestInput = z.input<typeof importRequestSchema>;
export type ImportRequest = z.output<typeof importRequestSchema>;
export type DetectKindOptions = z.output<typeof detectKindOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

/** Whether a request leaves its kind to be detected (otherwise it is one kind's options). */
export function detectsKind(request: ImportRequest): request is DetectKindOptions {
  return request.kind === undefined || request.kind === 'auto';
}
export type ImportOptions = z.output<typeof importOptionsSchema>;
export type SeriesOptions = z.output<typeof seriesOptionsSchema>;
export type TextOptions = z.output<typeof textOptionsSchema>;
export type PairsOptions = z.output<typeof pairsOptionsSchema>;
export type LabelledOptions = z.output<typeof labelledOptionsSchema>;
export type { ImportKind } from './import-kinds';

/** Default vocabulary limit when maxVocabulary is left out. */
export function vocabularyLimit(options: { maxVocabulary?: number | undefined; level: 'char' | 'word' }): number {
  return options.maxVocabulary ?? (options.level === 'char' ? 5000 : 100_000);
}

/** Validates raw options of a known kind (from a form, the CLI or the API); `detected` says how the kind was chosen, for the message. */
export function parseImportOptions(raw: unknown, file: string, detected?: string): ImportResult<ImportOptions> {
  return parseWith(importOptionsSchema, raw, file, detected);
}

/** Validates raw options whose kind may be left out (to be detected from the file). */
export function parseImportRequest(raw: unknown, file: string): ImportResult<ImportRequest> {
  return parseWith(importRequestSchema, raw, file);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, file: string, detected?: string): ImportResult<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue === undefined ? '(options)' : issue.path.map(String).join('.') || '(options)';
  const what = `the import option ${path} is invalid: ${issue?.message ?? 'unknown problem'}${detected === undefined ? '' : ` (for the kind ${detected})`}`;
  const todo =
    detected === undefined
      ? 'Correct the option and import again; the file was not read.'
      : 'Correct the option, or give the kind yourself if the detected one is wrong, and import again.';
  return { ok: false, error: importError('invalid-options', file, null, what, todo) };
}
