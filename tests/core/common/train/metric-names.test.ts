// The metric vocabulary: every stored series has a label and a direction, written once in METRIC_INFO, and every
// task metric's direction is that of the series holding it.
import { describe, expect, it } from 'vitest';
import { TASK_METRIC_NAMES } from '../../../../core/common/tasks/task-vocabulary';
import {
  METRIC,
  METRIC_INFO,
  METRIC_SERIES_NAMES,
  TASK_METRIC_SERIES,
  baselineMetricName,
  gradNormName,
  lengthMetricName,
  parseGradNormName,
  lowerIsBetter,
  taskMetricDirection,
} from '../../../../core/common/train/metric-names';

describe('METRIC_INFO', () => {
  it('labels every series of METRIC and gives it a direction (or says it is no score)', () => {
    expect(Object.keys(METRIC_INFO).sort()).toEqual([...METRIC_SERIES_NAMES].sort());
    for (const name of METRIC_SERIES_NAMES) {
      const info = METRIC_INFO[name];
      expect(info.label.length, name).toBeGreaterThan(0);
      expect(['lower', 'higher', null], name).toContain(info.direction);
    }
    expect(new Set(METRIC_SERIES_NAMES.map((name) => METRIC_INFO[name].label)).size).toBe(METRIC_SERIES_NAMES.length);
  });

  it('gives every task metric a direction: losses, perplexity and bits per character lower, accuracies higher', () => {
    const lower = TASK_METRIC_NAMES.filter((metric) => taskMetricDirection(metric) === 'lower');
    const higher = TASK_METRIC_NAMES.filter((metric) => taskMetricDirection(metric) === 'higher');
    expect(lower.sort()).toEqual(['bits-per-char', 'cross-entropy', 'mse', 'perplexity']);
    expect(higher.sort()).toEqual(['accuracy', 'legal-next-accuracy', 'sequence-accuracy']);
    for (const metric of TASK_METRIC_NAMES) expect(lowerIsBetter(TASK_METRIC_SERIES[metric])).toBe(taskMetricDirection(metric) === 'lower');
  });

  it('is what lowerIsBetter reads, for per-length and baseline names too, and null for names it does not know', () => {
    for (const name of METRIC_SERIES_NAMES) {
      const direction = METRIC_INFO[name].direction;
      const expected = direction === null ? null : direction === 'lower';
      expect(lowerIsBetter(name), name).toBe(expected);
      expect(lowerIsBetter(baselineMetricName(name)), name).toBe(expected);
      expect(lowerIsBetter(lengthMetricName(name, 7)), name).toBe(expected);
    }
    expect(lowerIsBetter(METRIC.trainAccuracy)).toBe(false);
    expect(lowerIsBetter('val/sequences')).toBeNull();
    expect(lowerIsBetter('not/a_metric')).toBeNull();
  });
});

describe('per-time-step gradient norm names', () => {
  it('name ‖∂L/∂h_t‖ as grad_h/ and an LSTM cell state’s ‖∂L/∂c_t‖ as grad_c/, and read both back', () => {
    expect(gradNormName('l0', 12)).toBe('grad_h/l0/t12');
    expect(gradNormName('l1_reverse', 0, 'c')).toBe('grad_c/l1_reverse/t0');
    expect(parseGradNormName('grad_h/decoder/t3')).toEqual({ state: 'h', layer: 'decoder', t: 3 });
    expect(parseGradNormName('grad_c/l1_reverse/t0')).toEqual({ state: 'c', layer: 'l1_reverse', t: 0 });
    for (const other of ['grad_x/l0/t1', 'grad_c/l0', 'grad_h/layer/t1', 'train/grad_norm', 'grad_c/l0/t1x'])
      expect(parseGradNormName(other), other).toBeNull();
  });
});
