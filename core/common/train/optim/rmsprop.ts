// RMSProp (Hinton, Coursera lecture 6e, 2012) with optional momentum and the centered variant
// (Graves 2013, "Generating Sequences With Recurrent Neural Networks"), exactly as torch.optim.RMSprop.

import { SlotOptimizer, checkHyper } from './optimizer';
import type { Slot } from './optimizer';
import type { Param } from '../../nn/param';

export interface RmsPropOptions {
  /** α, smoothing of the squared-gradient average; default 0.99. */
  readonly alpha?: number;
  /** ε, added after the square root; default 1e-8. */
  readonly eps?: number;
  /** λ, L2 penalty added to the gradient; default 0. */
  readonly weightDecay?: number;
  /** μ; 0 (default) keeps no momentum buffer. */
  readonly momentum?: number;
  /** Divide by an estimate of the gradient's variance rather than its raw second moment. */
  readonly centered?: boolean;
}

/**
 * PyTorch's update, per element (no bias correction; buffers start at zero):
 *   g ← ∇ + λ·θ
 *   v ← α·v + (1 − α)·g²
 *   ḡ ← α·ḡ + (1 − α)·g                  (centered only)
 *   d ← √(v − ḡ²) + ε   (centered)  or   √v + ε
 *   b ← μ·b + g/d,  θ ← θ − lr·b        (μ > 0)   or   θ ← θ − lr·g/d
 * One deliberate difference: v − ḡ² (never negative in exact arithmetic) is clamped at 0, where
 * PyTorch would take the square root of a rounding-error negative and produce NaN.
 */
export class RmsProp extends SlotOptimizer {
  readonly kind = 'rmsprop' as const;
  protected readonly bufferNames: readonly string[];
  private readonly alpha: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly momentum: number;
  private readonly centered: boolean;

  constructor(options: RmsPropOptions = {}) {
    super();
    this.alpha = options.alpha ?? 0.99;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    checkHyper('rmsprop', 'alpha', this.alpha, (v) => v >= 0 && v < 1, 'in [0, 1)');
    checkHyper('rmsprop', 'eps', this.eps, (v) => v >= 0, '>= 0');
    checkHyper('rmsprop', 'weightDecay', this.weightDecay, (v) => v >= 0, '>= 0');
    checkHyper('rmsprop', 'momentum', this.momentum, (v) => v >= 0, '>= 0');
    // fixed order: square_avg, then the optional ones; update() finds them by these positions
    this.bufferNames = ['square_avg', ...(this.momentum > 0 ? ['momentum_buffer'] : []), ...(this.centered ? ['grad_avg'] : [])];
  }

  protected update(p: Param, slot: Slot, lr: number): void {
    const { data: theta, grad } = p;
    const { alpha, eps, weightDecay: wd, momentum: mu } = this;
    const v = slot.buffers[0]!;
    const buf = mu > 0 ? slot.buffers[1]! : null;
    const gAvg = this.centered ? slot.buffers[mu > 0 ? 2 : 1]! : null;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i]! + wd * theta[i]!;
      v[i] = alpha * v[i]! + (1 - alpha) * g * g;
      let d: number;
      if (gAvg !== null) {
        gAvg[i] = alpha * gAvg[i]! + (1 - alpha) * g;
        d = Math.sqrt(Math.max(0, v[i]! - gAvg[i]! ** 2)) + eps;
      } else {
        d = Math.sqrt(v[i]!) + eps;
      }
      if (buf !== null) {
        buf[i] = mu * buf[i]! + g / d;
        theta[i]! -= lr * buf[i]!;
      } else {
        theta[i]! -= lr * (g / d);
      }
    }
  }
}
