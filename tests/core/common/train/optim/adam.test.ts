import { describe, expect, it } from 'vitest';
import { createParam } from '../../../../../core/common/nn/param';
import { Adam, AdamW } from '../../../../../core/common/train/optim/adam';
import { casesOf, expectMatchesTorch } from './torch-reference';

describe('Adam', () => {
  for (const c of casesOf('adam')) {
    it(`matches torch.optim.Adam over several steps: ${c.name}`, () => expectMatchesTorch(c));
  }

  it('moves each parameter by ≈ lr·sign(g) on the first step, whatever the gradient scale', () => {
    const p = createParam('w', [4], 'float64');
    p.grad.set([1e3, -2, 1e-3, -5e-2]);
    new Adam().step([p], 0.01);
    // m̂ = g and v̂ = g², so the step is lr·g / (|g| + ε)
    expect(p.data[0]).toBeCloseTo(-0.01, 9);
    expect(p.data[1]).toBeCloseTo(0.01, 9);
    expect(p.data[2]).toBeCloseTo(-0.01, 6);
    expect(p.data[3]).toBeCloseTo(0.01, 8);
  });

  it('adds L2 weight decay to the gradient (a zero gradient still moves θ by ≈ lr·sign(θ))', () => {
    const p = createParam('w', [2], 'float64');
    p.data.set([2, -3]);
    new Adam({ weightDecay: 0.1 }).step([p], 0.01);
    expect(p.data[0]).toBeCloseTo(1.99, 8);
    expect(p.data[1]).toBeCloseTo(-2.99, 8);
  });

  it('rejects betas outside [0, 1)', () => {
    expect(() => new Adam({ betas: [1, 0.999] })).toThrow(/beta1/);
    expect(() => new Adam({ betas: [0.9, -0.1] })).toThrow(/beta2/);
  });
});

describe('AdamW', () => {
  for (const c of casesOf('adamw')) {
    it(`matches torch.optim.AdamW over several steps: ${c.name}`, () => expectMatchesTorch(c));
  }

  it('decays weights apart from the gradient: with g = 0, θ ← θ·(1 − lr·λ) exactly', () => {
    const p = createParam('w', [2], 'float64');
    p.data.set([2, -3]);
    const adamw = new AdamW({ weightDecay: 0.1 });
    expect(adamw.kind).toBe('adamw');
    adamw.step([p], 0.01);
    expect(Array.from(p.data)).toEqual([2 * (1 - 0.01 * 0.1), -3 * (1 - 0.01 * 0.1)]);
  });

  it("uses PyTorch's default weight decay 1e-2", () => {
    const p = createParam('w', [1], 'float64');
    p.data[0] = 1;
    new AdamW().step([p], 0.5);
    expect(p.data[0]).toBe(1 - 0.5 * 1e-2);
  });
});
