// Toy seq2seq tasks that prove an encoder–decoder learns (issue 4): reverse a string, sort digits, and add two
// numbers written as text. Character-level; source and target share one vocabulary.
import { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import { intParam } from './params';
import { naiveAnswerBaseline, randomString, textPairExample } from './seq2seq-text';
import { buildTask, defineTask, ENCODER_DECODER_CAUSALITY, orderedRange, type MetricName, type Task } from './task';

const METRICS: readonly MetricName[] = ['cross-entropy', 'accuracy', 'sequence-accuracy'];
const DIGITS = Array.from('0123456789');

const lengthParams = {
  minLength: intParam({ label: 'Minimum length', description: 'Shortest source string.', default: 5, min: 1, max: 500 }),
  maxLength: intParam({ label: 'Maximum length', description: 'Longest source string; lengths are uniform between the two.', default: 20, min: 1, max: 500 }),
};

function drawLength(rng: Rng, min: number, max: number): number {
  return min + rng.int(max - min + 1);
}

export const reverseString = defineTask({
  id: 'reverse-string',
  title: 'Reverse a string',
  description:
    "Read a random string and write it backwards. The first output character depends on the last input one and the last output on the first, so without attention the whole string must squeeze through the encoder's final state. " +
    'A classic test of encoder–decoders and attention: Sutskever, Vinyals & Le (2014) showed reversing helps translation; Bahdanau, Cho & Bengio (2015) introduced the attention that makes long reversals easy.',
  shape: 'seq2seq',
  causality: ENCODER_DECODER_CAUSALITY,
  loss: 'cross-entropy',
  metrics: METRICS,
  params: { alphabet: intParam({ label: 'Alphabet size', description: 'Distinct letters, from a onwards.', default: 10, min: 2, max: 26 }), ...lengthParams },
  check: (p) => orderedRange('minLength', p.minLength, 'maxLength', p.maxLength),
  create(p): Task {
    const letters = Array.from({ length: p.alphabet }, (_, i) => String.fromCharCode(97 + i));
    const vocabulary = new Vocabulary(letters);
    const draw = (rng: Rng): { source: string; target: string } => {
      const source = randomString(rng, letters, drawLength(rng, p.minLength, p.maxLength));
      return { source, target: Array.from(source).reverse().join('') };
    };
    return buildTask(reverseString, p, {
      input: { kind: 'tokens', vocabulary },
      output: { kind: 'tokens', vocabulary },
      baseline: naiveAnswerBaseline(draw, (source) => source, 'Copying the source unreversed'),
      sample: (rng) => {
        const { source, target } = draw(rng);
        return textPairExample(vocabulary, source, target);
      },
    });
  },
});

export const sortDigits = defineTask({
  id: 'sort-digits',
  title: 'Sort digits',
  description:
    'Read a random string of digits and write the same digits in ascending order. The output is a count of each digit, so the network must tally the whole input before writing anything. ' +
    'Vinyals, Bengio & Kudlur (2016), "Order Matters: Sequence to Sequence for Sets", use sorting as their benchmark for sequence-to-sequence models.',
  shape: 'seq2seq',
  causality: ENCODER_DECODER_CAUSALITY,
  loss: 'cross-entropy',
  metrics: METRICS,
  params: lengthParams,
  check: (p) => orderedRange('minLength', p.minLength, 'maxLength', p.maxLength),
  create(p): Task {
    const vocabulary = new Vocabulary(DIGITS);
    const draw = (rng: Rng): { source: string; target: string } => {
      const source = randomString(rng, DIGITS, drawLength(rng, p.minLength, p.maxLength));
      return { source, target: Array.from(source).sort().join('') };
    };
    return buildTask(sortDigits, p, {
      input: { kind: 'tokens', vocabulary },
      output: { kind: 'tokens', vocabulary },
      baseline: naiveAnswerBaseline(draw, (source) => source, 'Copying the digits unsorted'),
      sample: (rng) => {
        const { source, target } = draw(rng);
        return textPairExample(vocabulary, source, target);
      },
    });
  },
});

/** An operand: its digit count uniform in [1, maxDigits], then uniform among numbers of that many digits. */
export function drawOperand(rng: Rng, maxDigits: number): number {
  const digits = 1 + rng.int(maxDigits);
  const low = digits === 1 ? 0 : 10 ** (digits - 1);
  return low + rng.int(10 ** digits - low);
}

export const textAddition = defineTask({
  id: 'text-addition',
  title: 'Add numbers written as text',
  description:
    'Read a sum such as "123+45" character by character and write its result "168". The network must align digits of equal place value, which sit at different distances from the end in the two operands, and propagate carries from right to left. ' +
    'Zaremba & Sutskever (2014), "Learning to Execute", popularised learning arithmetic from text with recurrent networks.',
  shape: 'seq2seq',
  causality: ENCODER_DECODER_CAUSALITY,
  loss: 'cross-entropy',
  metrics: METRICS,
  params: { maxDigits: intParam({ label: 'Digits per operand', description: 'Each operand has 1 to this many digits.', default: 3, min: 1, max: 9 }) },
  create(p): Task {
    const vocabulary = new Vocabulary([...DIGITS, '+']);
    const draw = (rng: Rng): { source: string; target: string } => {
      const a = drawOperand(rng, p.maxDigits);
      const b = drawOperand(rng, p.maxDigits);
      return { source: `${a}+${b}`, target: String(a + b) };
    };
    return buildTask(textAddition, p, {
      input: { kind: 'tokens', vocabulary },
      output: { kind: 'tokens', vocabulary },
      // split always gives at least one piece
      baseline: naiveAnswerBaseline(draw, (source) => source.split('+')[0]!, 'Answering with the first operand'),
      sample: (rng) => {
        const { source, target } = draw(rng);
        return textPairExample(vocabulary, source, target);
      },
    });
  },
});
