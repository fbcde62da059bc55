// DecoderTrainer: a step zeroes, computes loss and gradients, clips, updates with the scheduled learning
// rate and teacher-forcing ratio; a non-finite loss skips the update.

import { describe, expect, it } from 'vitest';
import { DecoderTrainer } from '../../../../../core/common/models/decoder/decoder-trainer';
import { linearDecay } from '../../../../../core/common/models/decoder/teacher-forcing';
import { Adam } from '../../../../../core/common/train/optim/adam';
import { constantLr } from '../../../../../core/common/train/schedules';
import { Rng } from '../../../../../core/common/random/rng';
import { randomBatch, seededModel } from '../seq2seq/seq2seq-helpers';

const V = 8;
const model = () =>
  seededModel(
    {
      source: { kind: 'tokens', vocab: V },
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 8, bidirectional: true, embeddingDim: 4 },
      decoder: { cell: 'gru', hiddenSize: 8, embeddingDim: 4 },
      attention: { size: 8 },
    },
    51,
  );
const batch = randomBatch(new Rng(52), { sourceLengths: [4, 3, 5, 2], targetLengths: [3, 4, 2, 5], sourceVocab: V, targetVocab: V });

describe('DecoderTrainer', () => {
  it('fits a batch with scheduled sampling, reporting ratio, learning rate and clipped norm', () => {
    const m = model();
    const trainer = new DecoderTrainer({
      model: m,
      optimizer: new Adam({}),
      schedule: constantLr(1e-2),
      clip: { kind: 'norm', max: 1 },
      teacherForcing: linearDecay(1, 0.5, 0.01),
    });
    const rng = new Rng(53);
    const first = trainer.step(batch, 0, { rng });
    expect(first.teacherForcing).toBe(1);
    expect(first.learningRate).toBe(1e-2);
    expect(first.tokens).toBe(14);
    expect(first.nonFinite).toBeNull();
    let last = first;
    for (let step = 1; step < 120; step++) last = trainer.step(batch, step, { rng });
    expect(last.teacherForcing).toBe(0.5);
    expect(last.loss).toBeLessThan(first.loss / 5);
    expect(m.evalLoss(batch).accuracy!.value).toBe(1);
  });

  it('skips the update when the loss is not finite', () => {
    const m = model();
    m.decoder.head.bias!.data[3] = NaN;
    const before = m.params.map((p) => Float64Array.from(p.data));
    const r = new DecoderTrainer({ model: m, optimizer: new Adam({}), schedule: constantLr(1e-2), clip: { kind: 'none' } }).step(batch, 0);
    expect(r.nonFinite).toMatch(/loss is NaN/);
    m.params.forEach((p, i) => expect(Float64Array.from(p.data)).toEqual(before[i]));
  });
});
