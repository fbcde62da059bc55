// Forecasting random mixtures of sines: each example is a fresh mixture, so the network must infer the
// components from the window itself rather than memorise one curve.
//
// x(t) = Σₖ aₖ·sin(2π·t/Pₖ + φₖ) + σ·ε(t), aₖ ~ U[0.2, 1] rescaled so Σ aₖ = 1, Pₖ ~ U[Pmin, Pmax] steps,
// φₖ ~ U[0, 2π), ε ~ N(0, 1). Legend: W window, H horizon (see forecast-window.ts).
import type { Rng } from '../random/rng';
import { measureBaseline } from './baseline';
import { FORECAST_CAUSALITY, persistenceMse, windowExample } from './forecast-window';
import { intParam, numberParam } from './params';
import { buildTask, defineTask, orderedRange, type Task } from './task';

export interface SineMixtureOptions {
  readonly components: number;
  readonly minPeriod: number;
  readonly maxPeriod: number;
  readonly noise: number;
}

/** `length` steps of one random mixture. */
export function sineMixture(rng: Rng, length: number, o: SineMixtureOptions): Float64Array {
  const amplitudes = Array.from({ length: o.components }, () => rng.uniform(0.2, 1));
  const total = amplitudes.reduce((a, b) => a + b, 0);
  const periods = amplitudes.map(() => rng.uniform(o.minPeriod, o.maxPeriod));
  const phases = amplitudes.map(() => rng.uniform(0, 2 * Math.PI));
  const series = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    let v = 0;
    for (let k = 0; k < o.components; k++) v += (amplitudes[k]! / total) * Math.sin((2 * Math.PI * t) / periods[k]! + phases[k]!);
    series[t] = o.noise > 0 ? v + o.noise * rng.normal() : v;
  }
  return series;
}

export const sineForecast = defineTask({
  id: 'sine-forecast',
  title: 'Sine-mixture forecasting',
  description:
    'Each example is a window of a random mixture of sine waves (random amplitudes, periods and phases, optional noise); predict the next value or the next H values. ' +
    'A network that only extrapolates the last slope fails on multi-step horizons; one that infers the periods from the window succeeds. ' +
    'A common warm-up with no single source; the sliding-window setting follows Gers, Eck & Schmidhuber (2002), "Applying LSTM to Time Series Predictable through Time-Window Approaches".',
  shape: 'many-to-one',
  causality: FORECAST_CAUSALITY,
  loss: 'mse',
  metrics: ['mse'],
  params: {
    components: intParam({ label: 'Components', description: 'Sines per mixture.', default: 2, min: 1, max: 8 }),
    minPeriod: numberParam({ label: 'Shortest period', description: 'Shortest period, in steps.', default: 8, min: 2, max: 1000 }),
    maxPeriod: numberParam({ label: 'Longest period', description: 'Longest period, in steps.', default: 40, min: 2, max: 1000 }),
    noise: numberParam({ label: 'Noise σ', description: 'Standard deviation of Gaussian noise added to every value.', default: 0, min: 0, max: 1 }),
    window: intParam({ label: 'Window W', description: 'Past steps the network reads before forecasting.', default: 50, min: 2, max: 2000 }),
    horizon: intParam({ label: 'Horizon H', description: 'Future steps forecast at once (1 = one-step).', default: 1, min: 1, max: 200 }),
  },
  check: (p) => orderedRange('minPeriod', p.minPeriod, 'maxPeriod', p.maxPeriod),
  create(p): Task {
    const span = p.window + p.horizon;
    const value = measureBaseline(500, (rng) => ({
      total: persistenceMse(sineMixture(rng, span, p), 0, span, p.window, p.horizon) * p.horizon,
      count: p.horizon,
    }));
    return buildTask(sineForecast, p, {
      input: { kind: 'dense', features: 1, names: ['x(t)'] },
      output: { kind: 'dense', features: p.horizon, names: Array.from({ length: p.horizon }, (_, h) => `x(t+${h + 1})`) },
      baseline: {
        metric: 'mse',
        value,
        description: `Repeating the last value of the window for every forecast step (persistence) gives MSE ≈ ${value.toPrecision(3)} (measured on 500 fixed-seed windows).`,
      },
      sample: (rng) => windowExample(sineMixture(rng, span, p), 0, p.window, p.horizon),
    });
  },
});
