// Measuring a baseline whose value has no closed form: a fixed-seed Monte-Carlo average, so the number a
// task reports is the same on every machine and run.
import { Rng } from '../random/rng';

/** Seed of every measured baseline. */
export const BASELINE_SEED = 0xba5e;

/**
 * Σ total / Σ count over `samples` draws, each scored by `score` with the shared fixed-seed generator.
 * E.g. an MSE is (Σ squared errors) / (Σ values), an accuracy (Σ correct) / (Σ scored).
 */
export function measureBaseline(samples: number, score: (rng: Rng) => { total: number; count: number }): number {
  const rng = new Rng(BASELINE_SEED);
  let total = 0;
  let count = 0;
  for (let i = 0; i < samples; i++) {
    const s = score(rng);
    total += s.total;
    count += s.count;
  }
  if (count === 0) throw new Error('measureBaseline: nothing was scored');
  return total / count;
}
