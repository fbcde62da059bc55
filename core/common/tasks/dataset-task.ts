// A registered dataset as a Task: its stored encoder plus the arrays the loader read, turned into the same
// interface the built-in tasks implement, so the training session trains on imported data unchanged.
// Series and text use time-ordered splits (series-split.ts); pairs and labelled sequences a seeded random one.
//
// Legend: N rows / examples, W window, H horizon, I input columns.
import type { Example } from '../data/example';
import { Vocabulary, EOS_ID } from '../data/vocabulary';
import { unigramPerplexity } from './char-lm';
import { persistenceMse } from './forecast-window';
import { largestWindow, smallestSplit, splitRange, windowStart } from '../data/series-split';
import { buildTask, dense, type Split, type Task } from './task';
import type { DatasetEncoder, LabelledEncoder, PairsEncoder, SeriesEncoder, TextEncoder } from '../data/import/encoder';
import { importError, type ImportResult } from '../data/import/import-error';
import type { LabelledData } from '../data/import/labelled-import';
import type { PairsData } from '../data/import/pairs-import';
import type { SeriesData } from '../data/import/series-import';
import type { DatasetData } from '../data/import/dataset-data';
import { assignSplits, SPLIT_CODES } from '../data/import/split-assignment';
import { datasetDefinitions } from './dataset-definitions';
import { at } from '../checked-index';

export type { DatasetData } from '../data/import/dataset-data';

/** Per-run choices that are not part of the data: windows for series and text (default: the import's). */
export interface DatasetTaskParams {
  readonly window?: number;
  readonly horizon?: number;
}

/**
 * Builds the Task; a window that does not fit the dataset's smallest split is an 'invalid-options' error.
 * @param file the dataset's source, for messages
 */
export function datasetTask(encoder: DatasetEncoder, data: DatasetData, file: string, params: DatasetTaskParams = {}): ImportResult<Task> {
  if (encoder.kind !== data.kind) throw new Error(`datasetTask: a ${encoder.kind} encoder with ${data.kind} data`);
  // the window a run asked for is named as asked; what follows it (horizon, or the next token) is said separately
  const tooLong = (window: number, after: number, length: number, unit: string, following: string): ImportResult<Task> => {
    const room = smallestSplit(length);
    const largest = largestWindow(length, after);
    const todo =
      largest >= 1
        ? `Set task.params.window to ${largest} or less: the largest window that fits every split.`
        : `No window fits with ${following}: set task.params.horizon to ${room - 1} or less.`;
    return {
      ok: false,
      error: importError(
        'invalid-options',
        file,
        null,
        `a window of ${window} ${unit} does not fit in the smallest split of this dataset: with ${following}, one example spans ${window + after} ${unit}, but the smallest split (10% each for validation and test) has ${room}`,
        todo,
      ),
    };
  };
  switch (data.kind) {
    case 'series': {
      const e = encoder as SeriesEncoder;
      const window = params.window ?? e.options.window;
      const horizon = params.horizon ?? e.options.horizon;
      if (window + horizon > smallestSplit(e.rows))
        return tooLong(window, horizon, e.rows, 'rows', `the ${horizon} forecast value${horizon === 1 ? '' : 's'} after it (task.params.horizon)`);
      return { ok: true, value: seriesTask(e, data.series, window, horizon) };
    }
    case 'text': {
      const e = encoder as TextEncoder;
      const window = params.window ?? e.options.window;
      if (window + 1 > smallestSplit(data.ids.length)) return tooLong(window, 1, data.ids.length, 'tokens', 'the token after it (the target of its last step)');
      return { ok: true, value: textTask(e, data.ids, window) };
    }
    case 'pairs':
      return { ok: true, value: pairsTask(encoder as PairsEncoder, data.pairs) };
    case 'labelled':
      return { ok: true, value: labelledTask(encoder as LabelledEncoder, data.labelled) };
  }
}

function seriesTask(e: SeriesEncoder, data: SeriesData, window: number, horizon: number): Task {
  const N = e.rows;
  const I = e.inputs.length;
  const [from, to] = splitRange(N, 'validation');
  const value = persistenceMse(data.target, from, to, window, horizon);
  return buildTask(
    datasetDefinitions.series,
    { window, horizon },
    {
      input: dense(e.inputs),
      output: dense(Array.from({ length: horizon }, (_, h) => `${e.target}(t+${h + 1})`)),
      baseline: {
        metric: 'mse',
        value,
        description: `Repeating the last value of ${e.target} for every forecast step (persistence) gives MSE ≈ ${value.toPrecision(3)} on the validation windows (in z-scored units).`,
      },
      sample(rng, split): Example {
        const start = windowStart(rng, N, split, window + horizon);
        const x = data.features.slice(start * I, (start + window) * I); // [W, I]
        const y = data.target.slice(start + window, start + window + horizon); // [H]
        return { kind: 'sequence', input: { kind: 'dense', features: I, x }, target: { kind: 'sequence-values', outputs: horizon, values: y } };
      },
    },
  );
}

