// Turning a playground request's input into what the graph reads, and its outputs back: text or tokens into
// ids through the model's own vocabulary or labels, [T, I] rows into x. A model trained on an imported dataset
// carries that dataset's codec: inputs are tokenised or z-scored as in training, regression outputs scaled
// back to the dataset's units. A mismatch is an expected failure that says what the model wants instead; a
// token the vocabulary lacks is read as <unk>, and counted and named (UnknownTokens) so the caller can say so.

import type { UnknownTokens } from '../../common/api/entities';
import type { DatasetCodecJson } from '../../common/data/import/dataset-codec';
import { fieldTokens } from '../../common/data/import/sequence-fields';
import { TextTokens } from '../../common/data/import/text-import';
import { UNK_ID } from '../../common/data/vocabulary';
import { MAX_NAMED_UNKNOWN } from '../../common/generate/unknown-tokens';
import type { InferenceOutcome } from './inference-protocol';
import type { LoadedModel } from './inference-model';

const fail = (message: string): InferenceOutcome<never> => ({ ok: false, code: 'invalid-input', message });

/**
 * The input tokens read as <unk> (`ids[i]` is UNK_ID, and `tokens[i]` is not <unk> itself): how many, and
 * which, distinct, in order of first appearance. When the ids do not line up with `tokens` one to one, only
 * the count is known.
 */
export function unknownTokens(tokens: readonly string[] | null, ids: ArrayLike<number>): UnknownTokens {
  const named = new Set<string>();
  let count = 0;
  const aligned = tokens !== null && tokens.length === ids.length;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] !== UNK_ID || (aligned && tokens[i] === '<unk>')) continue;
    count++;
    if (aligned && named.size < MAX_NAMED_UNKNOWN) named.add(tokens[i]!);
  }
  return { count, tokens: [...named] };
}

/** The tokens a dataset codec splits text into (the import's own tokenisers), to name the unknown ones. */
export function codecTokens(codec: DatasetCodecJson, input: string | readonly string[]): readonly string[] | null {
  if (codec.kind === 'series') return null;
  const { level, lowercase } = codec.options;
  if (codec.kind === 'text' && typeof input === 'string') {
    const tokens: string[] = [];
    const reader = new TextTokens('(input)', level, lowercase, Number.MAX_SAFE_INTEGER);
    const sink = (token: string): void => void tokens.push(token);
    reader.push(input, sink);
    reader.end(sink);
    return tokens;
  }
  return fieldTokens(input, level, lowercase);
}

/** Input ids of text or tokens for a token or class model and the tokens read as <unk>, or why they cannot be made. */
export function encodeSymbols(
  model: LoadedModel,
  input: { text: string } | { tokens: readonly string[] },
): InferenceOutcome<{ ids: number[]; unknown: UnknownTokens }> {
  const encoded = encodeIds(model, input);
  if (!encoded.ok) return encoded;
  const ids = encoded.value;
  if (model.metadata.input.encoding.kind !== 'tokens') return { ok: true, value: { ids, unknown: { count: 0, tokens: [] } } };
  const given = 'text' in input ? input.text : input.tokens;
  const codecJson = model.metadata.datasetCodec;
  const tokens = codecJson !== null && model.codec !== null ? codecTokens(codecJson, given) : splitTokens(model, given);
  return { ok: true, value: { ids, unknown: unknownTokens(tokens, ids) } };
}

/** Text as a task vocabulary splits it: by code point, or on whitespace; tokens as given. */
function splitTokens(model: LoadedModel, input: string | readonly string[]): readonly string[] {
  const encoding = model.metadata.input.encoding;
  if (typeof input !== 'string') return input;
  return encoding.kind === 'tokens' && encoding.tokenization === 'words' ? input.split(/\s+/).filter((t) => t !== '') : Array.from(input);
}

/** The ids alone: the dataset codec's encoding, the task vocabulary's, or the class labels'. */
function encodeIds(model: LoadedModel, input: { text: string } | { tokens: readonly string[] }): InferenceOutcome<number[]> {
  const encoding = model.metadata.input.encoding;
  if (encoding.kind === 'dense')
    return fail(
      `This model reads ${encoding.names.length} number(s) per step (${encoding.names.join(', ')}); give "values" [T, ${encoding.names.length}], not text.`,
    );
  const codec = model.codec;
  if (encoding.kind === 'tokens' && codec !== null) {
    // the dataset's tokenisation: level, lower-casing, line breaks, as its import read the file
    if (codec.kind === 'text') {
      if ('text' in input) return { ok: true, value: Array.from(codec.encode(input.text)) };
      return { ok: true, value: Array.from(codec.encodeTokens(input.tokens)) };
    }
    if (codec.kind === 'labelled') return { ok: true, value: Array.from(codec.encodeSequence('text' in input ? input.text : input.tokens)) };
    if (codec.kind === 'pairs') return { ok: true, value: Array.from(codec.encodeSource('text' in input ? input.text : input.tokens)) };
  }
  if (encoding.kind === 'tokens') {
    const vocabulary = model.inputVocabulary;
    if (vocabulary === null) throw new Error('encodeSymbols: a token model without its vocabulary');
    return { ok: true, value: Array.from(vocabulary.encode(splitTokens(model, 'text' in input ? input.text : input.tokens))) };
  }
  const labels = encoding.labels;
  const symbols = 'text' in input ? Array.from(input.text) : input.tokens;
  const ids: number[] = [];
  for (const [i, symbol] of symbols.entries()) {
    const id = labels.indexOf(symbol);
    if (id < 0) return fail(`Symbol ${i + 1} ("${symbol}") is not one of the model's input labels: ${labels.join(', ')}.`);
    ids.push(id);
  }
  return { ok: true, value: ids };
}

/** [T, I] rows (in the dataset's units when the model has a codec) as the graph's x, or why they do not fit the model. */
export function denseInput(model: LoadedModel, values: readonly (readonly number[])[]): InferenceOutcome<Float32Array> {
  const I = model.graph.input.features;
  if (model.graph.input.kind === 'embedding' || I === null) return fail('This model reads tokens; give "text" or "tokens", not values.');
  for (const [t, row] of values.entries()) {
    if (row.length !== I) return fail(`Step ${t + 1} has ${row.length} value(s); the model reads ${I} per step.`);
    if (!row.every(Number.isFinite)) return fail(`Step ${t + 1} has a value that is not a finite number.`);
  }
  const codec = model.codec;
  if (codec?.kind === 'series' && I === codec.inputs.length) return { ok: true, value: codec.encodeRows(values) };
  if (codec?.kind === 'labelled' && I === 1) {
    const x = codec.encodeSequence(values.map((row) => row[0]!)); // every row has I = 1 value (checked above)
    if (x instanceof Float32Array) return { ok: true, value: x };
  }
  const x = new Float32Array(values.length * I);
  for (const [t, row] of values.entries()) x.set(row, t * I);
  return { ok: true, value: x };
}

/**
 * Regression outputs in the dataset's units: every value of y is a (z-scored) forecast of the series'
 * target, so each is scaled back with the target's statistics. Other outputs (probabilities) are unchanged.
 * @param y [R, O] flat rows of the graph's output
 */
export function decodeValues(model: LoadedModel, y: ArrayLike<number>): number[] {
  if (model.codec?.kind === 'series' && model.metadata.output.values === 'values') return model.codec.decodeTarget(y);
  return Array.from(y);
}
