// Learning test (issue 4), with attention: reversing strings of length 20 reaches ≥ 95% exact-sequence
// accuracy on held-out strings within the budget of reverse-recipe.ts (300 steps of 32 strings).
// Measured on the shared 2-core machine (load ≈ 4): 100% exact (token accuracy 1.000) in 26 s; with
// other seeds of the same recipe 99.5% and 99.5%.
// The same model without attention: reverse-learning-no-attention.test.ts.

import { describe, expect, it } from 'vitest';
import { LENGTH, trainReversal } from './reverse-recipe';

describe(`string reversal at length ${LENGTH}, with attention`, () => {
  it('reaches ≥ 95% exact-sequence accuracy on 200 held-out strings', () => {
    const e = trainReversal(true);
    expect(e.sequences).toBe(200);
    expect(e.sequenceAccuracy).toBeGreaterThanOrEqual(0.95);
  }, 240_000);
});
