import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { classBlindMse, waveformCurves, waveformGeneration } from '../../../../core/common/tasks/waveform-generation';

describe('waveform generation (one-to-many)', () => {
  it('conditions on the class, targets its curve and feeds back the previous target', () => {
    const task = waveformGeneration.create({ classes: 3, length: 12, period: 6 });
    const curves = waveformCurves(3, 12, 6);
    const batch = task.batch(new Rng(1), 50);
    if (batch.kind !== 'conditioned' || batch.condition.kind !== 'class' || batch.decoderInput.kind !== 'dense' || batch.target.kind !== 'step-values')
      throw new Error('wrong kind');
    const B = 50;
    for (let b = 0; b < B; b++) {
      const y = curves[batch.condition.ids[b]!]!;
      for (let t = 0; t < 12; t++) {
        expect(batch.target.values[t * B + b]).toBe(y[t]);
        expect(batch.decoderInput.x[t * B + b]).toBe(t === 0 ? 0 : y[t - 1]);
      }
    }
    expect(new Set(batch.condition.ids).size).toBe(3);
  });

  it('computes the class-blind baseline: sine and square at period 4 give 1/8', () => {
    // sine [0, 1, 0, −1], square [1, 1, −1, −1]: squared deviations from the mean 0.5 + 0 + 0.5 + 0 over K·T = 8
    expect(classBlindMse(waveformCurves(2, 4, 4))).toBeCloseTo(1 / 8, 6);
    const task = waveformGeneration.create({ classes: 4, length: 40, period: 20 });
    const curves = waveformCurves(4, 40, 20);
    const mean = curves[0]!.map((_, t) => curves.reduce((a, c) => a + c[t]!, 0) / 4);
    const measured = curves.reduce((a, c) => a + c.reduce((s, v, t) => s + (v - mean[t]!) ** 2, 0), 0) / 160;
    expect(task.baseline.value).toBeCloseTo(measured, 6);
  });
});
