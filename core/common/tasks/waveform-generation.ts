// One-to-many: given a shape's class, generate that waveform (fixed period, zero phase, unit amplitude).
// The decoder is conditioned on the class and fed its previous target value (teacher forcing).
//
// Legend: T length, K classes. Condition: class id; decoder input [T, 1] = 0, y₀ … y_{T−2}; target y [T, 1], y_t = shape_k(t/P mod 1).
import type { ConditionedExample } from '../data/example';
import type { Rng } from '../random/rng';
import { intParam, numberParam } from './params';
import { buildTask, defineTask, type Task } from './task';
import { WAVEFORMS } from './waveforms';
import { at } from '../checked-index';

/** [K][T] the clean target curve of every class. */
export function waveformCurves(classes: number, length: number, period: number): Float32Array[] {
  return WAVEFORMS.slice(0, classes).map((w) => Float32Array.from({ length }, (_, t) => w.at((t / period) % 1)));
}

/**
 * MSE of the best class-blind prediction, the mean curve over classes:
 * (1 / T) Σ_t (1 / K) Σ_k (y_{k,t} − ȳ_t)².
 */
export function classBlindMse(curves: readonly Float32Array[]): number {
  const K = curves.length;
  const T = at(curves, 0, 'classBlindMse: curves (one per class)').length;
  let sum = 0;
  for (let t = 0; t < T; t++) {
    let mean = 0;
    for (const c of curves) mean += c[t]! / K;
    for (const c of curves) sum += (c[t]! - mean) ** 2;
  }
  return sum / (K * T);
}

function generationSample(rng: Rng, curves: readonly Float32Array[]): ConditionedExample {
  const label = rng.int(curves.length);
  const y = at(curves, label, 'generationSample: curves');
  const previous = new Float32Array(y.length);
  previous.set(y.subarray(0, y.length - 1), 1);
  return {
    kind: 'conditioned',
    condition: { kind: 'class', classes: curves.length, id: label },
    decoderInput: { kind: 'dense', features: 1, x: previous },
    target: { kind: 'step-values', outputs: 1, values: y.slice() },
  };
}

export const waveformGeneration = defineTask({
  id: 'waveform-generation',
  title: 'Generate a waveform from its class',
  description:
    'Given only a class (sine, square, triangle, …) the network must produce that waveform step by step, feeding each output back as the next input. ' +
    'It is the one-to-many shape: a single conditioning input unrolled into a sequence, the mirror image of waveform classification. ' +
    'Conditioned generation as in Graves (2013), "Generating Sequences With Recurrent Neural Networks", reduced to a toy.',
  shape: 'one-to-many',
  causality: {
    causal: false,
    reason:
      'its one input, the shape to draw, comes before the first step, so there is no input after step t; the decoder reads only the values it has already written',
  },
  loss: 'mse',
  metrics: ['mse'],
  params: {
    classes: intParam({
      label: 'Shapes K',
      description: 'How many shapes, in the order of waveform classification.',
      default: 4,
      min: 2,
      max: WAVEFORMS.length,
    }),
    length: intParam({ label: 'Length T', description: 'Steps to generate.', default: 40, min: 2, max: 2000 }),
    period: numberParam({ label: 'Period P', description: 'Period of every shape, in steps.', default: 20, min: 2, max: 1000 }),
  },
  create(p): Task {
    const curves = waveformCurves(p.classes, p.length, p.period);
    const value = classBlindMse(curves);
    return buildTask(waveformGeneration, p, {
      input: { kind: 'classes', labels: WAVEFORMS.slice(0, p.classes).map((w) => w.name) },
      output: { kind: 'dense', features: 1, names: ['y(t)'] },
      baseline: { metric: 'mse', value, description: `Ignoring the class and drawing the average of the ${p.classes} curves gives MSE ≈ ${value.toFixed(3)}.` },
      sample: (rng) => generationSample(rng, curves),
    });
  },
});
