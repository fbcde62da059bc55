// Teacher forcing and scheduled sampling: ratio 1 is exactly teacher forcing (and draws nothing),
// ratio 0 feeds the model's own argmax (what greedy generation does), ratios in between mix the two
// per token with the given probability, reproducibly from the seed; the ratio schedules.

import { describe, expect, it } from 'vitest';
import { BOS_ID } from '../../../../../core/common/data/vocabulary';
import { argmaxRow } from '../../../../../core/common/generate/pick';
import { generate } from '../../../../../core/common/generate/generate';
import { constantRatio, inverseSigmoidDecay, linearDecay } from '../../../../../core/common/models/decoder/teacher-forcing';
import { Rng } from '../../../../../core/common/random/rng';
import { randomBatch, seededModel } from '../seq2seq/seq2seq-helpers';

const V = 9;
const model = () =>
  seededModel(
    {
      source: { kind: 'tokens', vocab: V },
      targetVocab: V,
      dtype: 'float64',
      encoder: { cell: 'gru', hiddenSize: 4, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 3 },
      attention: { size: 3 },
    },
    21,
  );
const batch = randomBatch(new Rng(22), { sourceLengths: [4, 2, 5, 3], targetLengths: [6, 3, 6, 5], sourceVocab: V, targetVocab: V });
const { targetSteps: T, batchSize: B } = batch;

describe('scheduled sampling', () => {
  it('ratio 1 is exactly teacher forcing and leaves the generator untouched', () => {
    const m = model();
    const forced = m.forward(batch);
    const logits = Float64Array.from(forced.logits);
    const rng = new Rng(5);
    const pass = m.forward(batch, { training: true, teacherForcing: 1, rng });
    expect(Float64Array.from(pass.logits)).toEqual(logits);
    expect(pass.decoderInputs).toEqual(batch.decoderInput);
    expect(rng.next()).toBe(new Rng(5).next());
  });

  it('ratio 0 feeds back the previous argmax: the logits of greedy generation', () => {
    const m = model();
    const pass = m.forward(batch, { training: true, teacherForcing: 0, rng: new Rng(1) });
    for (let t = 1; t < T; t++) for (let b = 0; b < B; b++) expect(pass.decoderInputs[t * B + b]).toBe(argmaxRow(pass.logits, (t - 1) * B + b, V));
    const greedy = generate(m.session(batch.source, batch.sourceSteps, B, batch.sourceLengths), {
      start: BOS_ID,
      end: null,
      maxLength: T,
      strategy: { kind: 'greedy' },
    });
    for (let b = 0; b < B; b++) for (let t = 0; t + 1 < T; t++) expect(greedy.tokens[b]![t]).toBe(pass.decoderInputs[(t + 1) * B + b]);
  });

  it('mixes teacher and own tokens per token with the ratio, reproducibly', () => {
    const m = model();
    let own = 0,
      total = 0;
    for (let seed = 0; seed < 40; seed++) {
      const pass = m.forward(batch, { training: true, teacherForcing: 0.3, rng: new Rng(seed) });
      const again = m.forward(batch, { training: true, teacherForcing: 0.3, rng: new Rng(seed) });
      expect(again.decoderInputs).toEqual(pass.decoderInputs);
      const forcedInputs = Int32Array.from(pass.decoderInputs);
      for (let t = 1; t < T; t++) {
        for (let b = 0; b < B; b++) {
          const i = t * B + b;
          const teacher = batch.decoderInput[i],
            mine = argmaxRow(pass.logits, (t - 1) * B + b, V);
          expect([teacher, mine]).toContain(forcedInputs[i]);
          if (teacher !== mine) {
            total++;
            if (forcedInputs[i] === mine) own++;
          }
        }
      }
    }
    expect(total).toBeGreaterThan(300);
    expect(Math.abs(own / total - 0.7)).toBeLessThan(0.08);
  });

  it('is refused without a generator, and the schedules give ratios in [0, 1]', () => {
    expect(() => model().forward(batch, { teacherForcing: 0.5 })).toThrow(/needs opts.rng/);
    expect(constantRatio(0.25)(1000)).toBe(0.25);
    const linear = linearDecay(1, 0.2, 0.01);
    expect([linear(0), linear(50), linear(1000)]).toEqual([1, 0.5, 0.2]);
    const sigmoid = inverseSigmoidDecay(100);
    expect(sigmoid(0)).toBeCloseTo(100 / 101, 12);
    expect(sigmoid(1000)).toBeLessThan(0.01);
    expect(() => constantRatio(1.5)).toThrow(/in \[0, 1\]/);
  });
});
