// Finite differences (float64) of the whole encoder–decoder: the masked cross-entropy's gradient with
// respect to every parameter (embeddings, encoder stack, bridge, decoder cell, attention, output
// layer) for tiny models covering every cell, uni/bidirectional and stacked encoders, copied and
// learned bridges, attention with and without bias / context at the output, dense and token sources,
// and variable source and target lengths.

import { describe, expect, it } from 'vitest';
import type { Seq2SeqConfig } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { zeroGrads } from '../../../../../core/common/nn/param';
import { Rng } from '../../../../../core/common/random/rng';
import { expectGradient } from '../../nn/gradcheck';
import { randomBatch, seededModel } from './seq2seq-helpers';

const V = 7;
const base = { source: { kind: 'tokens', vocab: V }, targetVocab: V, dtype: 'float64' } as const;

const CASES: Array<[string, Seq2SeqConfig, { dense?: number }]> = [
  [
    'biLSTM ×2 → GRU, attention, learned bridge',
    {
      ...base,
      encoder: { cell: 'lstm', hiddenSize: 3, numLayers: 2, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'gru', hiddenSize: 4, embeddingDim: 3 },
      attention: { size: 3 },
    },
    {},
  ],
  [
    'GRU → LSTM, attention without bias, context only into the cell, copied h',
    {
      ...base,
      encoder: { cell: 'gru', hiddenSize: 4, embeddingDim: 2 },
      decoder: { cell: 'lstm', hiddenSize: 4, embeddingDim: 3 },
      attention: { size: 3, bias: false, contextToOutput: false },
    },
    {},
  ],
  [
    'LSTM → LSTM, no attention, copied h and c',
    { ...base, encoder: { cell: 'lstm', hiddenSize: 3, embeddingDim: 3 }, decoder: { cell: 'lstm', hiddenSize: 3, embeddingDim: 2 } },
    {},
  ],
  [
    'biRNN(tanh) → RNN(tanh), attention',
    {
      ...base,
      encoder: { cell: 'rnn_tanh', hiddenSize: 3, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'rnn_tanh', hiddenSize: 4, embeddingDim: 3 },
      attention: { size: 2 },
    },
    {},
  ],
  [
    'RNN(ReLU) ×2 → RNN(ReLU), forced learned bridge, attention',
    {
      ...base,
      encoder: { cell: 'rnn_relu', hiddenSize: 4, numLayers: 2, embeddingDim: 3 },
      decoder: { cell: 'rnn_relu', hiddenSize: 4, embeddingDim: 3 },
      attention: { size: 3 },
      bridge: 'linear',
    },
    {},
  ],
  [
    'dense source, biGRU → GRU, attention',
    {
      ...base,
      source: { kind: 'dense', features: 2 },
      encoder: { cell: 'gru', hiddenSize: 2, bidirectional: true },
      decoder: { cell: 'gru', hiddenSize: 3, embeddingDim: 2 },
      attention: { size: 3 },
    },
    { dense: 2 },
  ],
];

describe('encoder–decoder: float64 central differences of the masked cross-entropy', () => {
  it.each(CASES.map(([name, config, opts], i) => [name, config, opts, i] as const))('%s', (_name, config, opts, i) => {
    const model = seededModel(config, 300 + i);
    // Larger weights than the default init, so every path carries gradient worth checking.
    const rng = new Rng(400 + i);
    for (const p of model.params) for (let j = 0; j < p.data.length; j++) p.data[j] = p.data[j]! * 1.5 + rng.uniform(-0.1, 0.1);
    const batch = randomBatch(rng, { sourceLengths: [4, 1, 3], targetLengths: [2, 3, 1], sourceVocab: V, targetVocab: V, sourceFeatures: opts.dense });
    const loss = (): number => model.evalLoss(batch).loss;
    zeroGrads(model.params);
    const r = model.trainLoss(batch, {});
    expect(r.loss).toBeCloseTo(loss(), 12);
    expect(r.weight).toBe(6);
    const grads = model.params.map((p) => Float64Array.from(p.grad));
    let checked = 0;
    model.params.forEach((p, j) => (checked += expectGradient(p.name, loss, p.data, grads[j]!, 1e-8)));
    expect(checked).toBe(model.params.reduce((n, p) => n + p.data.length, 0));
    // Every parameter group receives gradient (the embedding rows of unused ids stay 0).
    for (const [j, p] of model.params.entries())
      expect(
        grads[j]!.some((g) => g !== 0),
        `${p.name} gets gradient`,
      ).toBe(true);
  });

  it('names the parameters like PyTorch modules', () => {
    const model = seededModel(CASES[0]![1], 1);
    expect(model.params.map((p) => p.name)).toEqual([
      'encoder.embedding.weight',
      ...['l0', 'l0_reverse', 'l1', 'l1_reverse'].flatMap((s) => ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'].map((w) => `encoder.rnn.${w}_${s}`)),
      'bridge.weight',
      'bridge.bias',
      'decoder.embedding.weight',
      'decoder.cell.weight_ih',
      'decoder.cell.weight_hh',
      'decoder.cell.bias_ih',
      'decoder.cell.bias_hh',
      'decoder.attention.W_q',
      'decoder.attention.W_k',
      'decoder.attention.b',
      'decoder.attention.v',
      'decoder.out.weight',
      'decoder.out.bias',
    ]);
    expect(model.bridge.mode).toBe('linear');
    expect(seededModel(CASES[1]![1], 1).bridge.mode).toBe('copy');
  });
});
