// Time-ordered splits of one long series or text: training first, then validation, then test, so a window
// drawn for one split never overlaps another (no leakage across windows).
import type { Rng } from '../random/rng';
import type { Split } from './split';

/** Fractions of the series in each split, in time order. */
export const SPLIT_FRACTIONS: Readonly<Record<Split, number>> = { train: 0.8, validation: 0.1, test: 0.1 };

/** [start, end) of a split in a series of `length` items. */
export function splitRange(length: number, split: Split): readonly [number, number] {
  const trainEnd = Math.floor(length * SPLIT_FRACTIONS.train);
  const validationEnd = Math.floor(length * (SPLIT_FRACTIONS.train + SPLIT_FRACTIONS.validation));
  switch (split) {
    case 'train':
      return [0, trainEnd];
    case 'validation':
      return [trainEnd, validationEnd];
    case 'test':
      return [validationEnd, length];
  }
}

/** Items in the smallest split: windows must fit in it. */
export function smallestSplit(length: number): number {
  return Math.min(...(['train', 'validation', 'test'] as const).map((s) => splitRange(length, s)).map(([a, b]) => b - a));
}

/** The fewest items whose smallest split holds at least `room` (every split grows with the length). */
export function lengthForSplit(room: number): number {
  let n = 3;
  while (smallestSplit(n) < room) n++;
  return n;
}

/**
 * The largest window that fits every split of `length` items when `after` more follow each window (the horizon
 * of a forecast, or the one token after a text window that is its last target); 0 when none fits.
 */
export function largestWindow(length: number, after: number): number {
  return length < 3 ? 0 : Math.max(0, smallestSplit(length) - after);
}

/** A uniform start for a window of `span` items lying wholly inside the split. */
export function windowStart(rng: Rng, length: number, split: Split, span: number): number {
  const [start, end] = splitRange(length, split);
  if (end - start < span) throw new Error(`windowStart: a window of ${span} does not fit in the ${split} split [${start}, ${end})`);
  return start + rng.int(end - start - span + 1);
}
