// A validation series is re-read when progress passes an evaluation step or reaches the last step, not otherwise.
import { describe, expect, it } from 'vitest';
import { passedEvaluation } from '../../../../../core/common/runs/compare/evaluation-steps';

describe('passedEvaluation', () => {
  it('is true when a multiple of evalEvery lies in (before, step], or at the last step', () => {
    expect(passedEvaluation(95, 100, 100, 1000)).toBe(true);
    expect(passedEvaluation(95, 230, 100, 1000)).toBe(true); // throttled events skip over step 200
    expect(passedEvaluation(100, 150, 100, 1000)).toBe(false);
    expect(passedEvaluation(990, 1000, 300, 1000)).toBe(true); // the last step is always evaluated
    expect(passedEvaluation(0, 99, 100, 1000)).toBe(false);
  });

  it('is false for a repeated or older step, and refuses a bad interval', () => {
    expect(passedEvaluation(200, 200, 100, 1000)).toBe(false);
    expect(passedEvaluation(300, 200, 100, 1000)).toBe(false);
    expect(() => passedEvaluation(0, 1, 0, 10)).toThrow(/evalEvery/);
  });
});
