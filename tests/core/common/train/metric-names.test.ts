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
  lengthMetricName,
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
