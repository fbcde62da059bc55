// Encoding new inputs and decoding outputs with a dataset's stored encoder, for inference after training: the
// same tokenisation, vocabularies, label order and z-scores the import fitted and the Task used. The part of
// the encoder a codec reads (`DatasetCodecJson`) travels inside exported models, so a file alone decodes right.
//
// Legend: W window rows, I input columns, H horizon, L sequence length.
import { z } from 'zod';
import { Vocabulary } from '../vocabulary';
import { labelledEncoderSchema, pairsEncoderSchema, seriesEncoderSchema, textEncoderSchema, type DatasetEncoder } from './encoder';
import { labelledOptionsSchema, pairsOptionsSchema, textOptionsSchema } from './import-options';
import type { Location } from './import-error';
import { normalise, denormalise, type ZScore } from './normaliser';
import { fieldTokens } from './sequence-fields';
import { TextTokens } from './text-import';
import { at } from '../../checked-index';

export type DatasetCodec =
  | {
      readonly kind: 'series';
      /** Input columns in feature order, and the forecast column. */
      readonly inputs: readonly string[];
      readonly target: string;
      /** @param rows [W][I] raw values of the input columns @returns [W, I] z-scored, as the Task's x */
      encodeRows(rows: readonly (readonly number[])[]): Float32Array;
      /** @param values [H] model outputs @returns the target in its own units */
      decodeTarget(values: ArrayLike<number>): number[];
    }
  | {
      readonly kind: 'text';
      readonly vocabulary: Vocabulary;
      /** Ids of a text, tokenised as the import did (level, lower-casing, line breaks). */
      encode(text: string): Int32Array;
      /** Ids of tokens already split (lower-cased when the import lower-cased). */
      encodeTokens(tokens: readonly string[]): Int32Array;
      decode(ids: ArrayLike<number>): string;
    }
  | {
      readonly kind: 'pairs';
      readonly source: Vocabulary;
      readonly target: Vocabulary;
      encodeSource(text: string | readonly string[]): Int32Array;
      decodeTarget(ids: ArrayLike<number>): string;
    }
  | {
      readonly kind: 'labelled';
      readonly labels: readonly string[];
      /** [L] z-scored numbers (number elements) or [L] ids (token elements). */
      encodeSequence(sequence: string | readonly string[] | readonly number[]): Float32Array | Int32Array;
      decodeClass(id: number): string;
    };

/** What a codec reads of an encoder: normalisers and column names, vocabularies, labels, tokenisation. */
export const datasetCodecJsonSchema = z.discriminatedUnion('kind', [
  seriesEncoderSchema.pick({ kind: true, inputs: true, target: true, normaliser: true }),
  textEncoderSchema.pick({ kind: true, vocabulary: true }).extend({ options: textOptionsSchema.pick({ level: true, lowercase: true }) }),
  pairsEncoderSchema
    .pick({ kind: true, sourceVocabulary: true, targetVocabulary: true })
    .extend({ options: pairsOptionsSchema.pick({ level: true, lowercase: true }) }),
  labelledEncoderSchema
    .pick({ kind: true, labels: true, vocabulary: true, normaliser: true })
    .extend({ options: labelledOptionsSchema.pick({ level: true, lowercase: true }) }),
]);
export type DatasetCodecJson = z.output<typeof datasetCodecJsonSchema>;

/** The codec part of a stored encoder (the file layout, counts and splits stay behind). */
export function datasetCodecJson(encoder: DatasetEncoder): DatasetCodecJson {
  switch (encoder.kind) {
    case 'series':
      return {
        kind: 'series',
        inputs: [...encoder.inputs],
        target: encoder.target,
        normaliser: encoder.normaliser.map((z) => ({ name: z.name, mean: z.mean, std: z.std })),
      };
    case 'text':
      return { kind: 'text', vocabulary: encoder.vocabulary, options: { level: encoder.options.level, lowercase: encoder.options.lowercase } };
    case 'pairs':
      return {
        kind: 'pairs',
        sourceVocabulary: encoder.sourceVocabulary,
        targetVocabulary: encoder.targetVocabulary,
        options: { level: encoder.options.level, lowercase: encoder.options.lowercase },
      };
    case 'labelled':
      return {
        kind: 'labelled',
        labels: [...encoder.labels],
        vocabulary: encoder.vocabulary,
        normaliser: encoder.normaliser,
        options: { level: encoder.options.level, lowercase: encoder.options.lowercase },
      };
  }
}

