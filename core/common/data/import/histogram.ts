// Histograms of lengths (tokens per sequence, characters per line) for previews and dataset stats: exact
// counts per length while streaming, cut into at most `bins` equal-width bins at the end.

export interface Histogram {
  /** [bins + 1] bin edges; bin i counts lengths in [edges[i], edges[i + 1]), the last bin includes its right edge. */
  readonly edges: number[];
  /** [bins] */
  readonly counts: number[];
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly total: number;
}

export class LengthCounter {
  private readonly counts = new Map<number, number>();
  private n = 0;
  private sum = 0;

  add(length: number): void {
    this.counts.set(length, (this.counts.get(length) ?? 0) + 1);
    this.n++;
    this.sum += length;
  }

  get total(): number {
    return this.n;
  }

  /** Integer-width bins covering [min, max]; null when nothing was counted. */
  histogram(bins = 20): Histogram | null {
    if (this.n === 0) return null;
    let min = Infinity;
    let max = -Infinity;
    for (const length of this.counts.keys()) {
      if (length < min) min = length;
      if (length > max) max = length;
    }
    const width = Math.max(1, Math.ceil((max - min + 1) / bins));
    const count = Math.max(1, Math.ceil((max - min + 1) / width));
    const edges = Array.from({ length: count + 1 }, (_, i) => min + i * width);
    const binCounts = new Array<number>(count).fill(0);
    for (const [length, c] of this.counts) binCounts[Math.min(count - 1, Math.floor((length - min) / width))]! += c; // a bin in 0..count-1: min <= length
    return { edges, counts: binCounts, min, max, mean: this.sum / this.n, total: this.n };
  }
}

/** Counts of each label, most frequent first (ties by label), for class-balance displays. */
export function classBalance(counts: ReadonlyMap<string, number>): { label: string; count: number }[] {
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
