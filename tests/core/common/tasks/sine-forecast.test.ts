import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { sineForecast, sineMixture } from '../../../../core/common/tasks/sine-forecast';

describe('sine-mixture forecasting', () => {
  const options = { components: 3, minPeriod: 8, maxPeriod: 40, noise: 0 };

  it('draws mixtures bounded by Σ aₖ = 1 with zero mean', () => {
    const rng = new Rng(1);
    let sum = 0;
    let largest = 0;
    for (let i = 0; i < 300; i++) {
      for (const v of sineMixture(rng, 200, options)) {
        largest = Math.max(largest, Math.abs(v));
        sum += v;
      }
    }
    expect(largest).toBeLessThanOrEqual(1);
    expect(largest).toBeGreaterThan(0.9);
    expect(Math.abs(sum / 60_000)).toBeLessThan(0.02);
  });

  it('makes a single component an exact sinusoid: x(t+1) = 2cos(2π/P)·x(t) − x(t−1)', () => {
    const x = sineMixture(new Rng(2), 100, { ...options, components: 1 });
    const c = (x[2]! + x[0]!) / x[1]!;
    for (let t = 1; t < 99; t++) expect(x[t + 1]).toBeCloseTo(c * x[t]! - x[t - 1]!, 9);
  });

  it('adds noise of the requested standard deviation', () => {
    const rng = new Rng(3);
    const clean = sineMixture(new Rng(9), 20_000, { ...options, components: 1, minPeriod: 1e9, maxPeriod: 1e9 });
    const noisy = sineMixture(rng, 20_000, { ...options, components: 1, minPeriod: 1e9, maxPeriod: 1e9, noise: 0.5 });
    // with an effectively infinite period each series is nearly constant: the spread is the noise
    const spread = (s: Float64Array) => Math.sqrt(s.reduce((a, v, i) => a + (v - s[Math.max(0, i - 1)]!) ** 2, 0) / (2 * s.length));
    expect(spread(clean)).toBeLessThan(1e-3);
    expect(Math.abs(spread(noisy) - 0.5)).toBeLessThan(0.02);
  });

  it('declares the persistence baseline that its own batches measure', () => {
    const task = sineForecast.create({ ...options, window: 20, horizon: 4 });
    const batch = task.batch(new Rng(5), 2000);
    if (batch.kind !== 'sequence' || batch.input.kind !== 'dense' || batch.target.kind !== 'sequence-values') throw new Error('wrong kind');
    let sum = 0;
    for (let b = 0; b < 2000; b++) for (let h = 0; h < 4; h++) sum += (batch.target.values[b * 4 + h]! - batch.input.x[19 * 2000 + b]!) ** 2;
    expect(Math.abs(sum / 8000 - task.baseline.value) / task.baseline.value).toBeLessThan(0.1);
  });
});
