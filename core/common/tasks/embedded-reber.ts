// The embedded Reber grammar task: read a grammatical string one symbol at a time and predict the next,
// scored against the set of symbols the grammar allows there (Hochreiter & Schmidhuber 1997, experiment 1).
//
// Legend: n string length; input s[0..n−2] (L = n − 1 steps), target s[1..n−1], allowed [L, V] the legal next symbols.
import type { SequenceExample } from '../data/example';
import { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import { embeddedReberString, REBER_SYMBOLS } from './reber';
import { buildTask, defineTask, type Task } from './task';
import { at } from '../checked-index';

export const REBER_VOCABULARY = new Vocabulary([...REBER_SYMBOLS]);

export function embeddedReberSample(rng: Rng): SequenceExample {
  const v = REBER_VOCABULARY;
  const V = v.size;
  const { symbols, legal } = embeddedReberString(rng);
  const ids = v.encode(symbols);
  const L = ids.length - 1;
  const allowed = new Uint8Array(L * V);
  for (let t = 0; t < L; t++)
    for (const symbol of at(legal, t + 1, 'embeddedReberSample: legal symbols (one list per position)')) allowed[t * V + v.id(symbol)] = 1;
  return {
    kind: 'sequence',
    input: { kind: 'tokens', vocab: V, ids: ids.subarray(0, L) },
    target: { kind: 'step-classes', classes: V, ids: ids.slice(1), allowed },
  };
}

export const embeddedReber = defineTask({
  id: 'embedded-reber',
  title: 'Embedded Reber grammar',
  description:
    'Strings of a small finite-state grammar are read one symbol at a time, and after each symbol the network predicts which symbols may come next. ' +
    'In the embedded form the second symbol (T or P) is repeated just before the end, after a whole inner Reber string, so a perfect prediction needs memory across the string, not just of the last few symbols. ' +
    'Reber (1967); Cleeremans, Servan-Schreiber & McClelland (1989); Hochreiter & Schmidhuber (1997), "Long Short-Term Memory", experiment 1.',
  shape: 'many-to-many',
  causality: { causal: true, reason: 'its target at step t is the next symbol of the string, which is the input at step t + 1' },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'legal-next-accuracy'],
  params: {},
  create(p): Task {
    return buildTask(embeddedReber, p, {
      input: { kind: 'tokens', vocabulary: REBER_VOCABULARY },
      output: { kind: 'tokens', vocabulary: REBER_VOCABULARY },
      baseline: {
        metric: 'legal-next-accuracy',
        value: 0.5,
        description:
          'A model that knows the inner grammar perfectly but has forgotten the second symbol predicts every step legally except the penultimate one, which it guesses: half the strings fully right (legal-next-accuracy 0.5).',
      },
      sample: (rng) => embeddedReberSample(rng),
    });
  },
});
