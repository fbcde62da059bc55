import { describe, expect, it } from 'vitest';
import { Adagrad } from '../../../../../core/common/train/optim/adagrad';
import { Adam, AdamW } from '../../../../../core/common/train/optim/adam';
import { createOptimizer } from '../../../../../core/common/train/optim/create-optimizer';
import type { OptimizerConfig } from '../../../../../core/common/train/optim/create-optimizer';
import { RmsProp } from '../../../../../core/common/train/optim/rmsprop';
import { Sgd } from '../../../../../core/common/train/optim/sgd';

describe('createOptimizer', () => {
  it('builds each kind from its config', () => {
    expect(createOptimizer({ kind: 'sgd', momentum: 0.9 })).toBeInstanceOf(Sgd);
    expect(createOptimizer({ kind: 'adam' })).toBeInstanceOf(Adam);
    expect(createOptimizer({ kind: 'adamw' })).toBeInstanceOf(AdamW);
    expect(createOptimizer({ kind: 'rmsprop', centered: true })).toBeInstanceOf(RmsProp);
    expect(createOptimizer({ kind: 'adagrad' })).toBeInstanceOf(Adagrad);
    expect(createOptimizer({ kind: 'adamw' }).kind).toBe('adamw');
  });

  it('passes options through, so invalid ones are refused', () => {
    expect(() => createOptimizer({ kind: 'adam', eps: -1 })).toThrow(/eps/);
    expect(() => createOptimizer({ kind: 'lbfgs' } as unknown as OptimizerConfig)).toThrow(/unknown kind 'lbfgs'/);
  });
});
