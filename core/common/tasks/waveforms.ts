// Periodic waveform shapes and the sequence-classification task built on them: which of K noisy shapes,
// with random period, phase and amplitude, is this sequence?
//
// Legend: T length. x(t) = a·shape((φ + t/P) mod 1) + σ·ε, a ~ U[0.5, 1.5], P ~ U[Pmin, Pmax], φ ~ U[0, 1), ε ~ N(0, 1).
import type { SequenceExample } from '../data/example';
import type { Rng } from '../random/rng';
import { intParam, numberParam } from './params';
import { buildTask, defineTask, orderedRange, type Task } from './task';
import { at } from '../checked-index';

/** Each shape maps a phase u ∈ [0, 1) to [−1, 1]. */
export const WAVEFORMS: readonly { readonly name: string; readonly at: (u: number) => number }[] = [
  { name: 'sine', at: (u) => Math.sin(2 * Math.PI * u) },
  { name: 'square', at: (u) => (u < 0.5 ? 1 : -1) },
  { name: 'triangle', at: (u) => 1 - 4 * Math.abs(u - 0.5) },
  { name: 'rising sawtooth', at: (u) => 2 * u - 1 },
  { name: 'falling sawtooth', at: (u) => 1 - 2 * u },
  { name: 'pulse', at: (u) => (u < 0.2 ? 1 : -1) },
];

export interface WaveformOptions {
  readonly classes: number;
  readonly length: number;
  readonly minPeriod: number;
  readonly maxPeriod: number;
  readonly noise: number;
}

export function waveformSample(rng: Rng, o: WaveformOptions): SequenceExample {
  const label = rng.int(o.classes);
  const shape = at(WAVEFORMS, label, `waveformSample: shapes (classes ${o.classes} of at most ${WAVEFORMS.length})`).at;
  const amplitude = rng.uniform(0.5, 1.5);
  const period = rng.uniform(o.minPeriod, o.maxPeriod);
  const phase = rng.next();
  const x = new Float32Array(o.length);
  for (let t = 0; t < o.length; t++) {
    const u = (phase + t / period) % 1;
    x[t] = amplitude * shape(u) + (o.noise > 0 ? o.noise * rng.normal() : 0);
  }
  return { kind: 'sequence', input: { kind: 'dense', features: 1, x }, target: { kind: 'sequence-class', classes: o.classes, id: label } };
}

export const waveformClassification = defineTask({
  id: 'waveform-classification',
  title: 'Classify waveforms',
  description:
    'Each sequence is one of K periodic shapes (sine, square, triangle, rising or falling sawtooth, pulse) with a random period, phase and amplitude, buried in Gaussian noise; name the shape after the last step. ' +
    'No single step tells the shapes apart, so the network must integrate evidence over whole periods. ' +
    'A small synthetic stand-in for time-series classification benchmarks such as the UCR archive: Dau et al. (2019), "The UCR Time Series Archive".',
  shape: 'many-to-one',
  causality: { causal: false, reason: "its target, the shape's class, is due once the whole sequence has been read" },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy'],
  params: {
    classes: intParam({ label: 'Shapes K', description: 'How many shapes, taken in the listed order.', default: 4, min: 2, max: WAVEFORMS.length }),
    length: intParam({ label: 'Length T', description: 'Steps per sequence.', default: 50, min: 4, max: 5000 }),
    minPeriod: numberParam({ label: 'Shortest period', description: 'Shortest period, in steps.', default: 8, min: 2, max: 1000 }),
    maxPeriod: numberParam({ label: 'Longest period', description: 'Longest period, in steps.', default: 25, min: 2, max: 1000 }),
    noise: numberParam({ label: 'Noise σ', description: 'Standard deviation of the Gaussian noise on every step.', default: 0.3, min: 0, max: 5 }),
  },
  check: (p) => orderedRange('minPeriod', p.minPeriod, 'maxPeriod', p.maxPeriod),
  create(p): Task {
    return buildTask(waveformClassification, p, {
      input: { kind: 'dense', features: 1, names: ['x(t)'] },
      output: { kind: 'classes', labels: WAVEFORMS.slice(0, p.classes).map((w) => w.name) },
      baseline: {
        metric: 'accuracy',
        value: 1 / p.classes,
        description: `Shapes are equally likely, so always naming one is right 1 time in ${p.classes}: accuracy ${(1 / p.classes).toFixed(3)}.`,
      },
      sample: (rng) => waveformSample(rng, p),
    });
  },
});
