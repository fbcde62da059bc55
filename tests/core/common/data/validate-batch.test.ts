import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Batch, SequenceBatch } from '../../../../core/common/data/batch';
import { collate } from '../../../../core/common/data/collate';
import { validateBatch } from './validate-batch';

/** Two token sequences of lengths 3 and 2 with per-step class targets; T = 3, B = 2, V = 6. */
function tokenBatch(): SequenceBatch {
  const e = (ids: number[]) => ({
    kind: 'sequence' as const,
    input: { kind: 'tokens' as const, vocab: 6, ids: Int32Array.from(ids) },
    target: { kind: 'step-classes' as const, classes: 6, ids: Int32Array.from(ids) },
  });
  return collate([e([4, 5, 4]), e([5, 4])]) as SequenceBatch;
}

function seq2seqBatch(): Extract<Batch, { kind: 'seq2seq' }> {
  const e = (target: number[]) => ({
    kind: 'seq2seq' as const,
    source: { kind: 'tokens' as const, vocab: 6, ids: Int32Array.of(4, 5) },
    targetVocab: 6,
    target: Int32Array.from(target),
  });
  return collate([e([4, 5]), e([5])]) as Extract<Batch, { kind: 'seq2seq' }>;
}

describe('validateBatch', () => {
  it('accepts what collate builds', () => {
    expect(validateBatch(tokenBatch()).batchSize).toBe(2);
    expect(validateBatch(seq2seqBatch()).targetSteps).toBe(3);
  });

  it('names a length outside [1, T]', () => {
    expect(() => validateBatch({ ...tokenBatch(), lengths: Int32Array.of(3, 7) })).toThrow('validateBatch: lengths[1] = 7 is outside [1, 3]');
    expect(() => validateBatch({ ...tokenBatch(), lengths: Int32Array.of(0, 2) })).toThrow('lengths[0] = 0 is outside [1, 3]');
    expect(() => validateBatch({ ...tokenBatch(), lengths: Int32Array.of(3) })).toThrow(/lengths has 1 values, expected \[B=2\]/);
  });

  it('names an id out of range and data after a length', () => {
    const bad = tokenBatch();
    if (bad.input.kind !== 'tokens') throw new Error('wrong kind');
    bad.input.ids[1 * 2 + 1] = 6; // t = 1, b = 1
    expect(() => validateBatch(bad)).toThrow('validateBatch: input.ids[t=1, b=1] = 6 is outside [0, 6)');
    const padded = tokenBatch();
    if (padded.input.kind !== 'tokens') throw new Error('wrong kind');
    padded.input.ids[2 * 2 + 1] = 4; // t = 2 is after length 2 of b = 1
    expect(() => validateBatch(padded)).toThrow('input.ids[t=2, b=1] = 4 is after length 2 but is not PAD (0)');
  });

  it('names a mask that scores padding, a negative weight and a wrong buffer size', () => {
    const batch = tokenBatch();
    if (batch.target.kind !== 'step-classes') throw new Error('wrong kind');
    batch.target.mask[2 * 2 + 1] = 1;
    expect(() => validateBatch(batch)).toThrow('target.mask[t=2, b=1] = 1 is after length 2 but is not 0');
    batch.target.mask[5] = 0;
    batch.target.mask[0] = -1;
    expect(() => validateBatch(batch)).toThrow('target.mask[t=0, b=0] = -1 must be finite and >= 0');
    batch.target.mask[0] = 1;
    expect(() => validateBatch({ ...batch, target: { ...batch.target, ids: new Int32Array(5) } })).toThrow('target.ids has 5 values, expected [T=3, B=2] = 6');
  });

  it('names non-finite values and an allowed set that excludes the target', () => {
    const dense = collate([
      {
        kind: 'sequence',
        input: { kind: 'dense', features: 2, x: Float32Array.of(1, 2) },
        target: { kind: 'sequence-values', outputs: 1, values: Float32Array.of(NaN) },
      },
    ]);
    expect(() => validateBatch(dense)).toThrow('target.values[b=0, 0] = NaN is not finite');
    const batch = tokenBatch();
    if (batch.target.kind !== 'step-classes') throw new Error('wrong kind');
    const allowed = new Uint8Array(3 * 2 * 6).fill(1);
    allowed[(1 * 2 + 0) * 6 + batch.target.ids[2]!] = 0; // step t = 1, b = 0
    expect(() => validateBatch({ ...batch, target: { ...batch.target, allowed } })).toThrow('target.allowed[t=1, b=0] does not allow the target id 5');
  });

  it('checks the seq2seq BOS / EOS / teacher-forcing contract', () => {
    const noBos = seq2seqBatch();
    noBos.decoderInput[1] = 4;
    expect(() => validateBatch(noBos)).toThrow('decoderInput[t=0, b=1] = 4 must be BOS (1)');
    const noEos = seq2seqBatch();
    noEos.target[2 * 2 + 0] = 4;
    expect(() => validateBatch(noEos)).toThrow('target[t=2, b=0] = 4 must be EOS (2) at the last step of length 3');
    const shifted = seq2seqBatch();
    shifted.decoderInput[2 * 2 + 0] = 4;
    expect(() => validateBatch(shifted)).toThrow('decoderInput[t=2, b=0] = 4 must equal target[t=1, b=0] = 5 (teacher forcing)');
  });

  it('catches any single id pushed out of range, naming its position (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 6, max: 1000 }), (position, id) => {
        const batch = tokenBatch();
        if (batch.target.kind !== 'step-classes') throw new Error('wrong kind');
        batch.target.ids[position] = id;
        expect(() => validateBatch(batch)).toThrow(`target.ids[t=${Math.floor(position / 2)}, b=${position % 2}] = ${id} is outside [0, 6)`);
      }),
    );
  });
});
