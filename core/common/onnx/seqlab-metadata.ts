// The `metadata_props` SeqLab writes into every exported model, and their reader: which run, task
// and spec the model came from, how its inputs and outputs are encoded (vocabulary, class labels or
// feature names) and what they mean — enough to drive the model with nothing but the .onnx file.
//
// Every value is a string (ONNX StringStringEntryProto); structured ones are JSON. The exporter's own
// `seqlab.graph` (model-builder.ts GraphDescription) sits beside these.

import { z } from 'zod';
import { datasetCodec, datasetCodecJsonSchema, describeDatasetCodec, type DatasetCodecJson } from '../data/import/dataset-codec';
import type { Vocabulary } from '../data/vocabulary';
import type { Encoding, Task } from '../tasks/task';
import { LOSS_NAMES, OUTPUT_VALUE_KINDS, READOUTS, TASK_SHAPES, TOKENIZATIONS, type Tokenization } from '../tasks/task-vocabulary';
import { CHECKPOINT_KINDS, type CheckpointKind } from '../train/checkpoint-kinds';

/** Bumped when a key changes meaning; readers refuse a newer format. */
export const SEQLAB_METADATA_FORMAT = 1;

export const METADATA_KEYS = {
  format: 'seqlab.format',
  version: 'seqlab.version',
  runId: 'seqlab.run_id',
  /** JSON `{ id, shape, loss, params }` */
  task: 'seqlab.task',
  /** JSON: the run's resolved experiment spec. */
  spec: 'seqlab.spec',
  /** JSON `{ kind, step }`: the checkpoint the weights come from. */
  checkpoint: 'seqlab.checkpoint',
  /** JSON `EncodingJson` + meaning of the graph input. */
  input: 'seqlab.input',
  /** JSON `EncodingJson` + readout, value kind and meaning of `y`. */
  output: 'seqlab.output',
  /** One sentence for people browsing the file (Netron shows metadata). */
  description: 'seqlab.description',
  /**
   * JSON `DatasetCodecJson`, for a model trained on an imported dataset: the normalisers (x and y of the
   * graph are z-scored) or tokenisation and vocabularies that put values in the dataset's own units.
   */
  datasetCodec: 'seqlab.dataset_codec',
} as const;

const vocabularyJsonSchema = z.object({ format: z.literal('seqlab-vocabulary'), version: z.literal(1), tokens: z.array(z.string().min(1)) });

/** An Encoding as JSON (a Vocabulary travels as its toJSON()). */
export const encodingJsonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dense'), names: z.array(z.string()) }),
  z.object({ kind: z.literal('classes'), labels: z.array(z.string()) }),
  z.object({
    kind: z.literal('tokens'),
    vocabulary: vocabularyJsonSchema,
    /** How text splits into tokens: by code point, or on whitespace. */
    tokenization: z.enum(TOKENIZATIONS),
  }),
]);
export type EncodingJson = z.infer<typeof encodingJsonSchema>;

const inputMetadataSchema = z.object({ encoding: encodingJsonSchema, meaning: z.string() });
const outputMetadataSchema = z.object({
  encoding: encodingJsonSchema,
  /** `y` [T, B, O] at every step, or [B, O] once per sequence from the final states. */
  readout: z.enum(READOUTS),
  /** Softmax probabilities over classes / tokens, or raw regression values. */
  values: z.enum(OUTPUT_VALUE_KINDS),
  meaning: z.string(),
});
const taskMetadataSchema = z.object({
  id: z.string(),
  shape: z.enum(TASK_SHAPES),
  loss: z.enum(LOSS_NAMES),
  params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
});
const checkpointMetadataSchema = z.object({ kind: z.enum(CHECKPOINT_KINDS), step: z.number().int().nonnegative() });

export type InputMetadata = z.infer<typeof inputMetadataSchema>;
export type OutputMetadata = z.infer<typeof outputMetadataSchema>;
export type TaskMetadata = z.infer<typeof taskMetadataSchema>;

/** What a reader gets back from a SeqLab model's metadata. */
export interface SeqlabMetadata {
  readonly seqlabVersion: string;
  readonly runId: number | null;
  readonly task: TaskMetadata;
  readonly spec: unknown;
  readonly checkpoint: { readonly kind: CheckpointKind; readonly step: number } | null;
  readonly input: InputMetadata;
  readonly output: OutputMetadata;
  /** How values in the dataset's units map to the graph's and back; null for built-in tasks. */
  readonly datasetCodec: DatasetCodecJson | null;
}

/** Where an export came from: written beside the encodings. */
export interface ExportProvenance {
  readonly seqlabVersion: string;
  readonly runId: number | null;
  /** The run's resolved experiment spec (JSON-safe). */
  readonly spec: unknown;
  readonly checkpoint?: { readonly kind: CheckpointKind; readonly step: number };
  /** For a run on an imported dataset: the codec part of its encoder. */
  readonly datasetCodec?: DatasetCodecJson;
}

/** A vocabulary whose every token is one code point was built from characters (Vocabulary.fromText). */
export function vocabularyTokenization(vocabulary: Vocabulary): Tokenization {
  return vocabulary.ordinaryTokens.every((token) => Array.from(token).length === 1) ? 'characters' : 'words';
}

export function encodingToJson(encoding: Encoding): EncodingJson {
  switch (encoding.kind) {
    case 'dense':
      return { kind: 'dense', names: [...encoding.names] };
    case 'classes':
      return { kind: 'classes', labels: [...encoding.labels] };
    case 'tokens':
      return { kind: 'tokens', vocabulary: encoding.vocabulary.toJSON(), tokenization: vocabularyTokenization(encoding.vocabulary) };
  }
}

