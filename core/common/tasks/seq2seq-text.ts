// Shared pieces of the text-to-text toy tasks: building a seq2seq example from two strings, and scoring a
// naive answer the way the trainer scores the model (target tokens plus EOS, position by position).
import type { Seq2SeqExample } from '../data/example';
import type { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import { measureBaseline } from './baseline';
import type { Baseline } from './task';

/** Character-level example: source ids [S], target ids [n] (collate adds BOS / EOS). */
export function textPairExample(vocabulary: Vocabulary, source: string, target: string): Seq2SeqExample {
  return {
    kind: 'seq2seq',
    source: { kind: 'tokens', vocab: vocabulary.size, ids: vocabulary.encode(source) },
    targetVocab: vocabulary.size,
    target: vocabulary.encode(target),
  };
}

/**
 * Token accuracy of answering `guess` when the answer is `target`: matching positions among the n + 1
 * scored ones (n characters and EOS); a guess of the wrong length misses from where it ends.
 */
export function guessAccuracy(target: string, guess: string): { total: number; count: number } {
  const y = [...Array.from(target), '\u0000'];
  const g = [...Array.from(guess), '\u0000'];
  let matches = 0;
  for (let t = 0; t < y.length; t++) if (g[t] === y[t]) matches++;
  return { total: matches, count: y.length };
}

/** A measured token-accuracy baseline for a naive answering rule. */
export function naiveAnswerBaseline(draw: (rng: Rng) => { source: string; target: string }, answer: (source: string) => string, rule: string): Baseline {
  const value = measureBaseline(2000, (rng) => {
    const { source, target } = draw(rng);
    return guessAccuracy(target, answer(source));
  });
  return { metric: 'accuracy', value, description: `${rule} gives token accuracy ≈ ${value.toFixed(3)} (EOS included, measured on 2000 fixed-seed examples).` };
}

/** A random string of `length` characters drawn uniformly from `alphabet`. */
export function randomString(rng: Rng, alphabet: readonly string[], length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += rng.choice(alphabet);
  return s;
}
