// Length bucketing: groups examples of similar length into batches so padding wastes few steps,
// then shuffles the order of the batches with the seeded generator so training does not see lengths in order.
import type { Rng } from '../random/rng';

/**
 * Sorts example indices by length (ties in a random order), cuts them into consecutive batches of
 * `batchSize` (the last may be smaller) and shuffles the batches. Every index appears exactly once.
 * @param lengths [N] length of each example
 * @returns batches of example indices
 */
export function bucketByLength(lengths: ArrayLike<number>, batchSize: number, rng: Rng): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`bucketByLength: batchSize must be a positive integer, got ${batchSize}`);
  const order = rng.shuffle(Array.from({ length: lengths.length }, (_, i) => i));
  // Array.prototype.sort is stable, so the shuffle decides the order within equal lengths
  order.sort((a, b) => lengths[a] - lengths[b]);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) batches.push(order.slice(start, start + batchSize));
  return rng.shuffle(batches);
}

/** Padded steps a batching costs: Σ over batches of B·max length − Σ lengths (0 means no padding). */
export function paddingWaste(lengths: ArrayLike<number>, batches: readonly (readonly number[])[]): number {
  let waste = 0;
  for (const batch of batches) {
    const longest = batch.reduce((m, i) => Math.max(m, lengths[i]), 0);
    for (const i of batch) waste += longest - lengths[i];
  }
  return waste;
}
