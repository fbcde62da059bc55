// Adam (Kingma & Ba 2015) with L2 weight decay, and AdamW (Loshchilov & Hutter 2019) with
// decoupled weight decay, exactly as torch.optim.Adam / torch.optim.AdamW (amsgrad off).

import { SlotOptimizer, checkHyper } from './optimizer';
import type { OptimizerKind, Slot } from './optimizer';
import type { FloatArray, Param } from '../../nn/param';

export interface AdamOptions {
  /** (β1, β2); default (0.9, 0.999). */
  readonly betas?: readonly [number, number];
  /** ε, added after the bias-corrected square root; default 1e-8. */
  readonly eps?: number;
  /** λ; Adam adds λ·θ to the gradient (default 0), AdamW shrinks θ by lr·λ (default 1e-2). */
  readonly weightDecay?: number;
}

/**
 * PyTorch's update, per element (t counts from 1):
 *   g ← ∇ + λ·θ                                  (Adam: L2 penalty inside the gradient)
 *   θ ← θ·(1 − lr·λ)                             (AdamW instead: decoupled decay, before the step)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
 * ε sits outside the square root and after the second-moment bias correction, as in PyTorch
 * (the paper's ε̂ form differs by a factor √(1 − β2ᵗ) early on).
 */
export class Adam extends SlotOptimizer {
  readonly kind: OptimizerKind;
  protected readonly bufferNames = ['exp_avg', 'exp_avg_sq'] as const;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly decoupled: boolean;

  constructor(options: AdamOptions = {}, decoupled = false) {
    super();
    this.kind = decoupled ? 'adamw' : 'adam';
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? (decoupled ? 1e-2 : 0);
    this.decoupled = decoupled;
    checkHyper(this.kind, 'beta1', this.beta1, (v) => v >= 0 && v < 1, 'in [0, 1)');
    checkHyper(this.kind, 'beta2', this.beta2, (v) => v >= 0 && v < 1, 'in [0, 1)');
    checkHyper(this.kind, 'eps', this.eps, (v) => v >= 0, '>= 0');
    checkHyper(this.kind, 'weightDecay', this.weightDecay, (v) => v >= 0, '>= 0');
  }

  protected update(p: Param, slot: Slot, lr: number): void {
    const { data: theta, grad } = p;
    const [m, v] = slot.buffers as [FloatArray, FloatArray];
    const { beta1, beta2, eps } = this;
    const l2 = this.decoupled ? 0 : this.weightDecay;
    const shrink = this.decoupled ? 1 - lr * this.weightDecay : 1;
    const stepSize = lr / (1 - beta1 ** slot.step);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** slot.step);
    for (let i = 0; i < theta.length; i++) {
      theta[i]! *= shrink;
      const g = grad[i]! + l2 * theta[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const denom = Math.sqrt(v[i]!) / bc2Sqrt + eps;
      theta[i]! -= stepSize * (m[i]! / denom);
    }
  }
}

/** AdamW: Adam whose weight decay is decoupled from the gradient (Loshchilov & Hutter 2019). */
export class AdamW extends Adam {
  constructor(options: AdamOptions = {}) {
    super(options, true);
  }
}
