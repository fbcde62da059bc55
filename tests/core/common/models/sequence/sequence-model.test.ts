// The whole model (embedding → recurrent stack → head) against central differences in float64, for every
// cell, input kind and target kind, with variable lengths; and the routing of per-sequence heads.
import { describe, expect, it } from 'vitest';
import { targetLoss } from '../../../../../core/common/train/target-loss';
import type { SequenceModel } from '../../../../../core/common/models/sequence/sequence-model';
import type { SequenceBatch } from '../../../../../core/common/data/batch';
import { zeroGrads } from '../../../../../core/common/nn/param';
import type { CellName } from '../../../../../core/common/nn/recurrent-cell';
import { randomBatch, smallModel, type BatchShape } from './model-test-batches';

function lossOf(model: SequenceModel, batch: SequenceBatch): number {
  const { steps: T, batchSize: B } = batch;
  model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);
  const pass = model.forwardWindow(0, T, batch.lengths, null, { training: false });
  return targetLoss(batch.target, 0, T, B, pass.out, null).loss;
}

function analyticGrads(model: SequenceModel, batch: SequenceBatch): Float64Array[] {
  const { steps: T, batchSize: B } = batch;
  zeroGrads(model.params);
  model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);
  const pass = model.forwardWindow(0, T, batch.lengths, null, { training: false });
  const dOut = new Float64Array(pass.out.length);
  targetLoss(batch.target, 0, T, B, pass.out, dOut);
  model.backwardWindow(pass, dOut, null);
  model.endBatch();
  return model.params.map((p) => Float64Array.from(p.grad));
}

/** Largest |analytic − numeric| / max(1, |numeric|) over every parameter entry. */
function maxGradError(model: SequenceModel, batch: SequenceBatch): number {
  const grads = analyticGrads(model, batch);
  const eps = 1e-6;
  let worst = 0;
  model.params.forEach((p, i) => {
    for (let j = 0; j < p.data.length; j++) {
      const keep = p.data[j] as number;
      p.data[j] = keep + eps;
      const up = lossOf(model, batch);
      p.data[j] = keep - eps;
      const down = lossOf(model, batch);
      p.data[j] = keep;
      const numeric = (up - down) / (2 * eps);
      worst = Math.max(worst, Math.abs((grads[i] as Float64Array)[j]! - numeric) / Math.max(1, Math.abs(numeric)));
    }
  });
  return worst;
}

const CELLS: CellName[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];
const SHAPES: BatchShape[] = [
  { T: 5, B: 3, lengths: [5, 2, 4], input: { kind: 'dense', features: 2 }, target: 'step-values', outputs: 2 },
  { T: 5, B: 3, lengths: [3, 5, 1], input: { kind: 'tokens', vocab: 6 }, target: 'step-classes', outputs: 4 },
  { T: 4, B: 2, lengths: [4, 2], input: { kind: 'dense', features: 3 }, target: 'sequence-values', outputs: 1 },
  { T: 4, B: 3, lengths: [2, 4, 3], input: { kind: 'tokens', vocab: 5 }, target: 'sequence-class', outputs: 3 },
];

describe('SequenceModel gradients (float64 central differences)', () => {
  for (const cell of CELLS) {
    for (const shape of SHAPES) {
      it(`${cell}: ${shape.input.kind} inputs → ${shape.target}, variable lengths`, () => {
        const batch = randomBatch(shape, 11);
        expect(maxGradError(smallModel(cell, shape), batch)).toBeLessThan(1e-6);
      });
    }
  }

  it('stacked bidirectional LSTM with a per-sequence head reads both directions', () => {
    const shape = SHAPES[3] as BatchShape;
    const model = smallModel('lstm', shape, { numLayers: 2, bidirectional: true });
    expect(maxGradError(model, randomBatch(shape, 5))).toBeLessThan(1e-6);
    // The head's input is [forward h after the last valid step, reverse h after t = 0] of the top layer.
    expect(model.head.inFeatures).toBe(6);
  });

  it('stacked bidirectional GRU with a per-step head', () => {
    const shape = SHAPES[0] as BatchShape;
    expect(maxGradError(smallModel('gru', shape, { numLayers: 2, bidirectional: true }), randomBatch(shape, 6))).toBeLessThan(1e-6);
  });

  it('padding never reaches the loss: changing padded inputs changes nothing', () => {
    const shape = SHAPES[0] as BatchShape;
    const model = smallModel('lstm', shape);
    const batch = randomBatch(shape, 3);
    const before = lossOf(model, batch);
    if (batch.input.kind !== 'dense') throw new Error('dense expected');
    const x = batch.input.x;
    // sequence 1 has length 2: steps 2..4 of it are padding
    for (let t = 2; t < 5; t++) for (let i = 0; i < 2; i++) x[(t * 3 + 1) * 2 + i] = 1e6;
    expect(lossOf(model, batch)).toBe(before);
  });
});
