// Seq2seq evaluation broken down by source length, checked on a hand-built batch whose right and wrong rows are
// known: a row's target is set to what the model decodes greedily (exactly right, and every teacher-forced token
// right, since the teacher feeds the model its own choices), or to a lone EOS the model does not write first.
import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch } from '../../../../../core/common/data/batch';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { Rng } from '../../../../../core/common/random/rng';
import { evaluateSeq2Seq, greedyDecode } from '../../../../../core/common/models/seq2seq/evaluate';
import { randomBatch, seededModel } from './seq2seq-helpers';

const V = 9;
const model = seededModel(
  {
    source: { kind: 'tokens', vocab: V },
    targetVocab: V,
    encoder: { cell: 'gru', hiddenSize: 5, embeddingDim: 3 },
    decoder: { cell: 'gru', hiddenSize: 5, embeddingDim: 3 },
    attention: { size: 4 },
    dtype: 'float64',
  },
  7,
);

/** The batch's sources with new targets, one list of tokens (EOS included) per row; time-major [T, B]. */
function withTargets(batch: Seq2SeqBatch, targets: readonly (readonly number[])[]): Seq2SeqBatch {
  const B = batch.batchSize;
  const T = Math.max(...targets.map((t) => t.length));
  const decoderInput = new Int32Array(T * B),
    target = new Int32Array(T * B),
    targetMask = new Float32Array(T * B);
  targets.forEach((tokens, b) => {
    [BOS_ID, ...tokens.slice(0, -1)].forEach((y, t) => (decoderInput[t * B + b] = y));
    tokens.forEach((y, t) => {
      target[t * B + b] = y;
      targetMask[t * B + b] = 1;
    });
  });
  return { ...batch, targetSteps: T, decoderInput, target, targetMask, targetLengths: Int32Array.from(targets, (t) => t.length) };
}

describe('evaluateSeq2Seq by source length', () => {
  // rows: source lengths 2, 2, 3, 4, 3; rows 0, 2 and 4 right, rows 1 and 3 wrong
  const sourceLengths = [2, 2, 3, 4, 3];
  const right = [true, false, true, false, true];
  const sources = randomBatch(new Rng(3), { sourceLengths, targetLengths: sourceLengths.map(() => 1), sourceVocab: V, targetVocab: V });
  const decoded = greedyDecode(model, sources, 5).tokens; // reads only the sources
  const targets = decoded.map((tokens, b) => (right[b] ? Array.from(tokens) : [EOS_ID]));
  const batch = withTargets(sources, targets);

  it('holds the premise: wrong rows do not start with EOS, right rows decode to their target', () => {
    for (const b of [1, 3]) expect(decoded[b]![0]).not.toBe(EOS_ID);
    const again = greedyDecode(model, batch).tokens;
    for (const b of [0, 2, 4]) expect(Array.from(again[b]!)).toEqual(targets[b]);
  });

  it('gives each length its exact-sequence and token accuracy and count', () => {
    const result = evaluateSeq2Seq(model, [batch]);
    const n0 = targets[0]!.length;
    expect(result.byLength.map((l) => l.length)).toEqual([2, 3, 4]);
    const [two, three, four] = result.byLength;
    expect(two).toMatchObject({ sequences: 2, sequenceAccuracy: 0.5 });
    expect(two!.tokenAccuracy).toBeCloseTo(n0 / (n0 + 1), 12); // row 0 all n0 tokens right, row 1 its one token wrong
    expect(three).toMatchObject({ sequences: 2, sequenceAccuracy: 1, tokenAccuracy: 1 });
    expect(four).toMatchObject({ sequences: 1, sequenceAccuracy: 0, tokenAccuracy: 0 });
    expect(result.sequenceAccuracy).toBeCloseTo(3 / 5, 12);
  });

  it('adds the buckets of several batches, and they add up to the whole', () => {
    const result = evaluateSeq2Seq(model, [batch, batch]);
    expect(result.byLength.map((l) => [l.length, l.sequences, l.sequenceAccuracy])).toEqual([
      [2, 4, 0.5],
      [3, 4, 1],
      [4, 2, 0],
    ]);
    const exact = result.byLength.reduce((sum, l) => sum + l.sequenceAccuracy * l.sequences, 0);
    expect(exact / result.sequences).toBeCloseTo(result.sequenceAccuracy, 12);
  });
});
