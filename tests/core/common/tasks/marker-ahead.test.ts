// Marker ahead: targets from hand-made marker strings, the marker rate, the baseline and the best causal accuracy
// worked out by hand, the held-out split fixed by the task, and a bidirectional model accepted on it (the task is
// declared non-causal with its reason).
import { describe, expect, it } from 'vitest';
import { bestCausalAccuracy, constantAccuracy, markerAheadSample, markerProbability, markersAhead } from '../../../../core/common/tasks/marker-ahead';
import { createTask } from '../../../../core/common/tasks/registry';
import { heldOutRng } from '../../../../core/common/tasks/held-out';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import { Rng } from '../../../../core/common/random/rng';

describe('marker-ahead targets', () => {
  it('is 1 exactly where a marker lies within the next k steps (never the step itself)', () => {
    //            t: 0  1  2  3  4  5  6  7  8  9
    const markers = [0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    expect(Array.from(markersAhead(markers, 2))).toEqual([0, 1, 1, 0, 0, 0, 1, 1, 0, 0]);
    expect(Array.from(markersAhead(markers, 1))).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
    expect(Array.from(markersAhead(markers, 5))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(Array.from(markersAhead([1, 1, 1], 1))).toEqual([1, 1, 0]);
    expect(Array.from(markersAhead([0, 0, 0], 3))).toEqual([0, 0, 0]);
  });

  it('samples markers at p = 1 − 2^(−1/k), so half of the full windows hold one, and targets that follow its own markers', () => {
    expect(markerProbability(1)).toBe(0.5);
    expect((1 - markerProbability(5)) ** 5).toBeCloseTo(0.5, 12);
    const rng = new Rng(3);
    let markers = 0;
    let fullOnes = 0;
    let full = 0;
    for (let i = 0; i < 400; i++) {
      const example = markerAheadSample(rng, 40, 5);
      if (example.input.kind !== 'dense' || example.target.kind !== 'step-classes') throw new Error('dense input, step classes expected');
      expect(Array.from(example.target.ids)).toEqual(Array.from(markersAhead(example.input.x, 5)));
      for (let t = 0; t < 40; t++) markers += example.input.x[t] ?? 0;
      for (let t = 0; t < 35; t++) fullOnes += example.target.ids[t] ?? 0;
      full += 35;
    }
    expect(markers / (400 * 40)).toBeCloseTo(markerProbability(5), 2);
    expect(fullOnes / full).toBeCloseTo(0.5, 1);
  });
});

describe('marker-ahead baseline', () => {
  it('is the accuracy of always answering no, worked out by hand for L = 4, k = 2', () => {
    // p = 1 − 2^(−1/2); P(target 1) at t = 0, 1: 1/2 (a full window), t = 2: p (one step left), t = 3: 0
    const p = 1 - Math.SQRT1_2;
    const ones = (0.5 + 0.5 + p + 0) / 4;
    expect(constantAccuracy(4, 2)).toBeCloseTo(1 - ones, 12);
    // the past tells nothing, so the best causal answer at each t is the likelier class: the constant 'no' here
    expect(bestCausalAccuracy(4, 2)).toBeCloseTo((0.5 + 0.5 + (1 - p) + 1) / 4, 12);
    expect(bestCausalAccuracy(40, 5)).toBeCloseTo(constantAccuracy(40, 5), 12);
  });

  it('is what the task declares, and matches what a constant "no" scores on sampled data', () => {
    const made = createTask('marker-ahead', { length: 40, window: 5 });
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    const task = made.value;
    expect(task.baseline).toMatchObject({ metric: 'accuracy', value: constantAccuracy(40, 5) });
    expect(task.baseline.value).toBeCloseTo(0.5341, 4);
    const rng = new Rng(8);
    let zeros = 0;
    let total = 0;
    for (let i = 0; i < 500; i++) {
      const example = task.sample(rng);
      if (example.kind !== 'sequence' || example.target.kind !== 'step-classes') throw new Error('step classes expected');
      for (const id of example.target.ids) zeros += id === 0 ? 1 : 0;
      total += example.target.ids.length;
    }
    expect(zeros / total).toBeCloseTo(task.baseline.value, 2);
  });

  it('refuses a window as long as the sequence, naming the parameter', () => {
    const made = createTask('marker-ahead', { length: 5, window: 5 });
    expect(made.ok ? [] : made.issues).toEqual([{ param: 'window', message: 'window (5) must be shorter than length (5)' }]);
  });
});

describe('marker-ahead split and causality', () => {
  it('draws its held-out examples from a generator fixed by the task and its parameters', () => {
    const a = createTask('marker-ahead', { length: 20, window: 3 });
    const b = createTask('marker-ahead', { window: 3, length: 20 });
    if (!a.ok || !b.ok) throw new Error('task');
    expect(a.value.batch(heldOutRng(a.value, 'validation'), 4, 'validation')).toEqual(b.value.batch(heldOutRng(b.value, 'validation'), 4, 'validation'));
    expect(heldOutRng(a.value, 'validation').next()).not.toBe(heldOutRng(a.value, 'test').next());
  });

  it('is declared non-causal with its reason, and a bidirectional model is accepted on it', () => {
    const made = createTask('marker-ahead', {});
    if (!made.ok) throw new Error('task');
    expect(made.value.causality.causal).toBe(false);
    expect(made.value.causality.reason).toContain('after t');
    const parsed = parseExperimentSpec({ task: { id: 'marker-ahead' }, model: { cell: 'gru', bidirectional: true } });
    expect(parsed.ok).toBe(true);
  });
});
