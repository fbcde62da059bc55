// The median the benchmarks report (per-step times, per-call times, values over repetitions).
import { at } from '../core/common/checked-index';

/** The middle value of a non-empty list, or the mean of the two middle ones for an even count; throws on an empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median: no values (nothing was measured)');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? at(s, mid, 'median') : (at(s, mid - 1, 'median') + at(s, mid, 'median')) / 2;
}
