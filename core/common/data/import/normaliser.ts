// Z-score normalisation: mean and standard deviation accumulated in one streaming pass (Welford 1962), fitted
// on the training split only and stored with the dataset, so inference later scales inputs exactly as training did.

/** One column's fitted statistics: x' = (x − mean) / std. */
export interface ZScore {
  readonly name: string;
  readonly mean: number;
  /** Population standard deviation; 1 for a constant column, so it maps to 0 rather than dividing by zero. */
  readonly std: number;
}

/** Running count, mean, M2 (sum of squared deviations) and range; numerically stable for long series. */
export class RunningStats {
  count = 0;
  mean = 0;
  private m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** False once the values are too large for double precision (|x| beyond about 1e154 overflows the squares). */
  get finite(): boolean {
    return Number.isFinite(this.mean) && Number.isFinite(this.m2);
  }

  /** Population variance Σ(x − mean)² / n (0 for fewer than two values). */
  get variance(): number {
    return this.count > 1 ? this.m2 / this.count : 0;
  }

  get std(): number {
    return Math.sqrt(this.variance);
  }

  /** Summary for a dataset's stats: count, mean, std, min, max (null when empty). */
  summary(): { count: number; mean: number | null; std: number | null; min: number | null; max: number | null } {
    if (this.count === 0) return { count: 0, mean: null, std: null, min: null, max: null };
    return { count: this.count, mean: this.mean, std: this.std, min: this.min, max: this.max };
  }

  zScore(name: string): ZScore {
    const std = this.std;
    return { name, mean: this.mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
  }
}

export function normalise(x: number, z: ZScore): number {
  return (x - z.mean) / z.std;
}

export function denormalise(y: number, z: ZScore): number {
  return y * z.std + z.mean;
}
