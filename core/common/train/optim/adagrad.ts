// Adagrad (Duchi, Hazan & Singer 2011) with learning-rate decay and L2 weight decay, exactly as
// torch.optim.Adagrad for dense gradients.

import { SlotOptimizer, checkHyper } from './optimizer';
import type { Slot } from './optimizer';
import type { Param } from '../../nn/param';

export interface AdagradOptions {
  /** η decay: the step's lr is lr / (1 + (t − 1)·lrDecay); default 0. */
  readonly lrDecay?: number;
  /** λ, L2 penalty added to the gradient; default 0. */
  readonly weightDecay?: number;
  /** Value the squared-gradient sum starts at; default 0. */
  readonly initialAccumulatorValue?: number;
  /** ε, added after the square root; default 1e-10 (PyTorch's). */
  readonly eps?: number;
}

/**
 * PyTorch's update, per element (t counts from 1):
 *   g ← ∇ + λ·θ
 *   clr ← lr / (1 + (t − 1)·lrDecay)
 *   s ← s + g²
 *   θ ← θ − clr · g / (√s + ε)
 */
export class Adagrad extends SlotOptimizer {
  readonly kind = 'adagrad' as const;
  protected readonly bufferNames = ['sum'] as const;
  private readonly lrDecay: number;
  private readonly weightDecay: number;
  private readonly initialAccumulatorValue: number;
  private readonly eps: number;

  constructor(options: AdagradOptions = {}) {
    super();
    this.lrDecay = options.lrDecay ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0;
    this.eps = options.eps ?? 1e-10;
    checkHyper('adagrad', 'lrDecay', this.lrDecay, (v) => v >= 0, '>= 0');
    checkHyper('adagrad', 'weightDecay', this.weightDecay, (v) => v >= 0, '>= 0');
    checkHyper('adagrad', 'initialAccumulatorValue', this.initialAccumulatorValue, (v) => v >= 0, '>= 0');
    checkHyper('adagrad', 'eps', this.eps, (v) => v >= 0, '>= 0');
  }

  protected override initialValue(): number {
    return this.initialAccumulatorValue;
  }

  protected update(p: Param, slot: Slot, lr: number): void {
    const { data: theta, grad } = p;
    const sum = slot.buffers[0]!;
    const { weightDecay: wd, eps } = this;
    const clr = lr / (1 + (slot.step - 1) * this.lrDecay);
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i]! + wd * theta[i]!;
      sum[i]! += g * g;
      theta[i]! -= clr * (g / (Math.sqrt(sum[i]!) + eps));
    }
  }
}
