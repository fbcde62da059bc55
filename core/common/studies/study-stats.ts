// Aggregation over seeds: n, mean, sample standard deviation (n − 1; null for one value), min and max.

export interface Summary {
  readonly n: number;
  /** null when n = 0 (so the summary crosses the API as JSON). */
  readonly mean: number | null;
  /** Sample standard deviation √(Σ(v − mean)² / (n − 1)); null when n < 2. */
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, min: null, max: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}
