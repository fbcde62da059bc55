// The x of each point: step, wall time, or seconds since the run's first point.
import { describe, expect, it } from 'vitest';
import { runTimeOrigin, seriesHaveWallTimes, seriesX } from '../../../renderer/src/charts/x-axis';

const loss = { name: 'train/loss', steps: [1, 2, 3], values: [3, 2, 1], wallTimes: [10_000, 11_500, 13_000] };
const val = { name: 'val/loss', steps: [2], values: [2.5], wallTimes: [11_900] };

describe('seriesX', () => {
  it('reads steps, epoch ms, or seconds since the earliest point of any series', () => {
    const origin = runTimeOrigin([val, loss]);
    expect(origin).toBe(10_000);
    expect(seriesX(loss, 'step', origin)).toEqual([1, 2, 3]);
    expect(seriesX(val, 'wall', origin)).toEqual([11_900]);
    expect(seriesX(val, 'relative', origin)).toEqual([1.9]);
  });

  it('refuses a time axis for a series without a wall time per point, rather than misplacing them', () => {
    const untimed = { name: 'train/lr', steps: [1, 2], values: [0.1, 0.1] };
    expect(() => seriesX(untimed, 'wall', 0)).toThrow('train/lr has no wall time for each of its 2 points');
    expect(seriesHaveWallTimes([loss, untimed])).toBe(false);
    expect(seriesHaveWallTimes([loss, val])).toBe(true);
    expect(runTimeOrigin([untimed])).toBeNull();
  });
});
