// What a run chart's x-axis measures: the training step, the wall-clock time a point was logged, or the time since
// the run's first logged point. Each point's x is read from its series (steps, wallTimes), never estimated.

export const X_AXES = {
  step: { label: 'step', csvName: 'step' },
  wall: { label: 'wall time', csvName: 'wall_time_ms' },
  relative: { label: 'time since start (s)', csvName: 'relative_time_s' },
} as const;

export type XAxisKind = keyof typeof X_AXES;
export const X_AXIS_KINDS = Object.keys(X_AXES) as readonly XAxisKind[];

/** A series as the charts read it: steps [n], values [n] and, when known, the epoch ms each point was logged [n]. */
export interface TimedSeries {
  readonly name: string;
  readonly steps: readonly number[];
  readonly values: readonly (number | null)[];
  readonly wallTimes?: readonly number[] | undefined;
}

/** The earliest wall time of any point of a run's series: relative time's zero. Null when none has wall times. */
export function runTimeOrigin(series: readonly TimedSeries[]): number | null {
  let origin = Infinity;
  for (const s of series) if (s.wallTimes && s.wallTimes.length > 0) origin = Math.min(origin, s.wallTimes[0]!);
  return origin === Infinity ? null : origin;
}

/**
 * The x of each point of `series` on axis `kind` [n]: steps, epoch ms, or seconds since `origin`. Throws when the
 * series has no wall time for every point (a time axis would misplace them); callers offer time axes only when
 * every series has them (seriesHaveWallTimes).
 */
export function seriesX(series: TimedSeries, kind: XAxisKind, origin: number | null): number[] {
  if (kind === 'step') return [...series.steps];
  const times = series.wallTimes;
  if (!times || times.length !== series.steps.length) throw new Error(`seriesX: ${series.name} has no wall time for each of its ${series.steps.length} points`);
  if (kind === 'wall') return [...times];
  if (origin === null) throw new Error('seriesX: relative time needs the run’s first wall time');
  return times.map((t) => (t - origin) / 1000);
}

/** Whether every series carries one wall time per point, so the time axes can place each of them. */
export function seriesHaveWallTimes(series: readonly TimedSeries[]): boolean {
  return series.every((s) => s.wallTimes !== undefined && s.wallTimes.length === s.steps.length);
}
