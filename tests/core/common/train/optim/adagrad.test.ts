import { describe, expect, it } from 'vitest';
import { createParam } from '../../../../../core/common/nn/param';
import { Adagrad } from '../../../../../core/common/train/optim/adagrad';
import { casesOf, expectMatchesTorch } from './torch-reference';

describe('Adagrad', () => {
  for (const c of casesOf('adagrad')) {
    it(`matches torch.optim.Adagrad over several steps: ${c.name}`, () => expectMatchesTorch(c));
  }

  it('divides by the root of the summed squared gradients', () => {
    const p = createParam('w', [1], 'float64');
    const opt = new Adagrad({ eps: 0 });
    p.grad[0] = 3;
    opt.step([p], 1);
    expect(p.data[0]).toBe(-1);
    p.grad[0] = 4;
    opt.step([p], 1);
    expect(p.data[0]).toBe(-1 - 4 / 5);
  });

  it('starts the accumulator at initialAccumulatorValue', () => {
    const p = createParam('w', [2], 'float64');
    const opt = new Adagrad({ initialAccumulatorValue: 0.5 });
    opt.step([p], 0.1);
    expect(Array.from(opt.state().slots['w']!.buffers['sum']!)).toEqual([0.5, 0.5]);
  });
});
