// RNN (tanh and ReLU) cells: gradients by finite differences, and the cell's own contract.

import { describe, expect, it } from 'vitest';
import { RNN, RNN_GATE_ORDER } from '../../../../core/common/nn/rnn';
import { describeGradientChecks } from './recurrent-gradcheck';

describeGradientChecks('rnn_tanh');
describeGradientChecks('rnn_relu');

describe('RNN', () => {
  it('has one gate block and PyTorch shapes [H, in], [H, H], [H], [H]', () => {
    expect(RNN_GATE_ORDER).toEqual(['h']);
    const rnn = new RNN({ inputSize: 5, hiddenSize: 7 });
    expect(rnn.params.map((p) => [p.name, p.shape])).toEqual([
      ['weight_ih_l0', [7, 5]],
      ['weight_hh_l0', [7, 7]],
      ['bias_ih_l0', [7]],
      ['bias_hh_l0', [7]],
    ]);
  });

  it('relu: h = max(0, W_ih x + b_ih + W_hh h0 + b_hh) for one step', () => {
    const rnn = new RNN({ inputSize: 1, hiddenSize: 2, nonlinearity: 'relu', dtype: 'float64' });
    const [Wih, Whh, bih, bhh] = rnn.params;
    Wih!.data.set([1, -1]);
    Whh!.data.set([0.5, 0, 0, 0.5]);
    bih!.data.set([0.1, 0.1]);
    bhh!.data.set([0, -0.2]);
    const { y } = rnn.forward(Float64Array.of(2), 1, 1, { h0: Float64Array.of(1, 1) });
    expect(Array.from(y)).toEqual([2 + 0.1 + 0.5, 0]); // second unit: -2 + 0.1 + 0.5 - 0.2 < 0
  });
});
