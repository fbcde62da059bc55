// The gate-layout view agrees with what the exporter actually does: every ONNX block it names holds
// the PyTorch rows it says it comes from, for every cell and kind of parameter.

import { describe, expect, it } from 'vitest';
import { gateLayout, stackGateLayouts } from '../../../../core/common/onnx/gate-layout';
import { toOnnxRecurrentWeights } from '../../../../core/common/onnx/recurrent-weights';
import { GATE_BLOCKS, recurrentParamShapes } from '../../../../core/common/onnx/exportable-model';
import type { RecurrentStack } from '../../../../core/common/onnx/exportable-model';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';

describe('gateLayout', () => {
  it('describes an LSTM weight in PyTorch [i, f, g, o] and ONNX [i, o, f, c] order', () => {
    const layout = gateLayout('lstm', 3, 'rnn.weight_ih_l1_reverse');
    expect(layout).toMatchObject({ parameter: 'weight_ih_l1_reverse', kind: 'weight_ih', layer: 1, direction: 1 });
    expect(layout.seqlab.map((b) => [b.gate, b.start, b.end])).toEqual([
      ['i', 0, 3],
      ['f', 3, 6],
      ['g', 6, 9],
      ['o', 9, 12],
    ]);
    expect(layout.seqlab[2]?.name).toBe('cell candidate');
    expect(layout.onnx.tensor).toBe('l1.W');
    expect(layout.onnx.blocks.map((b) => [b.onnxGate, b.gate, b.direction, b.start, b.from.start])).toEqual([
      ['i', 'i', 1, 0, 0],
      ['o', 'o', 1, 3, 9],
      ['f', 'f', 1, 6, 3],
      ['c', 'g', 1, 9, 6],
    ]);
  });

  it('puts a GRU recurrent bias in the second half of B, in ONNX [z, r, h] order', () => {
    const layout = gateLayout('gru', 2, 'bias_hh_l0');
    expect(layout.onnx.tensor).toBe('l0.B');
    expect(layout.onnx.blocks.map((b) => [b.onnxGate, b.start, b.end, b.from.start])).toEqual([
      ['z', 6, 8, 2],
      ['r', 8, 10, 0],
      ['h', 10, 12, 4],
    ]);
  });

  it('refuses names that are not recurrent parameters', () => {
    expect(() => gateLayout('rnn_tanh', 4, 'head.weight')).toThrow(/not a recurrent parameter/);
  });

  // Weights whose every value encodes (parameter, row) show where the exporter put each row.
  it.each(['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const)('matches toOnnxRecurrentWeights for %s', (cell: CellName) => {
    const H = 2;
    const I = 3;
    const stack: RecurrentStack = { cell, hiddenSize: H, numLayers: 2, bidirectional: true, params: {} };
    const shapes = recurrentParamShapes(stack, I);
    const params = Object.fromEntries(
      shapes.map(([name, dims], p) => {
        const cols = dims[1] ?? 1;
        return [name, Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => p * 1000 + Math.floor(i / cols))];
      }),
    );
    const full = { ...stack, params };
    const G = GATE_BLOCKS[cell] * H;
    for (const layout of stackGateLayouts(cell, H, 2, true)) {
      const p = shapes.findIndex(([name]) => name === layout.parameter);
      const inK = layout.layer === 0 ? I : 2 * H;
      const onnx = toOnnxRecurrentWeights(full, layout.layer, inK);
      for (const block of layout.onnx.blocks) {
        for (let r = 0; r < block.end - block.start; r++) {
          const value =
            layout.kind === 'weight_ih'
              ? onnx.W[(block.direction * G + block.start + r) * inK]
              : layout.kind === 'weight_hh'
                ? onnx.R[(block.direction * G + block.start + r) * H]
                : onnx.B[block.direction * 2 * G + block.start + r];
          expect(value, `${layout.parameter} ${block.gate} row ${r}`).toBe(p * 1000 + block.from.start + r);
        }
      }
    }
  });
});
