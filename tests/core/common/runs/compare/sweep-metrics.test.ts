// The metrics a sweep is analysed by take their direction from METRIC_INFO; a missing or non-finite value is null.
import { describe, expect, it } from 'vitest';
import { SWEEP_METRICS, sweepMetricValue } from '../../../../../core/common/runs/compare/sweep-metrics';

const byKey = (key: string) => SWEEP_METRICS.find((m) => m.key === key) ?? null;

describe('SWEEP_METRICS', () => {
  it('ranks losses lower-is-better and accuracies higher-is-better', () => {
    expect(byKey('finalValLoss')).toEqual({ key: 'finalValLoss', label: 'Final validation loss', direction: 'lower' });
    expect(byKey('bestValAccuracy')?.direction).toBe('higher');
  });

  it('reads a trial’s value, null when not logged or not finite', () => {
    const results = {
      finalValLoss: 0.25,
      bestValLoss: Number.NaN,
      finalValAccuracy: null,
      bestValAccuracy: null,
      finalValSequenceAccuracy: null,
      finalValPerplexity: null,
      finalValBitsPerChar: null,
    };
    const read = (key: string) => {
      const metric = byKey(key);
      if (!metric) throw new Error(`no metric ${key}`);
      return sweepMetricValue(results, metric);
    };
    expect(read('finalValLoss')).toBe(0.25);
    expect(read('finalValAccuracy')).toBeNull();
    expect(read('bestValLoss')).toBeNull();
  });
});