function inputMeaning(encoding: Encoding): string {
  switch (encoding.kind) {
    case 'dense':
      return `ids absent; x [T, B, ${encoding.features}] float features per step: ${encoding.names.join(', ')}`;
    case 'classes':
      return `ids [T, B] int64 symbol ids, id k meaning label k of seqlab.input.encoding.labels`;
    case 'tokens':
      return `ids [T, B] int64 token ids of seqlab.input.encoding.vocabulary (0 <pad>, 1 <bos>, 2 <eos>, 3 <unk>, then the tokens in order)`;
  }
}

function outputMeaning(task: Task, perStep: boolean): string {
  const where = perStep ? 'at every step, y [T, B, O]' : 'once per sequence from the final states, y [B, O]';
  switch (task.output.kind) {
    case 'dense':
      return `regression values ${where}: ${task.output.names.join(', ')}`;
    case 'classes':
      return `probabilities over the classes of seqlab.output.encoding.labels ${where}`;
    case 'tokens':
      return `probabilities over the next token of seqlab.output.encoding.vocabulary ${where}`;
  }
}

/** The metadata_props of a model trained on `task` (per-step head or not), with its provenance. */
export function buildSeqlabMetadata(task: Task, perStep: boolean, provenance: ExportProvenance): Record<string, string> {
  const input: InputMetadata = { encoding: encodingToJson(task.input), meaning: inputMeaning(task.input) };
  const output: OutputMetadata = {
    encoding: encodingToJson(task.output),
    readout: perStep ? 'every-step' : 'final-state',
    values: task.output.kind === 'dense' ? 'values' : 'probabilities',
    meaning: outputMeaning(task, perStep),
  };
  const taskJson: TaskMetadata = { id: task.id, shape: task.shape, loss: task.loss, params: { ...task.params } };
  const run = provenance.runId === null ? 'outside a run' : `in run ${provenance.runId}`;
  const codec = provenance.datasetCodec === undefined ? '' : ` ${describeDatasetCodec(provenance.datasetCodec)}`;
  const out: Record<string, string> = {
    [METADATA_KEYS.format]: String(SEQLAB_METADATA_FORMAT),
    [METADATA_KEYS.version]: provenance.seqlabVersion,
    [METADATA_KEYS.runId]: provenance.runId === null ? '' : String(provenance.runId),
    [METADATA_KEYS.task]: JSON.stringify(taskJson),
    [METADATA_KEYS.spec]: JSON.stringify(provenance.spec ?? null),
    [METADATA_KEYS.input]: JSON.stringify(input),
    [METADATA_KEYS.output]: JSON.stringify(output),
    [METADATA_KEYS.description]: `A SeqLab ${provenance.seqlabVersion} model trained on task "${task.id}" (${task.shape}) ${run}. Input: ${input.meaning}. Output: ${output.meaning}.${codec}`,
  };
  if (provenance.checkpoint) out[METADATA_KEYS.checkpoint] = JSON.stringify(provenance.checkpoint);
  if (provenance.datasetCodec) out[METADATA_KEYS.datasetCodec] = JSON.stringify(provenance.datasetCodec);
  return out;
}

export type MetadataResult = { readonly ok: true; readonly metadata: SeqlabMetadata } | { readonly ok: false; readonly message: string };

/**
 * Reads the SeqLab keys back. A file without them (not exported by SeqLab) or with a newer format is
 * an expected failure, returned with what is wrong.
 */
export function parseSeqlabMetadata(props: Readonly<Record<string, string>>): MetadataResult {
  const format = props[METADATA_KEYS.format];
  if (format === undefined) return { ok: false, message: `the model has no "${METADATA_KEYS.format}" metadata, so it was not exported by SeqLab` };
  if (Number(format) > SEQLAB_METADATA_FORMAT) {
    return { ok: false, message: `the model's metadata format ${format} is newer than this SeqLab reads (${SEQLAB_METADATA_FORMAT}); update SeqLab` };
  }
  const json = <T>(key: string, schema: z.ZodType<T>, optional = false): T | null => {
    const raw = props[key];
    if (raw === undefined || raw === '') {
      if (optional) return null;
      throw new Error(`"${key}" is missing`);
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error(`"${key}" is not JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`"${key}" is not valid: ${issue ? `${issue.path.join('.') || '(value)'}: ${issue.message}` : 'unknown shape'}`);
    }
    return parsed.data;
  };
  try {
    const runId = props[METADATA_KEYS.runId];
    const codec = json(METADATA_KEYS.datasetCodec, datasetCodecJsonSchema, true);
    if (codec !== null) checkCodec(codec);
    return {
      ok: true,
      metadata: {
        seqlabVersion: props[METADATA_KEYS.version] ?? '',
        runId: runId === undefined || runId === '' ? null : Number(runId),
        task: json(METADATA_KEYS.task, taskMetadataSchema) as TaskMetadata,
        spec: json(METADATA_KEYS.spec, z.unknown(), true),
        checkpoint: json(METADATA_KEYS.checkpoint, checkpointMetadataSchema, true),
        input: json(METADATA_KEYS.input, inputMetadataSchema) as InputMetadata,
        output: json(METADATA_KEYS.output, outputMetadataSchema) as OutputMetadata,
        datasetCodec: codec,
      },
    };
  } catch (e) {
    return { ok: false, message: `the model's SeqLab metadata is damaged: ${(e as Error).message}` };
  }
}

/** Builds the codec once, so a damaged vocabulary is reported with the metadata rather than at first use. */
function checkCodec(codec: DatasetCodecJson): void {
  try {
    datasetCodec(codec);
  } catch (e) {
    throw new Error(`"${METADATA_KEYS.datasetCodec}" is not valid: ${(e as Error).message}`);
  }
}
