import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { waveformClassification, waveformSample, WAVEFORMS } from '../../../../core/common/tasks/waveforms';

describe('waveform classification', () => {
  const options = { classes: 6, length: 40, minPeriod: 5, maxPeriod: 15, noise: 0.4 };

  it('is the labelled shape plus Gaussian noise of the requested σ, classes balanced', () => {
    // replay the draws (label, amplitude, period, phase, then one normal per step) to recover the clean curve
    const rng = new Rng(1);
    const counts = new Array<number>(6).fill(0);
    let sum = 0;
    let sumSquares = 0;
    const n = 1500;
    for (let i = 0; i < n; i++) {
      const replay = structuredClone(rng.state());
      const e = waveformSample(rng, options);
      if (e.input.kind !== 'dense' || e.target.kind !== 'sequence-class') throw new Error('wrong kind');
      const r = Rng.fromState(replay);
      const label = r.int(6);
      const amplitude = r.uniform(0.5, 1.5);
      const period = r.uniform(5, 15);
      const phase = r.next();
      expect(e.target.id).toBe(label);
      counts[label]!++;
      for (let t = 0; t < 40; t++) {
        const residual = e.input.x[t]! - amplitude * WAVEFORMS[label]!.at((phase + t / period) % 1);
        sum += residual;
        sumSquares += residual * residual;
      }
    }
    const mean = sum / (n * 40);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(sumSquares / (n * 40) - mean * mean) - 0.4)).toBeLessThan(0.01);
    for (const c of counts) expect(Math.abs(c - n / 6)).toBeLessThan(4 * Math.sqrt(n / 6));
  });

  it('keeps every shape in [−1, 1] and tells them apart', () => {
    const grid = Array.from({ length: 100 }, (_, i) => i / 100);
    const curves = WAVEFORMS.map((w) => grid.map(w.at));
    for (const c of curves) expect(Math.max(...c.map(Math.abs))).toBeLessThanOrEqual(1);
    for (let a = 0; a < curves.length; a++) {
      for (let b = a + 1; b < curves.length; b++) expect(Math.max(...curves[a]!.map((v, i) => Math.abs(v - curves[b]![i]!)))).toBeGreaterThan(0.5);
    }
  });

  it('declares chance accuracy 1/K', () => {
    expect(waveformClassification.create({ ...options, classes: 5 }).baseline.value).toBeCloseTo(0.2, 10);
  });
});
