// The encoder–decoder's plumbing: attention weights of every step [T, S, B] (columns sum to 1, exactly 0
// past each source's length), the bridge chosen by sizes and directions, sessions over repeated sources
// (token and dense), exact-match scoring, and argument checks.

import { describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { evaluateSeq2Seq, greedyDecode, matchesTarget } from '../../../../../core/common/models/seq2seq/evaluate';
import { Rng } from '../../../../../core/common/random/rng';
import { randomBatch, seededModel } from './seq2seq-helpers';

const V = 8;
const attentionModel = (source: { kind: 'tokens'; vocab: number } | { kind: 'dense'; features: number } = { kind: 'tokens', vocab: V }) =>
  seededModel(
    {
      source,
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 3, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'gru', hiddenSize: 4, embeddingDim: 2 },
      attention: { size: 3 },
    },
    41,
  );

describe('Seq2SeqModel', () => {
  it('returns the attention weights of every decoding step as [T, S, B]', () => {
    const batch = randomBatch(new Rng(42), { sourceLengths: [5, 1, 3], targetLengths: [4, 2, 3], sourceVocab: V, targetVocab: V });
    const { sourceSteps: S, targetSteps: T, batchSize: B } = batch;
    const pass = attentionModel().forward(batch);
    expect(pass.attention!.length).toBe(T * S * B);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        let sum = 0;
        for (let s = 0; s < S; s++) {
          const a = pass.attention![(t * S + s) * B + b]!;
          if (s >= batch.sourceLengths[b]!) expect(a).toBe(0);
          sum += a;
        }
        expect(sum).toBeCloseTo(1, 6);
      }
    }
    expect(pass.logits.length).toBe(T * B * V);
  });

  it('copies the final state when sizes and directions match, else learns the bridge', () => {
    const make = (bidirectional: boolean, encH: number, bridge?: 'linear') =>
      seededModel(
        {
          source: { kind: 'tokens', vocab: V },
          targetVocab: V,
          encoder: { cell: 'lstm', hiddenSize: encH, bidirectional, embeddingDim: 2 },
          decoder: { cell: 'lstm', hiddenSize: 4, embeddingDim: 2 },
          bridge,
        },
        1,
      );
    expect(make(false, 4).bridge.mode).toBe('copy');
    expect(make(false, 4).params.some((p) => p.name.startsWith('bridge.'))).toBe(false);
    expect(make(true, 2).bridge.mode).toBe('linear'); // 2·2 = 4 features, but two directions
    expect(make(false, 3).bridge.mode).toBe('linear');
    expect(make(false, 4, 'linear').bridge.mode).toBe('linear');
    expect(make(true, 2).bridge.params.map((p) => p.shape)).toEqual([[4, 4], [4]]);
  });

  it.each([
    ['tokens', { kind: 'tokens', vocab: V }, undefined],
    ['dense', { kind: 'dense', features: 2 }, 2],
  ] as const)('opens sessions over repeated %s sources: every copy decodes alike', (_name, source, features) => {
    const m = attentionModel(source);
    const batch = randomBatch(new Rng(43), { sourceLengths: [4, 2], targetLengths: [2, 2], sourceVocab: V, targetVocab: V, sourceFeatures: features });
    const single = m.session(batch.source, batch.sourceSteps, 2, batch.sourceLengths);
    const repeated = m.session(batch.source, batch.sourceSteps, 2, batch.sourceLengths, 3);
    expect(repeated.batchSize).toBe(6);
    const a = Float64Array.from(single.step(Int32Array.from([BOS_ID, BOS_ID])));
    const r = repeated.step(new Int32Array(6).fill(BOS_ID));
    for (let row = 0; row < 6; row++) {
      for (let v = 0; v < V; v++) expect(r[row * V + v]).toBe(a[Math.floor(row / 3) * V + v]);
    }
  });

  it('scores exact matches with EOS and evaluates held-out batches', () => {
    const batch = randomBatch(new Rng(44), { sourceLengths: [3, 2], targetLengths: [3, 1], sourceVocab: V, targetVocab: V });
    const y0 = [0, 1, 2].map((t) => batch.target[t * 2]!);
    expect(matchesTarget(batch, 0, Int32Array.from(y0))).toBe(true);
    expect(matchesTarget(batch, 0, Int32Array.from(y0.slice(0, 2)))).toBe(false);
    expect(matchesTarget(batch, 1, Int32Array.from([EOS_ID]))).toBe(true);
    expect(matchesTarget(batch, 1, Int32Array.from([EOS_ID, EOS_ID]))).toBe(false);
    const m = attentionModel();
    const e = evaluateSeq2Seq(m, [batch, batch]);
    expect(e.sequences).toBe(4);
    expect(e.loss).toBeCloseTo(m.evalLoss(batch).loss, 6);
    const decoded = greedyDecode(m, batch);
    const exact = decoded.tokens.filter((t, b) => matchesTarget(batch, b, t)).length / 2;
    expect(e.sequenceAccuracy).toBe(exact);
  });

  it('checks its inputs', () => {
    const m = attentionModel();
    const batch = randomBatch(new Rng(45), { sourceLengths: [3, 2], targetLengths: [2, 2], sourceVocab: V, targetVocab: V });
    expect(() => m.forward({ ...batch, decoderInput: Int32Array.from([1, 1, V, 4]) })).toThrow(/ids\[2\] = 8 is outside 0..7/);
    expect(() => m.forward({ ...batch, sourceLengths: Int32Array.from([3, 0]) })).toThrow(/lengths\[1\] must be an integer in 1..3/);
    expect(() => m.forward({ ...batch, source: { kind: 'dense', features: 1, x: new Float32Array(6) } })).toThrow(
      /dense inputs given to an encoder with token inputs/,
    );
    const pass = m.forward(batch);
    m.forward(batch);
    expect(() => m.backward(pass, new Float32Array(pass.logits.length))).toThrow(/stale pass/);
    expect(() => m.session(batch.source, batch.sourceSteps, 2, batch.sourceLengths, 0)).toThrow(/repeat/);
  });
});
