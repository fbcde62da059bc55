// The gate-layout view's formatting: row ranges as people count them, shapes with an unknown input, layers
// grouped forward before reverse, and block j of both orders paired with the PyTorch rows each ONNX block holds.
import { describe, expect, it } from 'vitest';
import { gateLayoutTable } from '../../../core/common/onnx/gate-layout-table';
import { modelGateLayout } from '../../../core/common/onnx/model-gate-layout';
import { parseSpecFields } from '../../../core/common/spec/experiment-spec';
import { formatShape, gateOrders, groupByLayer, layerTitle, rowRange, sideBySide, stackTitle } from '../../../renderer/src/composables/format-gate-layout';

const layout = (bidirectional: boolean, inputSize: number | null = 2) => ({
  name: 'stack' as const,
  graph: 'model' as const,
  ...gateLayoutTable({ cell: 'lstm', hiddenSize: 4, numLayers: 2, bidirectional }, inputSize),
});

describe('gate-layout formatting', () => {
  it('formats ranges, shapes and titles', () => {
    expect(rowRange(0, 4)).toBe('rows 0–3');
    expect(rowRange(4, 5)).toBe('row 4');
    expect(rowRange(8, 12, 'entries')).toBe('entries 8–11');
    expect(rowRange(3, 4, 'entries')).toBe('entry 3');
    expect(formatShape([16, null])).toBe('[16, I]');
    expect(formatShape([2, 32])).toBe('[2, 32]');
    expect(layerTitle(1, 1)).toBe('Layer 1 (reverse)');
    expect(gateOrders(layout(false))).toBe('i f g o → i o f c');
  });

  it('groups parameters by layer and direction in PyTorch order', () => {
    const groups = groupByLayer(layout(true));
    expect(groups.map((g) => g.title)).toEqual(['Layer 0', 'Layer 0 (reverse)', 'Layer 1', 'Layer 1 (reverse)']);
    expect(groups[1]?.parameters.map((p) => p.parameter)).toEqual(['weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse']);
  });

  it('pairs block j of the PyTorch rows with block j of the ONNX tensor', () => {
    const [, weightHh, , biasHh] = groupByLayer(layout(true))[1]?.parameters ?? [];
    if (!weightHh || !biasHh) throw new Error('missing parameters');
    expect(sideBySide(weightHh)).toEqual([
      { seqlab: { gate: 'i', name: 'input gate', rows: 'rows 0–3' }, onnx: { gate: 'i', name: 'input gate', slice: 'l0.R[1, 0–3]', from: 'rows 0–3' } },
      { seqlab: { gate: 'f', name: 'forget gate', rows: 'rows 4–7' }, onnx: { gate: 'o', name: 'output gate', slice: 'l0.R[1, 4–7]', from: 'rows 12–15' } },
      { seqlab: { gate: 'g', name: 'cell candidate', rows: 'rows 8–11' }, onnx: { gate: 'f', name: 'forget gate', slice: 'l0.R[1, 8–11]', from: 'rows 4–7' } },
      {
        seqlab: { gate: 'o', name: 'output gate', rows: 'rows 12–15' },
        onnx: { gate: 'c', name: 'cell candidate', slice: 'l0.R[1, 12–15]', from: 'rows 8–11' },
      },
    ]);
    // the recurrent bias fills the second half of B
    expect(sideBySide(biasHh)[0]?.onnx).toEqual({ gate: 'i', name: 'input gate', slice: 'l0.B[1, 16–19]', from: 'entries 0–3' });
  });

  it("titles an encoder–decoder's stacks and keys their groups apart", () => {
    const fields = parseSpecFields({
      task: { id: 'reverse-string' },
      model: {
        kind: 'seq2seq',
        cell: 'gru',
        hiddenSize: 24,
        numLayers: 2,
        bidirectional: true,
        embeddingDim: 12,
        decoder: { hiddenSize: 48 },
        attention: { size: 16 },
      },
    });
    if (!fields.ok) throw new Error('spec');
    const [encoder, decoder] = modelGateLayout(fields.spec.model, { inputFeatures: null, outputFeatures: null });
    if (!encoder || !decoder) throw new Error('two stacks');
    expect(stackTitle(encoder)).toBe('Encoder · GRU · 2 layers × H = 24 · bidirectional · in the encoder graph');
    expect(stackTitle(decoder)).toBe('Decoder cell · GRU · H = 48 · reads 60 · in the decoder-step graph');
    expect(groupByLayer(encoder).map((g) => g.key)).toEqual(['encoder-0:0', 'encoder-0:1', 'encoder-1:0', 'encoder-1:1']);
    expect(groupByLayer(decoder).map((g) => [g.key, g.title])).toEqual([['decoder-0:0', 'Decoder cell']]);
    expect(stackTitle(layout(false))).toBe('Recurrent layers · LSTM · 2 layers × H = 4 · in the model graph');
  });
});
