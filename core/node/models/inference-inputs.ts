// Turning a playground request's input into what the graph reads: text or tokens into ids through
// the model's own vocabulary or labels, [T, I] rows into x. A mismatch is an expected failure that
// says what the model wants instead.

import type { InferenceOutcome } from './inference-protocol';
import type { LoadedModel } from './inference-model';

const fail = (message: string): InferenceOutcome<never> => ({ ok: false, code: 'invalid-input', message });

/** Input ids of text or tokens for a token or class model, or why they cannot be made. */
export function encodeSymbols(model: LoadedModel, input: { text: string } | { tokens: readonly string[] }): InferenceOutcome<number[]> {
  const encoding = model.metadata.input.encoding;
  if (encoding.kind === 'dense') return fail(`This model reads ${encoding.names.length} number(s) per step (${encoding.names.join(', ')}); give "values" [T, ${encoding.names.length}], not text.`);
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

/** [T, I] rows as the graph's x, or why they do not fit the model. */
export function denseInput(model: LoadedModel, values: readonly (readonly number[])[]): InferenceOutcome<Float32Array> {
  const I = model.graph.input.features;
  if (model.graph.input.kind === 'embedding' || I === null) return fail('This model reads tokens; give "text" or "tokens", not values.');
  const x = new Float32Array(values.length * I);
  for (const [t, row] of values.entries()) {
    if (row.length !== I) return fail(`Step ${t + 1} has ${row.length} value(s); the model reads ${I} per step.`);
    if (!row.every(Number.isFinite)) return fail(`Step ${t + 1} has a value that is not a finite number.`);
    x.set(row, t * I);
  }
  return { ok: true, value: x };
}
