import { describe, expect, it } from 'vitest';
import { createParam } from '../../../../../core/common/nn/param';
import { RmsProp } from '../../../../../core/common/train/optim/rmsprop';
import { casesOf, expectMatchesTorch } from './torch-reference';

describe('RmsProp', () => {
  for (const c of casesOf('rmsprop')) {
    it(`matches torch.optim.RMSprop over several steps: ${c.name}`, () => expectMatchesTorch(c));
  }

  it('first step is lr·g / (√((1 − α)·g²) + ε): no bias correction', () => {
    const p = createParam('w', [1], 'float64');
    p.grad[0] = 2;
    new RmsProp({ alpha: 0.99, eps: 0 }).step([p], 0.01);
    expect(p.data[0]).toBeCloseTo(-0.01 / Math.sqrt(0.01), 14);
  });

  it('keeps the buffers its options need, under their PyTorch names', () => {
    const p = createParam('w', [2]);
    const names = (o: RmsProp): string[] => {
      o.step([p], 0.01);
      return Object.keys(o.state().slots['w']!.buffers).sort();
    };
    expect(names(new RmsProp())).toEqual(['square_avg']);
    expect(names(new RmsProp({ momentum: 0.9 }))).toEqual(['momentum_buffer', 'square_avg']);
    expect(names(new RmsProp({ centered: true, momentum: 0.9 }))).toEqual(['grad_avg', 'momentum_buffer', 'square_avg']);
  });

  it('stays finite when a constant gradient makes the centered variance ≈ 0', () => {
    // in float32 with α = 0.5 and g = 0.3, v − ḡ² rounds below zero at step 24: unclamped it is NaN
    const p = createParam('w', [3]);
    p.grad.fill(0.3);
    const opt = new RmsProp({ centered: true, alpha: 0.5 });
    for (let t = 0; t < 200; t++) opt.step([p], 1e-3);
    expect(Array.from(p.data).every(Number.isFinite)).toBe(true);
  });
});
