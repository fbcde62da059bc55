// The explosion monitor on hand-made loss and gradient sequences: the reference loss floors at the untrained
// model's loss (a fresh forecaster is never flagged for starting above a strong persistence baseline), the
// best-so-far rule ignores noise near zero, each explosion is reported once, and the last sane loss is the one
// from before the explosion began.
import { describe, expect, it } from 'vitest';
import { trainingSpecSchema } from '../../../../core/common/spec/training-spec';
import { createTask } from '../../../../core/common/tasks/registry';
import { DivergenceMonitor, INITIAL_DIVERGENCE_STATE, baselineLoss } from '../../../../core/common/train/divergence';

const defaults = trainingSpecSchema.parse({}).divergence;
const monitor = (baseline: number | null, untrained: number, spec = {}) => {
  const m = new DivergenceMonitor({ ...defaults, ...spec }, baseline, { ...INITIAL_DIVERGENCE_STATE });
  m.setUntrainedLoss(untrained);
  return m;
};

describe('baselineLoss', () => {
  const task = (id: string, params = {}) => {
    const t = createTask(id, params);
    if (!t.ok) throw new Error(id);
    return t.value;
  };
  it('takes an MSE or cross-entropy baseline as it is, ln of a perplexity, and ln(classes) for an accuracy', () => {
    expect(baselineLoss(task('adding-problem'))).toBeCloseTo(1 / 6, 12);
    expect(baselineLoss(task('char-lm', { corpusLength: 5000, window: 16 }))).toBeCloseTo(
      Math.log(task('char-lm', { corpusLength: 5000, window: 16 }).baseline.value),
      12,
    );
    expect(baselineLoss(task('parity'))).toBeCloseTo(Math.log(2), 12);
  });
});

describe('DivergenceMonitor', () => {
  it('does not flag a fresh model that starts far above a strong baseline, and flags 10 × beyond where it started', () => {
    // persistence MSE 1e-4, untrained model 0.5: the reference is 0.5
    const m = monitor(1e-4, 0.5);
    expect(m.afterEvaluation(100, 0.6, null)).toBeNull();
    expect(m.afterEvaluation(200, 0.4, 0.6)).toBeNull();
    expect(m.afterEvaluation(300, 6, 0.4)).toBeNull(); // one evaluation over 10 × 0.5
    const found = m.afterEvaluation(400, 7, 0.4);
    expect(found?.step).toBe(400);
    expect(found?.reason).toMatch(/^the validation loss \(7\) was above 10 × the reference loss 0\.5 .* at 2 evaluations in a row since step 300$/);
  });

  it('flags a loss 10 × its best only when it is also no better than the reference (not overfitting near zero)', () => {
    const m = monitor(0.69, 0.7);
    expect(m.afterEvaluation(10, 0.001, null)).toBeNull();
    expect(m.afterEvaluation(20, 0.05, 0.001)).toBeNull();
    expect(m.afterEvaluation(30, 0.05, 0.001)).toBeNull();
    expect(m.afterEvaluation(40, 0.9, 0.001)).toBeNull();
    expect(m.afterEvaluation(50, 0.9, 0.001)?.reason).toMatch(
      /above 10 × its best \(0\.001\) and no better than the reference loss 0\.7 at 2 evaluations in a row since step 40$/,
    );
  });

  it('reports a gradient explosion once, with the last sane loss from before it began', () => {
    const m = monitor(0.17, 1, { gradNormSteps: 3 });
    expect(m.afterStep(1, 0.9, 2)).toBeNull();
    expect(m.afterStep(2, 0.8, 3)).toBeNull();
    expect(m.afterStep(3, 50, 1e7)).toBeNull(); // over the loss bound too: not sane
    expect(m.afterStep(4, 1e20, 1e9)).toBeNull();
    expect(m.afterStep(5, 1e22, 1e9)).toEqual({
      step: 5,
      reason: expect.stringMatching(/^the gradient norm before clipping was above 1000000 for 3 steps in a row since step 3 \(now 1000000000\)$/),
      lastSaneLoss: 0.8,
      lastSaneStep: 2,
    });
    expect(m.afterStep(6, 1e22, 1e9)).toBeNull(); // the same explosion
    expect(m.afterStep(7, 0.7, 1)).toBeNull();
    expect(m.afterStep(8, 0.7, 1e8)).toBeNull();
    expect(m.afterStep(9, 0.7, 1e8)).toBeNull();
    expect(m.afterStep(10, 0.7, 1e8)?.lastSaneStep).toBe(7); // a new one
  });

  it('dates an explosion found by the evaluations to before the first bad one', () => {
    const m = monitor(0.17, 1);
    m.afterStep(10, 0.5, 1);
    expect(m.afterEvaluation(10, 0.4, null)).toBeNull();
    m.afterStep(20, 3, 1); // a dead network: its train loss is within the bound, but it no longer learns
    expect(m.afterEvaluation(20, 20, 0.4)).toBeNull();
    m.afterStep(30, 3, 1);
    expect(m.afterEvaluation(30, 20, 0.4)).toMatchObject({ step: 30, lastSaneLoss: 0.5, lastSaneStep: 10 });
    expect(m.nonFinite(31, 'loss is NaN')).toEqual({ step: 31, reason: 'loss is NaN', lastSaneLoss: 0.5, lastSaneStep: 10 });
  });
});