/** One sentence on what the codec does to values crossing the model, for people reading a model's description. */
export function describeDatasetCodec(codec: DatasetCodecJson): string {
  const z = (s: { name: string; mean: number; std: number }): string => `${s.name} (mean ${round(s.mean)}, std ${round(s.std)})`;
  const text = (o: { level: 'char' | 'word'; lowercase: boolean }): string =>
    `${o.level === 'char' ? 'characters' : 'words'}${o.lowercase ? ', lower-cased' : ''}`;
  switch (codec.kind) {
    case 'series': {
      const target = codec.normaliser.find((s) => s.name === codec.target);
      const inputs = codec.normaliser.filter((s) => codec.inputs.includes(s.name));
      return `Values are in the dataset's units: inputs are z-scored with the training rows' statistics of ${inputs.map(z).join(', ')}, and forecasts of ${target ? z(target) : codec.target} are scaled back.`;
    }
    case 'text':
      return `Text is tokenised as the dataset was (${text(codec.options)}) and mapped through its vocabulary.`;
    case 'pairs':
      return `Source text is tokenised as the dataset was (${text(codec.options)}) and mapped through its source vocabulary; outputs decode through its target vocabulary.`;
    case 'labelled':
      return codec.normaliser !== null
        ? `Sequence values are in the dataset's units, z-scored with the training sequences' ${z(codec.normaliser)}.`
        : `Sequences are tokenised as the dataset was (${text(codec.options)}) and mapped through its vocabulary.`;
  }
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** @param encoder a stored encoder, or the codec part of one (as an exported model carries it) */
export function datasetCodec(encoder: DatasetEncoder | DatasetCodecJson): DatasetCodec {
  switch (encoder.kind) {
    case 'series': {
      const inputs: ZScore[] = encoder.inputs.map((name) => zScoreOf(encoder.normaliser, name));
      const target = zScoreOf(encoder.normaliser, encoder.target);
      return {
        kind: 'series',
        inputs: [...encoder.inputs],
        target: encoder.target,
        encodeRows(rows) {
          const I = inputs.length;
          const x = new Float32Array(rows.length * I);
          rows.forEach((row, t) => {
            if (row.length !== I) throw new Error(`datasetCodec.encodeRows: rows[${t}] has ${row.length} values, expected ${I} (${encoder.inputs.join(', ')})`);
            row.forEach((v, i) => (x[t * I + i] = normalise(v, at(inputs, i, 'datasetCodec.encodeRows: input normalisers'))));
          });
          return x;
        },
        decodeTarget: (values) => Array.from(values, (y) => denormalise(y, target)),
      };
    }
    case 'text': {
      const vocabulary = Vocabulary.fromJSON(encoder.vocabulary);
      const { level, lowercase } = encoder.options;
      return {
        kind: 'text',
        vocabulary,
        encode(text) {
          const ids: number[] = [];
          const tokens = new TextTokens('(input)', level, lowercase, Number.MAX_SAFE_INTEGER);
          const sink = (token: string, _at: () => Location): void => void ids.push(vocabulary.id(token));
          tokens.push(text, sink);
          tokens.end(sink);
          return Int32Array.from(ids);
        },
        encodeTokens: (tokens) => vocabulary.encode(lowercase ? tokens.map((t) => t.toLowerCase()) : tokens),
        decode: (ids) => vocabulary.decodeText(ids, level === 'char' ? '' : ' '),
      };
    }
    case 'pairs': {
      const source = Vocabulary.fromJSON(encoder.sourceVocabulary);
      const target = Vocabulary.fromJSON(encoder.targetVocabulary);
      const { level, lowercase } = encoder.options;
      return {
        kind: 'pairs',
        source,
        target,
        encodeSource: (text) => source.encode(fieldTokens(text, level, lowercase)),
        decodeTarget: (ids) => target.decodeText(ids, level === 'char' ? '' : ' '),
      };
    }
    case 'labelled': {
      const vocabulary = encoder.vocabulary === null ? null : Vocabulary.fromJSON(encoder.vocabulary);
      const z = encoder.normaliser;
      const { level, lowercase } = encoder.options;
      return {
        kind: 'labelled',
        labels: encoder.labels,
        encodeSequence(sequence) {
          if (vocabulary !== null) return vocabulary.encode(fieldTokens(typeof sequence === 'string' ? sequence : sequence.map(String), level, lowercase));
          const numbers =
            typeof sequence === 'string'
              ? sequence
                  .split(/\s+/u)
                  .filter((e) => e !== '')
                  .map(Number)
              : sequence.map(Number);
          return Float32Array.from(numbers, (x) => (z === null ? x : normalise(x, z)));
        },
        decodeClass(id) {
          const label = encoder.labels[id];
          if (label === undefined) throw new Error(`datasetCodec.decodeClass: class ${id} is outside [0, ${encoder.labels.length})`);
          return label;
        },
      };
    }
  }
}

function zScoreOf(normaliser: readonly ZScore[], name: string): ZScore {
  const z = normaliser.find((n) => n.name === name);
  if (z === undefined) throw new Error(`datasetCodec: the encoder has no normaliser for column ${JSON.stringify(name)}`);
  return z;
}
