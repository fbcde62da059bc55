// The temporal order problem (Hochreiter & Schmidhuber 1997, experiments 6a and 6b): classify a long
// noisy sequence by the order in which two or three relevant symbols X / Y appeared in it.
//
// Legend: L sequence length, uniform in [length, 1.1·length]. Sequence: B, distractors from {a, b, c, d}, E,
// with X or Y placed at the relevant positions. Positions follow the paper (1-based, for length 100):
// 4 classes t₁ ∈ [10, 20], t₂ ∈ [50, 60]; 8 classes t₁ ∈ [10, 20], t₂ ∈ [33, 43], t₃ ∈ [66, 76]; scaled by length/100.
import type { SequenceExample } from '../data/example';
import { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import { choiceParam, intParam } from './params';
import { buildTask, defineTask, type Task } from './task';

export const TEMPORAL_ORDER_VOCABULARY = new Vocabulary(['a', 'b', 'c', 'd', 'X', 'Y', 'B', 'E']);
const DISTRACTORS = ['a', 'b', 'c', 'd'].map((s) => TEMPORAL_ORDER_VOCABULARY.id(s));

/** Paper positions (1-based, length 100) of the windows the relevant symbols fall in. */
const WINDOWS: Record<4 | 8, readonly (readonly [number, number])[]> = {
  4: [
    [10, 20],
    [50, 60],
  ],
  8: [
    [10, 20],
    [33, 43],
    [66, 76],
  ],
};

/** Class labels: the relevant symbols in order; id = Σ [symbol i is Y]·2^(k−1−i), so XX = 0, XY = 1, YX = 2, YY = 3. */
export function temporalOrderLabels(classes: 4 | 8): string[] {
  const k = classes === 4 ? 2 : 3;
  return Array.from({ length: classes }, (_, id) => Array.from({ length: k }, (_, i) => ((id >> (k - 1 - i)) & 1 ? 'Y' : 'X')).join(''));
}

export function temporalOrderSample(rng: Rng, length: number, classes: 4 | 8): SequenceExample {
  const L = length + rng.int(Math.floor(length / 10) + 1);
  const v = TEMPORAL_ORDER_VOCABULARY;
  const ids = new Int32Array(L);
  for (let t = 1; t < L - 1; t++) ids[t] = rng.choice(DISTRACTORS);
  ids[0] = v.id('B');
  ids[L - 1] = v.id('E');
  let label = 0;
  for (const [lo, hi] of WINDOWS[classes]) {
    const from = Math.round((lo * length) / 100);
    const to = Math.round((hi * length) / 100);
    const position = from + rng.int(to - from + 1) - 1; // 1-based paper position → index
    const isY = rng.int(2);
    ids[position] = v.id(isY ? 'Y' : 'X');
    label = 2 * label + isY;
  }
  return { kind: 'sequence', input: { kind: 'tokens', vocab: v.size, ids }, target: { kind: 'sequence-class', classes, id: label } };
}

export const temporalOrder = defineTask({
  id: 'temporal-order',
  title: 'Temporal order',
  description:
    'A long sequence of random distractor symbols hides two (or three) relevant symbols, each X or Y, at widely separated times; the class is their order (XX, XY, YX, YY, or the eight orders of three). ' +
    'The network must notice and remember the relevant symbols and their order across about 100 steps of noise. ' +
    'Hochreiter & Schmidhuber (1997), "Long Short-Term Memory", experiments 6a (4 classes) and 6b (8 classes).',
  shape: 'many-to-one',
  causality: { causal: false, reason: 'its target, the order of the relevant symbols, is due once the whole sequence has been read' },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy'],
  params: {
    length: intParam({
      label: 'Base length',
      description: 'Sequences are between this and 10% longer; relevant positions scale with it (paper: 100).',
      default: 100,
      min: 20,
      max: 5000,
    }),
    classes: choiceParam({ label: 'Classes', description: '4 classes (two relevant symbols) or 8 classes (three).', default: 4, options: [4, 8] }),
  },
  create(p): Task {
    return buildTask(temporalOrder, p, {
      input: { kind: 'tokens', vocabulary: TEMPORAL_ORDER_VOCABULARY },
      output: { kind: 'classes', labels: temporalOrderLabels(p.classes) },
      baseline: {
        metric: 'accuracy',
        value: 1 / p.classes,
        description: `Always answering the same class is right for 1 in ${p.classes} sequences: accuracy ${(1 / p.classes).toFixed(3)}.`,
      },
      sample: (rng) => temporalOrderSample(rng, p.length, p.classes),
    });
  },
});
