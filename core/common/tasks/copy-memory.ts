// The copy (delayed-recall) memory task of Arjovsky, Shah & Bengio 2016, after Hochreiter & Schmidhuber 1997:
// N symbols, a blank delay, a delimiter, then the network must reproduce the N symbols.
//
// Legend: N symbols to remember, K alphabet size, D delay; sequence length L = D + 2N.
// Input  a₁…a_N  _ × (D − 1)  :  _ × N
// Target _ × (D + N)              a₁…a_N
import type { SequenceExample } from '../data/example';
import { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import { booleanParam, intParam } from './params';
import { buildTask, defineTask, type Task } from './task';

export const BLANK = '_';
export const DELIMITER = ':';

/** The K symbols a, b, c, … then blank and delimiter. */
export function copyVocabulary(alphabet: number): Vocabulary {
  const letters = Array.from({ length: alphabet }, (_, i) => String.fromCharCode(97 + i));
  return new Vocabulary([...letters, BLANK, DELIMITER]);
}

export interface CopyOptions {
  readonly symbols: number;
  readonly alphabet: number;
  readonly delay: number;
  /** Score only the N recall steps instead of all L. */
  readonly recallOnly: boolean;
}

export function copySample(rng: Rng, vocabulary: Vocabulary, o: CopyOptions): SequenceExample {
  const L = o.delay + 2 * o.symbols;
  const blank = vocabulary.id(BLANK);
  const input = new Int32Array(L).fill(blank);
  const target = new Int32Array(L).fill(blank);
  for (let i = 0; i < o.symbols; i++) {
    // the letters take the first K ordinary ids, in order
    const symbol = vocabulary.id(String.fromCharCode(97 + rng.int(o.alphabet)));
    input[i] = symbol;
    target[o.delay + o.symbols + i] = symbol;
  }
  input[o.symbols + o.delay - 1] = vocabulary.id(DELIMITER);
  const mask = o.recallOnly ? new Float32Array(L).fill(1, o.delay + o.symbols) : undefined;
  return {
    kind: 'sequence',
    input: { kind: 'tokens', vocab: vocabulary.size, ids: input },
    target: { kind: 'step-classes', classes: vocabulary.size, ids: target, ...(mask === undefined ? {} : { mask }) },
  };
}

export const copyMemory = defineTask({
  id: 'copy-memory',
  title: 'Copy memory (delayed recall)',
  description:
    'The network reads N random symbols, then a long run of blanks, then a delimiter, and must then write the N symbols back in order. ' +
    'Nothing in the delay helps, so the symbols must be held in the recurrent state for the whole delay; a memoryless model can only output blanks and guess. ' +
    'Arjovsky, Shah & Bengio (2016), "Unitary Evolution Recurrent Neural Networks", after Hochreiter & Schmidhuber (1997).',
  shape: 'many-to-many',
  causality: {
    causal: false,
    reason:
      'its target at step t is a blank (fixed by the position) or a symbol shown before the delay, while the inputs after t are only blanks and the delimiter at its fixed position, so they reveal nothing',
  },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy', 'sequence-accuracy'],
  params: {
    symbols: intParam({ label: 'Symbols to copy N', description: 'How many symbols are shown and must be recalled.', default: 10, min: 1, max: 100 }),
    alphabet: intParam({ label: 'Alphabet size K', description: 'How many distinct symbols the sequence is drawn from.', default: 8, min: 2, max: 26 }),
    delay: intParam({
      label: 'Delay D',
      description: 'Steps between the last symbol and the first recalled one, delimiter included.',
      default: 100,
      min: 1,
      max: 5000,
    }),
    recallOnly: booleanParam({ label: 'Score recall only', description: 'Score only the N recall steps instead of every step.', default: false }),
  },
  create(p): Task {
    const vocabulary = copyVocabulary(p.alphabet);
    const L = p.delay + 2 * p.symbols;
    // Memoryless: blank where the target is blank (loss 0), uniform over K at each recall step (loss log K)
    const value = p.recallOnly ? Math.log(p.alphabet) : (p.symbols * Math.log(p.alphabet)) / L;
    return buildTask(copyMemory, p, {
      input: { kind: 'tokens', vocabulary },
      output: { kind: 'tokens', vocabulary },
      baseline: {
        metric: 'cross-entropy',
        value,
        description: p.recallOnly
          ? `A memoryless guess, uniform over the ${p.alphabet} symbols at each recall step, gives cross-entropy log ${p.alphabet} ≈ ${value.toFixed(3)}.`
          : `A memoryless model (blanks, then a uniform guess over the ${p.alphabet} symbols at each recall step) gives cross-entropy N·log K / (D + 2N) ≈ ${value.toFixed(3)}.`,
      },
      sample: (rng) => copySample(rng, vocabulary, p),
    });
  },
});
