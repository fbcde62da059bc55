// The adding and multiplication problems (Hochreiter & Schmidhuber 1997, experiment 4/5), in the
// setting of Le, Jaitly & Hinton 2015: values uniform in [0, 1), exactly two marked, one in each half.
//
// Legend: T sequence length. Input per step: [value, marker] (I = 2); target: one value per sequence (O = 1).
import type { SequenceExample } from '../data/example';
import type { Rng } from '../random/rng';
import { intParam } from './params';
import { buildTask, defineTask, dense, type TargetOf, type Task } from './task';

export type MarkedPairOperation = 'sum' | 'product';

/**
 * One sequence: x [T, 2] with x[t, 0] ~ U[0, 1), x[t, 1] = 1 at exactly two steps, one uniform in
 * [0, ⌊T/2⌋) and one uniform in [⌊T/2⌋, T); target the sum or product of the two marked values.
 */
export function markedPairSample(rng: Rng, length: number, operation: MarkedPairOperation): SequenceExample {
  if (!Number.isInteger(length) || length < 2) throw new Error(`markedPairSample: length must be an integer >= 2, got ${length}`);
  const x = new Float32Array(length * 2);
  for (let t = 0; t < length; t++) x[2 * t] = rng.next();
  const half = Math.floor(length / 2);
  const first = rng.int(half);
  const second = half + rng.int(length - half);
  x[2 * first + 1] = 1;
  x[2 * second + 1] = 1;
  const a = x[2 * first]!;
  const b = x[2 * second]!;
  return {
    kind: 'sequence',
    input: { kind: 'dense', features: 2, x },
    target: { kind: 'sequence-values', outputs: 1, values: Float32Array.of(operation === 'sum' ? a + b : a * b) },
  };
}

/**
 * The target of any [value, marker] input x [T, 2] by the problem's definition: the sum or product of the two
 * marked values, one marked in each half. An input outside the definition has none, and says why.
 */
export function markedPairTarget(operation: MarkedPairOperation): TargetOf {
  return (x, features) => {
    if (features !== 2) return { ok: false, reason: `the input has ${features} feature(s) per step; the problem reads [value, marker]` };
    const T = x.length / 2;
    const marked: number[] = [];
    for (let t = 0; t < T; t++) {
      const marker = x[2 * t + 1]!;
      if (marker !== 0 && marker !== 1) return { ok: false, reason: `the marker of step ${t + 1} is ${marker}; a marker is 0 or 1` };
      if (marker === 1) marked.push(t);
    }
    const half = Math.floor(T / 2);
    const [first, second] = marked;
    if (marked.length !== 2 || first === undefined || second === undefined)
      return { ok: false, reason: `${marked.length} step(s) are marked; the problem marks exactly two` };
    if (first >= half || second < half)
      return {
        ok: false,
        reason: `the marked steps are ${first + 1} and ${second + 1}; the problem marks one in each half (steps 1–${half} and ${half + 1}–${T})`,
      };
    const a = x[2 * first]!;
    const b = x[2 * second]!;
    return { ok: true, values: Float32Array.of(operation === 'sum' ? a + b : a * b) };
  };
}

const params = {
  length: intParam({
    label: 'Sequence length T',
    description: 'Steps per sequence; the two marked values are on average T/2 steps apart.',
    default: 100,
    min: 2,
    max: 10000,
  }),
};

export const addingProblem = defineTask({
  id: 'adding-problem',
  title: 'Adding problem',
  description:
    'Each step carries a random value in [0, 1) and a marker; exactly two values are marked, one in each half of the sequence, and the network must output their sum at the end. ' +
    'It tests whether a recurrent network can carry information across T steps while ignoring everything else in between. ' +
    'Hochreiter & Schmidhuber (1997), "Long Short-Term Memory", experiment 4; setting of Le, Jaitly & Hinton (2015), "A Simple Way to Initialize Recurrent Networks of Rectified Linear Units".',
  shape: 'many-to-one',
  causality: { causal: false, reason: 'its target, the sum of the two marked values, is due once the whole sequence has been read' },
  loss: 'mse',
  metrics: ['mse'],
  params,
  create(p): Task {
    return buildTask(addingProblem, p, {
      input: dense(['value', 'marker']),
      output: dense(['sum']),
      // sum of two independent U[0, 1): mean 1, variance 2 · 1/12 = 1/6
      baseline: { metric: 'mse', value: 1 / 6, description: 'Always predicting 1, the mean of the sum, gives MSE = Var(a + b) = 2/12 = 1/6 ≈ 0.167.' },
      sample: (rng) => markedPairSample(rng, p.length, 'sum'),
      targetOf: markedPairTarget('sum'),
    });
  },
});

export const multiplicationProblem = defineTask({
  id: 'multiplication-problem',
  title: 'Multiplication problem',
  description:
    'Like the adding problem, but the target is the product of the two marked values, which a network cannot reach by simply accumulating marked inputs. ' +
    'Hochreiter & Schmidhuber (1997), "Long Short-Term Memory", experiment 5; two marked values, one in each half, as in Le, Jaitly & Hinton (2015).',
  shape: 'many-to-one',
  causality: { causal: false, reason: 'its target, the product of the two marked values, is due once the whole sequence has been read' },
  loss: 'mse',
  metrics: ['mse'],
  params,
  create(p): Task {
    return buildTask(multiplicationProblem, p, {
      input: dense(['value', 'marker']),
      output: dense(['product']),
      // E[ab] = 1/4, E[(ab)²] = E[a²]² = 1/9, so Var(ab) = 1/9 − 1/16 = 7/144
      baseline: {
        metric: 'mse',
        value: 7 / 144,
        description: 'Always predicting 1/4, the mean of the product, gives MSE = Var(a·b) = 1/9 − 1/16 = 7/144 ≈ 0.049.',
      },
      sample: (rng) => markedPairSample(rng, p.length, 'product'),
      targetOf: markedPairTarget('product'),
    });
  },
});