function textTask(e: TextEncoder, ids: Int32Array, window: number): Task {
  const vocabulary = Vocabulary.fromJSON(e.vocabulary);
  const V = vocabulary.size;
  const value = unigramPerplexity(ids, vocabulary);
  return buildTask(
    datasetDefinitions.text,
    { window },
    {
      input: { kind: 'tokens', vocabulary },
      output: { kind: 'tokens', vocabulary },
      baseline: {
        metric: 'perplexity',
        value,
        description: `A unigram model (each ${e.options.level === 'char' ? 'character' : 'word'}'s frequency in the training text, no memory) has perplexity ≈ ${value.toFixed(2)} on the validation text.`,
      },
      // Bits per character only mean that when a token is a character.
      metrics: e.options.level === 'char' ? [...datasetDefinitions.text.metrics, 'bits-per-char'] : datasetDefinitions.text.metrics,
      sample(rng, split): Example {
        const start = windowStart(rng, ids.length, split, window + 1);
        return {
          kind: 'sequence',
          input: { kind: 'tokens', vocab: V, ids: ids.slice(start, start + window) },
          target: { kind: 'step-classes', classes: V, ids: ids.slice(start + 1, start + window + 1) },
        };
      },
    },
  );
}

/** Example indices of each split, from the stored seed (the import and every load agree). */
function splitIndices(n: number, seed: number): Record<Split, Int32Array> {
  const codes = assignSplits(n, seed);
  const list = (split: Split): Int32Array => Int32Array.from(indicesWhere(codes, SPLIT_CODES.indexOf(split)));
  return { train: list('train'), validation: list('validation'), test: list('test') };
}

function indicesWhere(codes: Uint8Array, code: number): number[] {
  const out: number[] = [];
  codes.forEach((c, i) => c === code && out.push(i));
  return out;
}

function pairsTask(e: PairsEncoder, data: PairsData): Task {
  const source = Vocabulary.fromJSON(e.sourceVocabulary);
  const target = Vocabulary.fromJSON(e.targetVocabulary);
  const splits = splitIndices(e.examples, e.split.seed);
  const targetOf = (k: number): Int32Array => data.targetIds.subarray(data.targetOffsets[k], data.targetOffsets[k + 1]);
  // the most frequent target token over the training targets (EOS included), scored position by position
  const counts = new Float64Array(target.size);
  for (const k of splits.train) {
    for (const id of targetOf(k)) counts[id]!++;
    counts[EOS_ID]!++;
  }
  const guess = argmax(counts);
  let hits = 0;
  let scored = 0;
  for (const k of splits.validation) {
    for (const id of [...targetOf(k), EOS_ID]) hits += id === guess ? 1 : 0;
    scored += targetOf(k).length + 1;
  }
  const value = hits / scored;
  return buildTask(
    datasetDefinitions.pairs,
    {},
    {
      input: { kind: 'tokens', vocabulary: source },
      output: { kind: 'tokens', vocabulary: target },
      baseline: {
        metric: 'accuracy',
        value,
        description: `Always writing the most frequent target token (${JSON.stringify(target.token(guess))}) gives token accuracy ≈ ${value.toFixed(3)} on the validation pairs (EOS included).`,
      },
      sample(rng, split): Example {
        const list = splits[split];
        const k = rng.choice(list);
        return {
          kind: 'seq2seq',
          source: { kind: 'tokens', vocab: source.size, ids: data.sourceIds.slice(data.sourceOffsets[k], data.sourceOffsets[k + 1]) },
          targetVocab: target.size,
          target: targetOf(k).slice(),
        };
      },
    },
  );
}

function labelledTask(e: LabelledEncoder, data: LabelledData): Task {
  const vocabulary = e.vocabulary === null ? null : Vocabulary.fromJSON(e.vocabulary);
  const splits = splitIndices(e.examples, e.split.seed);
  const C = e.labels.length;
  const counts = new Float64Array(C);
  // the load pass refuses a file whose example count changed, so every example index has a label
  const labelOf = (k: number): number => at(data.labels, k, 'labelledTask: the loaded labels');
  for (const k of splits.train) counts[labelOf(k)]!++;
  const majority = argmax(counts);
  const value = splits.validation.reduce((hits, k) => hits + (labelOf(k) === majority ? 1 : 0), 0) / splits.validation.length;
  return buildTask(
    datasetDefinitions.labelled,
    {},
    {
      input: vocabulary === null ? dense([e.sequence]) : { kind: 'tokens', vocabulary },
      output: { kind: 'classes', labels: e.labels },
      baseline: {
        metric: 'accuracy',
        value,
        description: `Always answering the most common training class (${JSON.stringify(e.labels[majority])}) gives accuracy ≈ ${value.toFixed(3)} on the validation examples.`,
      },
      sample(rng, split): Example {
        const list = splits[split];
        const k = rng.choice(list);
        const [from, to] = [data.offsets[k], data.offsets[k + 1]];
        const input =
          vocabulary === null || data.ids === null
            ? { kind: 'dense' as const, features: 1, x: (data.values ?? new Float32Array(0)).slice(from, to) }
            : { kind: 'tokens' as const, vocab: vocabulary.size, ids: data.ids.slice(from, to) };
        return { kind: 'sequence', input, target: { kind: 'sequence-class', classes: C, id: labelOf(k) } };
      },
    },
  );
}

/** Index of the largest value (the first, on ties). */
function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
