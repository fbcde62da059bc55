// Live points from progress events, appended to loaded series.
import { describe, expect, it } from 'vitest';
import { appendProgress } from '../../../renderer/src/charts/progress-points';

const event = (step: number, loss: number | null, accuracy: number | null = null) => ({
  runId: 1,
  step,
  totalSteps: 100,
  loss,
  accuracy,
  learningRate: 0.01,
  gradNorm: 2,
  tokensPerSecond: null,
  etaSeconds: null,
});

describe('appendProgress', () => {
  it('appends each event at its step with the arrival time, creates the training series it lacks, and leaves other series untouched', () => {
    const loss = { name: 'train/loss', steps: [1, 2], values: [0.9, 0.8], wallTimes: [100, 200] };
    const val = { name: 'val/loss', steps: [2], values: [0.85], wallTimes: [210] };
    const next = appendProgress([loss, val], [event(3, 0.7), event(5, null)], 999);
    expect(next.find((s) => s.name === 'train/loss')).toEqual({
      name: 'train/loss',
      steps: [1, 2, 3, 5],
      values: [0.9, 0.8, 0.7, null],
      wallTimes: [100, 200, 999, 999],
    });
    expect(next.find((s) => s.name === 'val/loss')).toBe(val);
    expect(next.find((s) => s.name === 'train/lr')).toEqual({ name: 'train/lr', steps: [3, 5], values: [0.01, 0.01], wallTimes: [999, 999] });
    expect(next.some((s) => s.name === 'train/accuracy')).toBe(false);
    expect(loss.steps).toEqual([1, 2]);
  });

  it('skips a step the series already has, and gives back the same list when nothing is new', () => {
    const loss = { name: 'train/loss', steps: [1, 2], values: [0.9, 0.8], wallTimes: [100, 200] };
    const series = [loss, { name: 'train/lr', steps: [2], values: [0.01] }, { name: 'train/grad_norm', steps: [2], values: [2] }];
    expect(appendProgress(series, [event(2, 0.1)], 999)).toBe(series);
  });

  it('gives no wall times to points of a series that has none', () => {
    const loss = { name: 'train/loss', steps: [1], values: [0.9] };
    expect(appendProgress([loss], [event(2, 0.8, 0.5)], 999).find((s) => s.name === 'train/loss')).toEqual({
      name: 'train/loss',
      steps: [1, 2],
      values: [0.9, 0.8],
    });
  });
});
