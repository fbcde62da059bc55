// Seeded train / validation / test assignment of N independent examples, streaming: example i's split depends
// only on (N, seed, i), with exact split sizes (selection sampling, Knuth TAOCP vol. 2, 3.4.2, Algorithm S,
// extended to three groups). The importer and the loader run it over the same N and seed, so they agree.
import { Rng } from '../../random/rng';
import type { Split } from '../split';
import { fail } from './import-error';

export interface SplitCounts {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** Fewest examples that give every split at least one. */
export const MIN_EXAMPLES = 3;

/** Refuses a file of `count` examples (`noun`: what one is, e.g. 'pair') too few to split, at its last line. */
export function requireEnoughExamples(file: string, count: number, lastLine: number, noun: string): void {
  if (count >= MIN_EXAMPLES) return;
  fail(
    'too-few-rows',
    file,
    { line: lastLine },
    `the file has ${count} ${noun}${count === 1 ? '' : 's'}, fewer than the ${MIN_EXAMPLES} needed for a training, a validation and a test split`,
    `Add more ${noun}s.`,
  );
}

/** 80 / 10 / 10, with at least one example in each split (needs N ≥ MIN_EXAMPLES). */
export function splitCounts(n: number): SplitCounts {
  if (!Number.isInteger(n) || n < MIN_EXAMPLES) throw new Error(`splitCounts: need at least ${MIN_EXAMPLES} examples, got ${n}`);
  const validation = Math.max(1, Math.round(n * 0.1));
  const test = Math.max(1, Math.round(n * 0.1));
  return { train: n - validation - test, validation, test };
}

export const SPLIT_CODES: readonly Split[] = ['train', 'validation', 'test'];

/** Assigns examples 0, 1, 2, … in order; each `next()` draws the split of the next one. */
export class SplitAssigner {
  private readonly rng: Rng;
  private readonly left: [number, number, number];

  constructor(counts: SplitCounts, seed: number) {
    this.rng = new Rng(seed);
    this.left = [counts.train, counts.validation, counts.test];
  }

  /** 0 train, 1 validation, 2 test: each with probability proportional to the places left in it. */
  next(): 0 | 1 | 2 {
    const [a, b, c] = this.left;
    const total = a + b + c;
    if (total === 0) throw new Error('SplitAssigner.next: every example is already assigned');
    const u = this.rng.int(total);
    const split = u < a ? 0 : u < a + b ? 1 : 2;
    this.left[split]--;
    return split;
  }
}

/** [N] split code of every example (0 train, 1 validation, 2 test). */
export function assignSplits(n: number, seed: number): Uint8Array {
  const assigner = new SplitAssigner(splitCounts(n), seed);
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = assigner.next();
  return codes;
}
