// Dropout streams of data-parallel shards. With k > 1 threads the coordinator draws one uint32 per step
// from the run's dropout generator, and shard i draws its masks from a generator seeded with that value
// mixed with i (the same splitmix-style mixing as TrainingSession's streams). Results are then
// reproducible for a given seed and k, but the masks differ from a one-thread run's, so with dropout
// k threads do not match one thread; without dropout they do, up to float rounding.
import { Rng } from '../../random/rng';

export function shardRng(stepSeed: number, shard: number): Rng {
  return new Rng((stepSeed ^ Math.imul(shard + 1, 0x9e3779b9)) >>> 0);
}
