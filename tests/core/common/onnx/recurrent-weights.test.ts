// PyTorch → ONNX gate reorder and weight layout, on tensors small enough to check by eye.

import { describe, expect, it } from 'vitest';
import type { RecurrentStack } from '../../../../core/common/onnx/exportable-model';
import { ONNX_GATE_ORDER, onnxGateSource, toOnnxRecurrentWeights, transposeToFloat32 } from '../../../../core/common/onnx/recurrent-weights';

/** [G*H, cols] rows filled with 100*row + col, so each value names its source row and column. */
function labelled(rows: number, cols: number, base = 0): Float32Array {
  return Float32Array.from({ length: rows * cols }, (_, i) => base + 100 * Math.floor(i / cols) + (i % cols));
}

describe('gate order', () => {
  it('maps ONNX blocks to the PyTorch blocks of fixtures/README.md', () => {
    expect(onnxGateSource('lstm')).toEqual([0, 3, 1, 2]); // [i, o, f, c] from [i, f, g, o]
    expect(onnxGateSource('gru')).toEqual([1, 0, 2]); // [z, r, h] from [r, z, n]
    expect(onnxGateSource('rnn_tanh')).toEqual([0]);
    expect(onnxGateSource('rnn_relu')).toEqual([0]);
    expect(ONNX_GATE_ORDER.lstm).toEqual(['i', 'o', 'f', 'g']);
  });
});

describe('toOnnxRecurrentWeights', () => {
  it('reorders LSTM row blocks, stacks directions, concatenates the biases', () => {
    const H = 1;
    const I = 2;
    const params: Record<string, Float32Array> = {};
    for (const [sfx, base] of [
      ['_l0', 0],
      ['_l0_reverse', 5000],
    ] as const) {
      params[`weight_ih${sfx}`] = labelled(4 * H, I, base);
      params[`weight_hh${sfx}`] = labelled(4 * H, H, base + 1000);
      params[`bias_ih${sfx}`] = Float32Array.from([0, 1, 2, 3], (v) => base + 10 + v);
      params[`bias_hh${sfx}`] = Float32Array.from([0, 1, 2, 3], (v) => base + 20 + v);
    }
    const stack: RecurrentStack = { cell: 'lstm', hiddenSize: H, numLayers: 1, bidirectional: true, params };
    const w = toOnnxRecurrentWeights(stack, 0, I);
    expect(w.dimsW).toEqual([2, 4, I]);
    expect(w.dimsR).toEqual([2, 4, H]);
    expect(w.dimsB).toEqual([2, 8]);
    // Forward rows i, o, f, g = PyTorch rows 0, 3, 1, 2 (values 100*row + col); reverse follows.
    expect([...w.W]).toEqual([0, 1, 300, 301, 100, 101, 200, 201, 5000, 5001, 5300, 5301, 5100, 5101, 5200, 5201]);
    expect([...w.R]).toEqual([1000, 1300, 1100, 1200, 6000, 6300, 6100, 6200]);
    expect([...w.B]).toEqual([10, 13, 11, 12, 20, 23, 21, 22, 5010, 5013, 5011, 5012, 5020, 5023, 5021, 5022]);
  });

  it('reorders GRU blocks [r, z, n] → [z, r, n] with H rows per block, from float64 params', () => {
    const H = 2;
    const params = {
      weight_ih_l1: Float64Array.from(labelled(3 * H, 1)),
      weight_hh_l1: Float64Array.from(labelled(3 * H, H)),
      bias_ih_l1: Float64Array.from([0, 1, 2, 3, 4, 5]),
      bias_hh_l1: Float64Array.from([6, 7, 8, 9, 10, 11]),
    };
    const stack: RecurrentStack = { cell: 'gru', hiddenSize: H, numLayers: 2, bidirectional: false, params };
    const w = toOnnxRecurrentWeights(stack, 1, 1);
    expect([...w.W]).toEqual([200, 300, 0, 100, 400, 500]);
    expect([...w.B]).toEqual([2, 3, 0, 1, 4, 5, 8, 9, 6, 7, 10, 11]);
    expect(() => toOnnxRecurrentWeights(stack, 0, 1)).toThrow(/missing parameter weight_ih_l0/);
  });

  it('transposes [rows, cols] → [cols, rows]', () => {
    expect([...transposeToFloat32(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3)]).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => transposeToFloat32(new Float32Array(5), 2, 3)).toThrow(/\[2, 3\]/);
  });
});
