// Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, exactly as
// torch.optim.SGD (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html).

import { SlotOptimizer, checkHyper } from './optimizer';
import type { Slot } from './optimizer';
import type { Param } from '../../nn/param';

export interface SgdOptions {
  /** μ; 0 turns momentum off (then no buffer is kept). Default 0. */
  readonly momentum?: number;
  /** τ; PyTorch's default 0. Must be 0 with Nesterov. */
  readonly dampening?: number;
  /** λ, L2 penalty added to the gradient. Default 0. */
  readonly weightDecay?: number;
  readonly nesterov?: boolean;
}

/**
 * PyTorch's update, per element (t counts from 1):
 *   g ← ∇ + λ·θ
 *   b ← g                      if t = 1   (the buffer starts as the first gradient, undamped)
 *   b ← μ·b + (1 − τ)·g        otherwise
 *   g ← g + μ·b  (Nesterov)    or  g ← b
 *   θ ← θ − lr·g
 * This is the Sutskever et al. 2013 momentum with lr outside the buffer, so changing lr
 * mid-run does not rescale the velocity already accumulated.
 */
export class Sgd extends SlotOptimizer {
  readonly kind = 'sgd' as const;
  protected readonly bufferNames: readonly string[];
  private readonly momentum: number;
  private readonly dampening: number;
  private readonly weightDecay: number;
  private readonly nesterov: boolean;

  constructor(options: SgdOptions = {}) {
    super();
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    checkHyper('sgd', 'momentum', this.momentum, (v) => v >= 0, '>= 0');
    checkHyper('sgd', 'dampening', this.dampening, () => true, 'finite');
    checkHyper('sgd', 'weightDecay', this.weightDecay, (v) => v >= 0, '>= 0');
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new Error('sgd: Nesterov momentum requires momentum > 0 and dampening = 0');
    }
    this.bufferNames = this.momentum !== 0 ? ['momentum_buffer'] : [];
  }

  protected update(p: Param, slot: Slot, lr: number): void {
    const { data: theta, grad } = p;
    const { momentum: mu, dampening: tau, weightDecay: wd, nesterov } = this;
    const buf = mu !== 0 ? slot.buffers[0]! : null;
    const first = slot.step === 1;
    for (let i = 0; i < theta.length; i++) {
      let g = grad[i]! + wd * theta[i]!;
      if (buf !== null) {
        buf[i] = first ? g : mu * buf[i]! + (1 - tau) * g;
        // read back the stored value so float32 runs use the buffer exactly as PyTorch does
        g = nesterov ? g + mu * buf[i]! : buf[i]!;
      }
      theta[i]! -= lr * g;
    }
  }
}
