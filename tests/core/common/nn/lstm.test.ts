// LSTM cell: gradients by finite differences, gate order, and one step by hand.

import { describe, expect, it } from 'vitest';
import { LSTM, LSTM_GATE_ORDER } from '../../../../core/common/nn/lstm';
import { describeGradientChecks } from './recurrent-gradcheck';

describeGradientChecks('lstm');

describe('LSTM', () => {
  it('uses PyTorch gate order [i, f, g, o] and 4H-row weights', () => {
    expect(LSTM_GATE_ORDER).toEqual(['i', 'f', 'g', 'o']);
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, bidirectional: true });
    expect(lstm.params.map((p) => [p.name, p.shape])).toEqual([
      ['weight_ih_l0', [12, 2]],
      ['weight_hh_l0', [12, 3]],
      ['bias_ih_l0', [12]],
      ['bias_hh_l0', [12]],
      ['weight_ih_l0_reverse', [12, 2]],
      ['weight_hh_l0_reverse', [12, 3]],
      ['bias_ih_l0_reverse', [12]],
      ['bias_hh_l0_reverse', [12]],
    ]);
  });

  it('computes one step from the gate blocks in that order', () => {
    // H = 1, zero weights: each gate's pre-activation is its bias, block k = gate LSTM_GATE_ORDER[k].
    const lstm = new LSTM({ inputSize: 1, hiddenSize: 1, dtype: 'float64' });
    const pre = { i: 0.3, f: -0.4, g: 0.8, o: 1.1 };
    lstm.params[2]!.data.set(LSTM_GATE_ORDER.map((gate) => pre[gate]));
    const c0 = 0.5;
    const out = lstm.forward(Float64Array.of(0), 1, 1, { c0: Float64Array.of(c0) });
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    const c = s(pre.f) * c0 + s(pre.i) * Math.tanh(pre.g);
    expect(out.cN![0]).toBeCloseTo(c, 14);
    expect(out.hN[0]).toBeCloseTo(s(pre.o) * Math.tanh(c), 14);
  });
});
