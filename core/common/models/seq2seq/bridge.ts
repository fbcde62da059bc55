// The bridge from an encoder's final states to a decoder's initial state. When the sizes and
// directions match the state is copied (h, and c when both cells are LSTMs); otherwise it is learned:
//   h0 = tanh(W [h_fwd; h_bwd] + b),   c0 = 0
// (as in Bahdanau et al. 2015, who start the decoder from tanh(W_s h←_1)).
//
// Shapes: B batch, F = D*H_enc encoder final-state features, H decoder hidden.

import type { Kernels } from '../../nn/kernels';
import type { Dtype, FloatArray, Param } from '../../nn/param';
import type { LinearCache } from '../../nn/dense';
import { allocFloat } from '../../nn/param';
import { Linear } from '../../nn/dense';
import { jsKernels } from '../../nn/kernels-js';
import { checkLength } from '../../nn/shape';

export type BridgeMode = 'copy' | 'linear';

export interface BridgeConfig {
  readonly mode: BridgeMode;
  /** F */
  readonly inFeatures: number;
  /** H */
  readonly hiddenSize: number;
  /** Copy mode: also copy the cell state (encoder and decoder are both LSTMs). */
  readonly copyCellState: boolean;
  readonly dtype?: Dtype | undefined;
  readonly kernels?: Kernels | undefined;
  /** e.g. "bridge." → bridge.weight, bridge.bias */
  readonly namePrefix?: string;
}

export class StateBridge {
  readonly mode: BridgeMode;
  readonly linear: Linear | null;
  readonly params: readonly Param[];
  private readonly k: Kernels;
  private readonly copyCellState: boolean;
  private h0: FloatArray; //   [B, H] tanh output (linear mode)
  private dPre: FloatArray; // [B, H]
  private cache: LinearCache | null = null;
  private B = 0;

  constructor(config: BridgeConfig) {
    const { mode, inFeatures: F, hiddenSize: H, dtype = 'float32', kernels } = config;
    if (mode === 'copy' && F !== H) throw new Error(`StateBridge(constructor): copying needs equal sizes, got encoder features ${F} and decoder hidden ${H}`);
    this.mode = mode;
    this.k = kernels ?? jsKernels;
    this.copyCellState = mode === 'copy' && config.copyCellState;
    this.linear = mode === 'linear' ? new Linear({ inFeatures: F, outFeatures: H, dtype, kernels, namePrefix: config.namePrefix ?? '' }) : null;
    this.params = this.linear?.params ?? [];
    this.h0 = this.dPre = allocFloat(dtype, 0);
  }

  /**
   * @param final [B, F] encoder final hidden features   @param finalC [B, F] cell features (LSTM) or null
   * @returns h0 [B, H] and c0 [B, H] (null = zeros), valid until the next forward
   */
  forward(final: FloatArray, finalC: FloatArray | null, B: number): { h0: FloatArray; c0: FloatArray | null } {
    this.B = B;
    if (this.linear === null) return { h0: final, c0: this.copyCellState ? finalC : null };
    const H = this.linear.outFeatures;
    if (this.h0.length < B * H) {
      this.h0 = allocFloat(this.linear.dtype, B * H);
      this.dPre = allocFloat(this.linear.dtype, B * H);
    }
    const { y, cache } = this.linear.forward(final, B);
    this.cache = cache;
    this.k.tanh(1, B * H, y, 0, 0, this.h0, 0, 0);
    return { h0: this.h0.subarray(0, B * H), c0: null };
  }

  /**
   * @param dh0 [B, H]   @param dc0 [B, H] or null
   * @returns ∂L/∂final and ∂L/∂finalC [B, F] (null = 0)
   */
  backward(dh0: FloatArray, dc0: FloatArray | null): { dFinal: FloatArray; dFinalC: FloatArray | null } {
    if (this.linear === null) return { dFinal: dh0, dFinalC: this.copyCellState ? dc0 : null };
    const B = this.B,
      H = this.linear.outFeatures;
    checkLength('StateBridge.backward', 'dh0 [B, H]', dh0, [B, H]);
    this.k.copy(1, B * H, dh0, 0, 0, this.dPre, 0, 0);
    this.k.tanhBackward(1, B * H, this.h0, 0, 0, this.dPre, 0, 0); // ∘ (1 − h0²)
    const { dx } = this.linear.backward(this.cache as LinearCache, this.dPre.subarray(0, B * H));
    return { dFinal: dx, dFinalC: null };
  }
}
