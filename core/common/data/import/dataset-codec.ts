// Encoding new inputs and decoding outputs with a dataset's stored encoder, for inference after training: the
// same tokenisation, vocabularies, label order and z-scores the import fitted and the Task used.
//
// Legend: W window rows, I input columns, H horizon, L sequence length.
import { Vocabulary } from '../vocabulary';
import type { DatasetEncoder } from './encoder';
import type { Location } from './import-error';
import { normalise, denormalise, type ZScore } from './normaliser';
import { fieldTokens } from './sequence-fields';
import { TextTokens } from './text-import';

export type DatasetCodec =
  | {
      readonly kind: 'series';
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

export function datasetCodec(encoder: DatasetEncoder): DatasetCodec {
  switch (encoder.kind) {
    case 'series': {
      const inputs: ZScore[] = encoder.inputs.map((name) => zScoreOf(encoder.normaliser, name));
      const target = zScoreOf(encoder.normaliser, encoder.target);
      return {
        kind: 'series',
        encodeRows(rows) {
          const I = inputs.length;
          const x = new Float32Array(rows.length * I);
          rows.forEach((row, t) => {
            if (row.length !== I) throw new Error(`datasetCodec.encodeRows: rows[${t}] has ${row.length} values, expected ${I} (${encoder.inputs.join(', ')})`);
            row.forEach((v, i) => (x[t * I + i] = normalise(v, inputs[i])));
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
          const numbers = typeof sequence === 'string' ? sequence.split(/\s+/u).filter((e) => e !== '').map(Number) : sequence.map(Number);
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
