// Parity of a bit string: the XOR of all bits (many-to-one), or the running XOR at every step (many-to-many).
// Every bit changes the answer, so nothing may be forgotten.
//
// Legend: L length, uniform in [minLength, maxLength]. Input x [L, 1] with bits as 0 / 1; classes 0 = even, 1 = odd.
import type { SequenceExample } from '../data/example';
import type { Rng } from '../random/rng';
import { intParam } from './params';
import { buildTask, defineTask, orderedRange, type Task } from './task';

/** One bit string; the target is the total parity, or the parity of each prefix when `running`. */
export function paritySample(rng: Rng, minLength: number, maxLength: number, running: boolean): SequenceExample {
  const L = minLength + rng.int(maxLength - minLength + 1);
  const x = new Float32Array(L);
  const prefix = new Int32Array(L);
  let parity = 0;
  for (let t = 0; t < L; t++) {
    const bit = rng.int(2);
    x[t] = bit;
    parity ^= bit;
    prefix[t] = parity;
  }
  return {
    kind: 'sequence',
    input: { kind: 'dense', features: 1, x },
    target: running ? { kind: 'step-classes', classes: 2, ids: prefix } : { kind: 'sequence-class', classes: 2, id: parity },
  };
}

const params = {
  minLength: intParam({ label: 'Minimum length', description: 'Shortest bit string.', default: 10, min: 1, max: 1000 }),
  maxLength: intParam({ label: 'Maximum length', description: 'Longest bit string; lengths are uniform between the two.', default: 30, min: 1, max: 1000 }),
};
const labels = ['even', 'odd'];

export const parity = defineTask({
  id: 'parity',
  title: 'Parity',
  description:
    'Output whether a random bit string holds an odd number of ones (the XOR of all bits), read after the last bit. ' +
    'Flipping any single bit flips the answer, so the network must track one bit of state exactly over the whole sequence; gradient descent finds this hard as strings grow. ' +
    'Minsky & Papert (1969), "Perceptrons"; a long-time-lag benchmark in Bengio, Simard & Frasconi (1994), "Learning Long-Term Dependencies with Gradient Descent is Difficult".',
  shape: 'many-to-one',
  causality: { causal: false, reason: 'its target, the parity of the whole string, is due once the whole string has been read' },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy'],
  params,
  check: (p) => orderedRange('minLength', p.minLength, 'maxLength', p.maxLength),
  create(p): Task {
    return buildTask(parity, p, {
      input: { kind: 'dense', features: 1, names: ['bit'] },
      output: { kind: 'classes', labels },
      baseline: {
        metric: 'accuracy',
        value: 0.5,
        description: 'Even and odd strings are equally likely, so a constant answer is right half the time: accuracy 0.5.',
      },
      sample: (rng) => paritySample(rng, p.minLength, p.maxLength, false),
    });
  },
});

export const runningParity = defineTask({
  id: 'running-parity',
  title: 'Running parity',
  description:
    'Output after every bit whether the string so far holds an odd number of ones. ' +
    'Each answer needs only the previous answer and the current bit, so a network that learns the one-bit recurrence solves any length; it is the stepping stone to whole-string parity. ' +
    'A per-step variant of the parity problem of Minsky & Papert (1969), "Perceptrons".',
  shape: 'many-to-many',
  causality: {
    causal: false,
    reason: 'its target at step t is the parity of the bits up to t, and the bits after t are independent of it, so reading them reveals nothing (nor helps)',
  },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy', 'sequence-accuracy'],
  params,
  check: (p) => orderedRange('minLength', p.minLength, 'maxLength', p.maxLength),
  create(p): Task {
    return buildTask(runningParity, p, {
      input: { kind: 'dense', features: 1, names: ['bit'] },
      output: { kind: 'classes', labels },
      baseline: {
        metric: 'accuracy',
        value: 0.5,
        description: 'Every prefix parity is even or odd with equal chance, so a constant answer is right half the time: accuracy 0.5.',
      },
      sample: (rng) => paritySample(rng, p.minLength, p.maxLength, true),
    });
  },
});
