// Turning a playground request's input into what the graph reads, and its outputs back: text or tokens into
// ids through the model's own vocabulary or labels, [T, I] rows into x. A model trained on an imported dataset
// carries that dataset's codec: inputs are tokenised or z-scored as in training, regression outputs scaled
// back to the dataset's units. A mismatch is an expected failure that says what the model wants instead.

import type { InferenceOutcome } from './inference-protocol';
import type { LoadedModel } from './inference-model';

const fail = (message: string): InferenceOutcome<never> => ({ ok: false, code: 'invalid-input', message });

/** Input ids of text or tokens for a token or class model, or why they cannot be made. */
export function encodeSymbols(model: LoadedModel, input: { text: string } | { tokens: readonly string[] }): InferenceOutcome<number[]> {
  const encoding = model.metadata.input.encoding;
  if (encoding.kind === 'dense') return fail(`This model reads ${encoding.names.length} number(s) per step (${encoding.names.join(', ')}); give "values" [T, ${encoding.names.length}], not text.`);
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
    const tokens = 'text' in input ? (encoding.tokenization === 'characters' ? Array.from(input.text) : input.text.split(/\s+/).filter((t) => t !== '')) : input.tokens;
    return { ok: true, value: Array.from(vocabulary.encode(tokens)) };
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
    const x = codec.encodeSequence(values.map((row) => row[0] as number));
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
