// The stack-wide gate layout the Models view shows: every recurrent parameter in PyTorch's order, each with
// its row blocks in both orders and the shapes of the PyTorch and ONNX tensors.
import { describe, expect, it } from 'vitest';
import { gateLayoutTable } from '../../../../core/common/onnx/gate-layout-table';

describe('gateLayoutTable', () => {
  it('lays out a 2-layer bidirectional LSTM with both tensors shaped', () => {
    const table = gateLayoutTable({ cell: 'lstm', hiddenSize: 3, numLayers: 2, bidirectional: true }, 5);
    expect(table).toMatchObject({ cell: 'lstm', seqlabOrder: ['i', 'f', 'g', 'o'], onnxOrder: ['i', 'o', 'f', 'c'], inputSize: 5 });
    expect(table.parameters.map((p) => p.parameter)).toEqual([
      'weight_ih_l0',
      'weight_hh_l0',
      'bias_ih_l0',
      'bias_hh_l0',
      'weight_ih_l0_reverse',
      'weight_hh_l0_reverse',
      'bias_ih_l0_reverse',
      'bias_hh_l0_reverse',
      'weight_ih_l1',
      'weight_hh_l1',
      'bias_ih_l1',
      'bias_hh_l1',
      'weight_ih_l1_reverse',
      'weight_hh_l1_reverse',
      'bias_ih_l1_reverse',
      'bias_hh_l1_reverse',
    ]);
    const byName = new Map(table.parameters.map((p) => [p.parameter, p]));
    expect(byName.get('weight_ih_l0')).toMatchObject({ shape: [12, 5], onnx: { tensor: 'l0.W', shape: [2, 12, 5] } });
    // the second layer reads both directions of the first: D·H = 6 columns
    expect(byName.get('weight_ih_l1_reverse')).toMatchObject({ direction: 1, shape: [12, 6], onnx: { tensor: 'l1.W', shape: [2, 12, 6] } });
    expect(byName.get('weight_hh_l1')).toMatchObject({ shape: [12, 3], onnx: { tensor: 'l1.R', shape: [2, 12, 3] } });
    expect(byName.get('bias_hh_l0')?.onnx).toMatchObject({ tensor: 'l0.B', shape: [2, 24] });
    expect(byName.get('weight_hh_l0')?.seqlab.map((b) => `${b.gate} ${b.start}-${b.end}`)).toEqual(['i 0-3', 'f 3-6', 'g 6-9', 'o 9-12']);
    expect(byName.get('weight_hh_l0')?.onnx.blocks.map((b) => `${b.onnxGate} ${b.start}-${b.end} from ${b.from.start}-${b.from.end}`)).toEqual([
      'i 0-3 from 0-3',
      'o 3-6 from 9-12',
      'f 6-9 from 3-6',
      'c 9-12 from 6-9',
    ]);
    // JSON-safe: what crosses the API
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });

  it('leaves the first layer input unset when it is unknown, and names GRU and RNN gates', () => {
    const gru = gateLayoutTable({ cell: 'gru', hiddenSize: 4, numLayers: 1, bidirectional: false }, null);
    expect(gru.onnxOrder).toEqual(['z', 'r', 'h']);
    expect(gru.parameters[0]).toMatchObject({ parameter: 'weight_ih_l0', shape: [12, null], onnx: { shape: [1, 12, null] } });
    expect(gru.parameters[0]?.seqlab.map((b) => b.name)).toEqual(['reset gate', 'update gate', 'new (candidate) state']);
    const rnn = gateLayoutTable({ cell: 'rnn_relu', hiddenSize: 2, numLayers: 1, bidirectional: false }, 1);
    expect(rnn).toMatchObject({ seqlabOrder: ['h'], onnxOrder: ['i'] });
    expect(rnn.parameters).toHaveLength(4);
    expect(() => gateLayoutTable({ cell: 'gru', hiddenSize: 4, numLayers: 1, bidirectional: false }, 0)).toThrow(/inputSize/);
  });
});
