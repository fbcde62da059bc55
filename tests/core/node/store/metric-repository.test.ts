// Metrics: batched appends in one transaction, series queries, metric names, and min/max downsampling.

import { beforeEach, describe, expect, test } from 'vitest';
import type { Store } from '../../../../core/node/store/store';
import type { MetricRow, MetricSeries } from '../../../../core/node/store/types';
import { createRun, useStoreFixture } from './store-fixture';

const fx = useStoreFixture();
let store: Store;
let runId: number;

beforeEach(() => {
  store = fx.open();
  runId = createRun(store);
});

/** A noisy decaying loss with a spike at step 7000 and a dip at step 2345, deterministic. */
function lossAt(step: number): number {
  if (step === 7000) return 50;
  if (step === 2345) return -5;
  return 2 * Math.exp(-step / 3000) + 0.1 * Math.sin(step * 12.9898);
}

function lossRows(count: number, name = 'loss'): MetricRow[] {
  return Array.from({ length: count }, (_, step) => ({ runId, step, name, value: lossAt(step), wallTime: 1e12 + step }));
}

describe('MetricRepository.append and series', () => {
  test('stores 10,000 rows from one call, all queryable in step order', () => {
    store.metrics.append(lossRows(10_000));
    const series = store.metrics.series(runId, 'loss');
    expect(series.steps).toHaveLength(10_000);
    expect(series.steps[9_999]).toBe(9_999);
    expect(series.values[2345]).toBe(-5);
    expect(series.values[1234]).toBe(lossAt(1234));
    expect(series.wallTimes[10]).toBe(1e12 + 10);
  });

  test('a batch is one transaction: one bad row stores none of it', () => {
    const rows = lossRows(1000);
    rows.push({ runId, step: 1.5, name: 'loss', value: 0, wallTime: 0 });
    expect(() => store.metrics.append(rows)).toThrow(/INTEGER/);
    expect(store.metrics.series(runId, 'loss').steps).toEqual([]);
  });

  test('series honours an inclusive step range', () => {
    store.metrics.append(lossRows(100));
    expect(store.metrics.series(runId, 'loss', { fromStep: 10, toStep: 13 }).steps).toEqual([10, 11, 12, 13]);
    expect(store.metrics.series(runId, 'loss', { fromStep: 98 }).steps).toEqual([98, 99]);
    expect(store.metrics.series(runId, 'loss', { toStep: 1 }).steps).toEqual([0, 1]);
  });

  test('NaN and ±Infinity round-trip; a step logged again replaces the earlier value', () => {
    const point = (step: number, value: number): MetricRow => ({ runId, step, name: 'loss', value, wallTime: step });
    store.metrics.append([point(1, 0.5), point(2, Number.POSITIVE_INFINITY), point(3, Number.NaN), point(4, -Infinity)]);
    store.metrics.append([point(1, 0.25)]);
    const { steps, values } = store.metrics.series(runId, 'loss');
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(values).toEqual([0.25, Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY]);
  });

  test('names lists each metric of the run once, sorted, and no other run’s', () => {
    store.metrics.append([...lossRows(50, 'train/loss'), ...lossRows(50, 'val/acc'), ...lossRows(50, 'grad_norm')]);
    const otherRun = store.runs.create({ experimentId: store.runs.get(runId)!.experimentId, name: 'o', spec: {} });
    store.metrics.append([{ runId: otherRun.id, step: 0, name: 'other', value: 1, wallTime: 0 }]);
    expect(store.metrics.names(runId)).toEqual(['grad_norm', 'train/loss', 'val/acc']);
    expect(store.metrics.names(otherRun.id)).toEqual(['other']);
    expect(store.metrics.names(runId + 99)).toEqual([]);
  });

  test('deleteAfter drops the points beyond a step, for every metric of the run', () => {
    store.metrics.append([...lossRows(10, 'a'), ...lossRows(10, 'b')]);
    expect(store.metrics.deleteAfter(runId, 6)).toBe(6);
    expect(store.metrics.series(runId, 'a').steps).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(store.metrics.series(runId, 'b').steps).toHaveLength(7);
  });
});

describe('MetricRepository.downsample', () => {
  /** Reference min/max bucketing in JS, the same equal-width step buckets as the SQL. */
  function expectedExtremes(series: MetricSeries, buckets: number): Set<string> {
    const lo = series.steps[0]!;
    const span = series.steps.at(-1)! - lo + 1;
    const keep = new Set<string>();
    const minOf = new Map<number, number>();
    const maxOf = new Map<number, number>();
    series.steps.forEach((step, i) => {
      const bucket = Math.floor(((step - lo) * buckets) / span);
      const value = series.values[i]!;
      if (!minOf.has(bucket) || value < series.values[minOf.get(bucket)!]!) minOf.set(bucket, i);
      if (!maxOf.has(bucket) || value > series.values[maxOf.get(bucket)!]!) maxOf.set(bucket, i);
    });
    for (const i of [...minOf.values(), ...maxOf.values()]) keep.add(`${series.steps[i]}:${series.values[i]}`);
    return keep;
  }

  test('returns at most N points in step order, exactly each bucket’s min and max', () => {
    store.metrics.append(lossRows(10_000));
    const full = store.metrics.series(runId, 'loss');
    const sampled = store.metrics.downsample(runId, 'loss', 300);
    expect(sampled.steps.length).toBeLessThanOrEqual(300);
    expect(sampled.steps.length).toBeGreaterThan(200);
    expect(sampled.steps).toEqual([...sampled.steps].sort((x, y) => x - y));
    const got = new Set(sampled.steps.map((step, i) => `${step}:${sampled.values[i]}`));
    expect(got).toEqual(expectedExtremes(full, 150));
    // The spike and the dip survive; wall times come from the same rows.
    expect(sampled.steps).toContain(7000);
    expect(sampled.steps).toContain(2345);
    expect(Math.max(...sampled.values)).toBe(50);
    expect(Math.min(...sampled.values)).toBe(-5);
    expect(sampled.wallTimes).toEqual(sampled.steps.map((step) => 1e12 + step));
  });

  test('an odd N still gives at most N points; a range is downsampled on its own', () => {
    store.metrics.append(lossRows(5_000));
    expect(store.metrics.downsample(runId, 'loss', 7).steps.length).toBeLessThanOrEqual(7);
    const window = store.metrics.downsample(runId, 'loss', 20, { fromStep: 2000, toStep: 2999 });
    expect(window.steps.length).toBeLessThanOrEqual(20);
    expect(Math.min(...window.steps)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...window.steps)).toBeLessThanOrEqual(2999);
    expect(window.values).toContain(-5);
  });

  test('a series that already fits comes back whole; N below 2 is a caller bug', () => {
    store.metrics.append(lossRows(40));
    expect(store.metrics.downsample(runId, 'loss', 40)).toEqual(store.metrics.series(runId, 'loss'));
    expect(store.metrics.downsample(runId, 'missing', 10).steps).toEqual([]);
    expect(() => store.metrics.downsample(runId, 'loss', 1)).toThrow(RangeError);
  });
});
