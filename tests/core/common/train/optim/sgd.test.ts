import { describe, expect, it } from 'vitest';
import { createParam } from '../../../../../core/common/nn/param';
import { Sgd } from '../../../../../core/common/train/optim/sgd';
import { casesOf, expectMatchesTorch } from './torch-reference';

describe('Sgd', () => {
  for (const c of casesOf('sgd')) {
    it(`matches torch.optim.SGD over several steps: ${c.name}`, () => expectMatchesTorch(c));
  }

  it('plain SGD is θ − lr·g and leaves the gradient untouched', () => {
    const p = createParam('w', [3], 'float64');
    p.data.set([1, 2, 3]);
    p.grad.set([0.5, -1, 2]);
    new Sgd().step([p], 0.1);
    expect(Array.from(p.data)).toEqual([1 - 0.1 * 0.5, 2 + 0.1, 3 - 0.1 * 2]);
    expect(Array.from(p.grad)).toEqual([0.5, -1, 2]);
  });

  it('starts the momentum buffer at the first gradient, then b = μb + g', () => {
    const p = createParam('w', [1], 'float64');
    const sgd = new Sgd({ momentum: 0.9 });
    p.grad[0] = 1;
    sgd.step([p], 1);
    expect(p.data[0]).toBe(-1);
    sgd.step([p], 1);
    expect(p.data[0]).toBeCloseTo(-1 - 1.9, 15);
    expect(sgd.state().slots['w']!.buffers['momentum_buffer']![0]).toBeCloseTo(1.9, 15);
  });

  it('keeps no buffer without momentum', () => {
    const p = createParam('w', [2]);
    const sgd = new Sgd();
    sgd.step([p], 0.1);
    expect(sgd.state().slots['w']).toEqual({ step: 1, buffers: {} });
  });

  it('rejects Nesterov without momentum or with dampening, and negative hyper-parameters', () => {
    expect(() => new Sgd({ nesterov: true })).toThrow(/Nesterov/);
    expect(() => new Sgd({ nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow(/Nesterov/);
    expect(() => new Sgd({ momentum: -0.1 })).toThrow(/momentum/);
    expect(() => new Sgd({ weightDecay: Number.NaN })).toThrow(/weightDecay/);
  });
});
