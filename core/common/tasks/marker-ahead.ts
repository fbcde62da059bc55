// Marker ahead: at every step, say whether a marker comes within the next k steps. The answer at t depends only on
// inputs AFTER t, so a causal (unidirectional) network cannot know it and a bidirectional one can: the task where
// reading the future is the point (Schuster & Paliwal 1997, "Bidirectional recurrent neural networks").
//
// Legend: L length (fixed), k window. Input x [L, 1]: 1 at a marker, 0 elsewhere; markers are independent, each
// with probability p = 1 − 2^(−1/k), so a full window of k steps holds at least one with probability exactly 1/2.
// Target [L] classes: 1 when a marker lies at some step in (t, t + k], else 0 (near the end the window is cut short).
import type { SequenceExample } from '../data/example';
import type { Rng } from '../random/rng';
import { intParam } from './params';
import { buildTask, defineTask, type Task } from './task';

/** p = 1 − 2^(−1/k): a window of k independent steps holds a marker with probability 1 − (1 − p)^k = 1/2. */
export function markerProbability(window: number): number {
  return 1 - 2 ** (-1 / window);
}

/** Whether a marker lies within the k steps after each t: [L] of 0 / 1. */
export function markersAhead(markers: ArrayLike<number>, window: number): Int32Array {
  const L = markers.length;
  const ahead = new Int32Array(L);
  let next = Infinity; // the step of the nearest marker after t
  for (let t = L - 1; t >= 0; t--) {
    ahead[t] = next - t <= window ? 1 : 0;
    if (markers[t] === 1) next = t;
  }
  return ahead;
}

/**
 * The probability that the target at t is 1: 1 − (1 − p)^min(k, L − 1 − t). The past says nothing about the future
 * markers, so the best any causal model can do at t is the likelier class, and over the sequence that is
 * `bestCausalAccuracy`.
 */
function oneProbabilities(length: number, window: number): number[] {
  const p = markerProbability(window);
  return Array.from({ length }, (_, t) => 1 - (1 - p) ** Math.min(window, length - 1 - t));
}

/** Accuracy of always answering the likelier class overall (the trivial baseline). */
export function constantAccuracy(length: number, window: number): number {
  const ones = oneProbabilities(length, window).reduce((a, b) => a + b, 0) / length;
  return Math.max(ones, 1 - ones);
}

/**
 * Expected accuracy of the best causal predictor: at each t the likelier class given everything up to t, which is
 * max(q_t, 1 − q_t) since the markers after t are independent of the past. With every q_t ≤ 1/2 this is the constant 0,
 * so no causal model beats the trivial baseline.
 */
export function bestCausalAccuracy(length: number, window: number): number {
  return oneProbabilities(length, window).reduce((sum, q) => sum + Math.max(q, 1 - q), 0) / length;
}

export function markerAheadSample(rng: Rng, length: number, window: number): SequenceExample {
  const p = markerProbability(window);
  const x = new Float32Array(length);
  for (let t = 0; t < length; t++) x[t] = rng.next() < p ? 1 : 0;
  return { kind: 'sequence', input: { kind: 'dense', features: 1, x }, target: { kind: 'step-classes', classes: 2, ids: markersAhead(x, window) } };
}

export const markerAhead = defineTask({
  id: 'marker-ahead',
  title: 'Marker ahead',
  description:
    'At every step, say whether a marker comes within the next k steps. Markers are independent (each window of k steps holds one with probability 1/2), so the steps up to t tell nothing about the answer at t: ' +
    'a unidirectional network can do no better than always answering “no”, while a bidirectional one reads the answer from its reverse direction. ' +
    'A test of reading the future, after Schuster & Paliwal (1997), "Bidirectional recurrent neural networks".',
  shape: 'many-to-many',
  causality: {
    causal: false,
    reason:
      'its target at step t is whether a marker lies among the inputs after t, which are never the target at t itself: reading them is what the task asks for',
  },
  loss: 'cross-entropy',
  metrics: ['cross-entropy', 'accuracy'],
  params: {
    length: intParam({ label: 'Length', description: 'Steps per sequence (every sequence has this length).', default: 40, min: 2, max: 1000 }),
    window: intParam({
      label: 'Window',
      description: 'How far ahead to look: a marker in the next k steps makes the answer “yes”.',
      default: 5,
      min: 1,
      max: 100,
    }),
  },
  check: (p) => (p.window < p.length ? [] : [{ param: 'window', message: `window (${p.window}) must be shorter than length (${p.length})` }]),
  create(p): Task {
    const baseline = constantAccuracy(p.length, p.window);
    return buildTask(markerAhead, p, {
      input: { kind: 'dense', features: 1, names: ['marker'] },
      output: { kind: 'classes', labels: ['no marker ahead', 'marker ahead'] },
      baseline: {
        metric: 'accuracy',
        value: baseline,
        description: `Always answering “no marker ahead” is right at accuracy ${baseline.toFixed(4)} (1/2 where a full window of ${p.window} steps lies ahead, more near the end); no causal model does better.`,
      },
      sample: (rng) => markerAheadSample(rng, p.length, p.window),
    });
  },
});
