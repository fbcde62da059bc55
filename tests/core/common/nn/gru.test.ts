// GRU cell: gradients by finite differences, gate order, and the "reset after" form by hand.

import { describe, expect, it } from 'vitest';
import { GRU, GRU_GATE_ORDER } from '../../../../core/common/nn/gru';
import { describeGradientChecks } from './recurrent-gradcheck';

describeGradientChecks('gru');

describe('GRU', () => {
  it('uses PyTorch gate order [r, z, n] and 3H-row weights', () => {
    expect(GRU_GATE_ORDER).toEqual(['r', 'z', 'n']);
    const gru = new GRU({ inputSize: 4, hiddenSize: 2, numLayers: 2 });
    expect(gru.params.map((p) => [p.name, p.shape])).toEqual([
      ['weight_ih_l0', [6, 4]],
      ['weight_hh_l0', [6, 2]],
      ['bias_ih_l0', [6]],
      ['bias_hh_l0', [6]],
      ['weight_ih_l1', [6, 2]],
      ['weight_hh_l1', [6, 2]],
      ['bias_ih_l1', [6]],
      ['bias_hh_l1', [6]],
    ]);
  });

  it('applies r to W_hn h + b_hn, bias included (n = tanh(x_n + r ∘ (W_hn h + b_hn)))', () => {
    const gru = new GRU({ inputSize: 1, hiddenSize: 1, dtype: 'float64' });
    const [, Whh, bih, bhh] = gru.params;
    const at = (gate: 'r' | 'z' | 'n'): number => GRU_GATE_ORDER.indexOf(gate);
    Whh!.data[at('n')] = 0.7;
    bih!.data[at('r')] = 0.2;
    bih!.data[at('z')] = -0.3;
    bih!.data[at('n')] = 0.1;
    bhh!.data[at('n')] = 0.5;
    const h0 = 0.4;
    const out = gru.forward(Float64Array.of(0), 1, 1, { h0: Float64Array.of(h0) });
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    const r = s(0.2),
      z = s(-0.3);
    const n = Math.tanh(0.1 + r * (0.7 * h0 + 0.5));
    expect(out.hN[0]).toBeCloseTo((1 - z) * n + z * h0, 14);
  });
});
