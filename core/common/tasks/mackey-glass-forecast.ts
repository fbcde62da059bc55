// Forecasting the Mackey–Glass chaotic series from sliding windows (one-step or direct multi-step).
// One long series is integrated per task and split in time order (series-split.ts), so held-out windows are unseen.
import { intParam } from './params';
import { mackeyGlass } from './mackey-glass';
import { FORECAST_CAUSALITY, persistenceMse, windowExample } from './forecast-window';
import { smallestSplit, splitRange, windowStart } from '../data/series-split';
import { buildTask, defineTask, type Task } from './task';

export const mackeyGlassForecast = defineTask({
  id: 'mackey-glass-forecast',
  title: 'Mackey–Glass forecasting',
  description:
    'Predict the next value (or the next H values) of the Mackey–Glass series from a window of its past. ' +
    'The series comes from a delay differential equation that is chaotic for τ ≥ 17, so it never repeats and small errors grow; it is the standard benchmark of reservoir computing and recurrent forecasting. ' +
    'Mackey & Glass (1977), "Oscillation and Chaos in Physiological Control Systems"; as a forecasting benchmark, Jaeger & Haas (2004).',
  shape: 'many-to-one',
  causality: FORECAST_CAUSALITY,
  loss: 'mse',
  metrics: ['mse'],
  params: {
    tau: intParam({ label: 'Delay τ', description: 'The delay of the equation; 17 is mildly chaotic, 30 more so.', default: 17, min: 5, max: 100 }),
    window: intParam({ label: 'Window W', description: 'Past samples the network reads before forecasting.', default: 50, min: 2, max: 2000 }),
    horizon: intParam({ label: 'Horizon H', description: 'Future samples forecast at once (1 = one-step).', default: 1, min: 1, max: 200 }),
    sampleInterval: intParam({
      label: 'Sample interval',
      description: 'Time units between samples (the equation is integrated with dt = 0.1).',
      default: 1,
      min: 1,
      max: 10,
    }),
    seriesLength: intParam({
      label: 'Series length',
      description: 'Samples in the series, split 80/10/10 in time order into training, validation and test.',
      default: 10000,
      min: 1000,
      max: 200000,
    }),
  },
  check(p) {
    const room = smallestSplit(p.seriesLength);
    return p.window + p.horizon <= room
      ? []
      : [
          {
            param: 'window',
            message: `window + horizon (${p.window + p.horizon}) must fit in the smallest split (${room} samples); raise seriesLength or shorten them`,
          },
        ];
  },
  create(p): Task {
    const series = mackeyGlass({ length: p.seriesLength, tau: p.tau, sampleInterval: p.sampleInterval });
    const span = p.window + p.horizon;
    const [from, to] = splitRange(series.length, 'validation');
    const value = persistenceMse(series, from, to, p.window, p.horizon);
    return buildTask(mackeyGlassForecast, p, {
      input: { kind: 'dense', features: 1, names: ['x(t)'] },
      output: { kind: 'dense', features: p.horizon, names: Array.from({ length: p.horizon }, (_, h) => `x(t+${h + 1})`) },
      baseline: {
        metric: 'mse',
        value,
        description: `Repeating the last value of the window for every forecast step (persistence) gives MSE ≈ ${value.toPrecision(3)} on the validation windows.`,
      },
      sample: (rng, split) => windowExample(series, windowStart(rng, series.length, split, span), p.window, p.horizon),
    });
  },
});
