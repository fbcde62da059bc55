// Character-level language modelling on any text: windows of T consecutive characters in, the next character
// at every step out (Karpathy's min-char-rnn setting). The built-in corpus is synthetic-text.ts.
//
// Legend: T window. Input ids [T] = text[s, s + T), target ids [T] = text[s + 1, s + T + 1); windows lie
// inside one time-ordered split (series-split.ts), so validation text is never trained on.
import type { SequenceExample } from '../data/example';
import { Vocabulary } from '../data/vocabulary';
import { intParam } from './params';
import { smallestSplit, splitRange, windowStart } from '../data/series-split';
import { syntheticText } from './synthetic-text';
import { buildTask, defineTask, type Baseline, type Task } from './task';

/** Seed of the built-in corpus, fixed so every run of `char-lm` reads the same text. */
export const CORPUS_SEED = 1865;

/**
 * Perplexity of a unigram model fitted on the training split (add-one smoothed over the text's characters)
 * on the validation split: exp(−Σ log p(c) / n). The floor any model with memory should go below.
 */
export function unigramPerplexity(ids: Int32Array, vocabulary: Vocabulary): number {
  const [trainFrom, trainTo] = splitRange(ids.length, 'train');
  const [from, to] = splitRange(ids.length, 'validation');
  const counts = new Float64Array(vocabulary.size);
  for (let i = trainFrom; i < trainTo; i++) counts[ids[i]!]!++;
  const symbols = vocabulary.ordinaryTokens.length;
  let logLikelihood = 0;
  for (let i = from; i < to; i++) logLikelihood += Math.log((counts[ids[i]!]! + 1) / (trainTo - trainFrom + symbols));
  return Math.exp(-logLikelihood / (to - from));
}

function windowSample(ids: Int32Array, vocab: number, start: number, window: number): SequenceExample {
  return {
    kind: 'sequence',
    input: { kind: 'tokens', vocab, ids: ids.slice(start, start + window) },
    target: { kind: 'step-classes', classes: vocab, ids: ids.slice(start + 1, start + window + 1) },
  };
}

const params = {
  window: intParam({ label: 'Window T', description: 'Characters per training sequence (the truncated-BPTT length).', default: 64, min: 2, max: 2000 }),
  corpusLength: intParam({
    label: 'Corpus length',
    description: 'Characters of built-in text, split 80/10/10 in order into training, validation and test.',
    default: 200_000,
    min: 1000,
    max: 5_000_000,
  }),
};

export const charLanguageModel = defineTask({
  id: 'char-lm',
  title: 'Character-level language model',
  description:
    'Read text one character at a time and predict the next character at every step. Spelling needs a few characters of memory, grammar and quotation marks many more; sampling from the trained model shows what it learned. ' +
    'The built-in corpus is generated English-like prose, so nothing is downloaded; your own text can be imported instead. ' +
    'Karpathy (2015), "The Unreasonable Effectiveness of Recurrent Neural Networks" (min-char-rnn); Graves (2013), "Generating Sequences With Recurrent Neural Networks".',
  shape: 'many-to-many',
  causality: { causal: true, reason: 'its target at step t is the next character, which is the input at step t + 1' },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'perplexity', 'bits-per-char', 'accuracy'],
  params,
  check(p) {
    const room = smallestSplit(p.corpusLength);
    return p.window + 1 <= room
      ? []
      : [
          {
            param: 'window',
            message: `window + 1 (${p.window + 1}) must fit in the smallest split (${room} characters); raise corpusLength or shorten the window`,
          },
        ];
  },
  create(p): Task {
    return charLanguageModelOn(syntheticText(CORPUS_SEED, p.corpusLength), p.window);
  },
});

/** The character-level language-modelling task on any text (e.g. an imported file); vocabulary from the text. */
export function charLanguageModelOn(text: string, window: number): Task {
  const vocabulary = Vocabulary.fromText(text);
  const ids = vocabulary.encode(text);
  if (!Number.isInteger(window) || window < 1 || window + 1 > smallestSplit(ids.length)) {
    throw new Error(`charLanguageModelOn: a window of ${window} + 1 characters does not fit in the smallest split of a ${ids.length}-character text`);
  }
  const value = unigramPerplexity(ids, vocabulary);
  const baseline: Baseline = {
    metric: 'perplexity',
    value,
    description: `A unigram model (each character's frequency in the training text, no memory) has perplexity ≈ ${value.toFixed(2)} on the validation text.`,
  };
  return buildTask(
    charLanguageModel,
    { window, corpusLength: ids.length },
    {
      input: { kind: 'tokens', vocabulary },
      output: { kind: 'tokens', vocabulary },
      baseline,
      sample: (rng, split) => windowSample(ids, vocabulary.size, windowStart(rng, ids.length, split, window + 1), window),
    },
  );
}
