// The one update every model kind's step ends with: pre-clip norm, NaN/Inf checks, clipping, optimiser.
import { describe, expect, it } from 'vitest';
import { createParam, type Param } from '../../../../core/common/nn/param';
import { Sgd } from '../../../../core/common/train/optim/sgd';
import { constantLr } from '../../../../core/common/train/schedules';
import { updateStep, type BatchOutcome, type UpdateOptions } from '../../../../core/common/train/update-step';

function params(data: number[], grad: number[]): Param[] {
  const p = createParam('w', [data.length], 'float64');
  p.data.set(data);
  p.grad.set(grad);
  return [p];
}

const outcome: BatchOutcome = { loss: 0.5, accuracy: null, tokens: 4, gradNorms: null, teacherForcing: null };

function options(clip: UpdateOptions['clip'], lr = 1): UpdateOptions {
  return { optimizer: new Sgd({}), schedule: constantLr(lr), clip };
}

describe('updateStep', () => {
  it('reports the norm before clipping, clips by norm, then steps with the scheduled rate', () => {
    const ps = params([1, 1], [3, 4]);
    const stats = updateStep(ps, outcome, 0, options({ kind: 'norm', max: 1 }, 0.5));
    expect(stats).toMatchObject({ loss: 0.5, tokens: 4, gradNorm: 5, learningRate: 0.5, nonFinite: null });
    const scale = 1 / (5 + 1e-6);
    expect(Array.from(ps[0]!.data)).toEqual([1 - 0.5 * 3 * scale, 1 - 0.5 * 4 * scale]);
  });

  it('clips by value', () => {
    const ps = params([0, 0], [3, -0.5]);
    updateStep(ps, outcome, 0, options({ kind: 'value', max: 1 }));
    expect(Array.from(ps[0]!.data)).toEqual([-1, 0.5]);
  });

  it('skips the update on a non-finite loss or gradient, naming it', () => {
    const ps = params([1, 2], [1, 1]);
    expect(updateStep(ps, { ...outcome, loss: Number.NaN }, 0, options({ kind: 'none' })).nonFinite).toBe('loss is NaN');
    ps[0]!.grad[1] = Number.POSITIVE_INFINITY;
    const stats = updateStep(ps, outcome, 0, options({ kind: 'norm', max: 1 }));
    expect(stats.nonFinite).toBe('gradient of w is not finite');
    expect(stats.gradNorm).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(ps[0]!.data)).toEqual([1, 2]);
  });

  it('names a parameter the step made non-finite', () => {
    const ps = params([1, 2], [1, -1e308]);
    expect(updateStep(ps, outcome, 0, options({ kind: 'none' }, 1e10)).nonFinite).toBe('parameter w became Infinity');
  });
});
