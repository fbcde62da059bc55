// Shards of a batch: bounds differing by at most one row, and slices that are exactly the batch's rows.
import { describe, expect, it } from 'vitest';
import { shardBounds, sliceBatch } from '../../../../../core/common/train/parallel/shard-batch';
import type { SequenceBatch } from '../../../../../core/common/data/batch';
import { randomBatch, type BatchShape } from '../../models/sequence/model-test-batches';

describe('shardBounds', () => {
  it('splits B rows into k shards whose sizes differ by at most 1, larger ones first', () => {
    expect(Array.from(shardBounds(7, 3))).toEqual([0, 3, 5, 7]);
    expect(Array.from(shardBounds(8, 2))).toEqual([0, 4, 8]);
    expect(Array.from(shardBounds(2, 3))).toEqual([0, 1, 2, 2]);
    expect(Array.from(shardBounds(5, 1))).toEqual([0, 5]);
  });

  it('refuses k < 1', () => {
    expect(() => shardBounds(4, 0)).toThrow(/k must be an integer >= 1/);
  });
});

describe('sliceBatch', () => {
  const T = 4;
  const B = 5;
  const lengths = [4, 2, 3, 1, 4];

  /** Element (t, b, k) of a [T, B, K] buffer, or (b, k) of a [B, K] one. */
  const at = (buf: ArrayLike<number>, Bn: number, K: number, t: number, b: number, k: number) => buf[(t * Bn + b) * K + k];

  function expectRows(batch: SequenceBatch, shard: SequenceBatch, b0: number): void {
    expect(shard.steps).toBe(T);
    expect(Array.from(shard.lengths)).toEqual(Array.from(batch.lengths.slice(b0, b0 + shard.batchSize)));
    const n = shard.batchSize;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < n; b++) {
        if (batch.input.kind === 'dense' && shard.input.kind === 'dense') {
          for (let k = 0; k < 2; k++) expect(at(shard.input.x, n, 2, t, b, k)).toBe(at(batch.input.x, B, 2, t, b0 + b, k));
        } else if (batch.input.kind === 'tokens' && shard.input.kind === 'tokens') {
          expect(at(shard.input.ids, n, 1, t, b, 0)).toBe(at(batch.input.ids, B, 1, t, b0 + b, 0));
        }
        const [x, y] = [batch.target, shard.target];
        if (x.kind === 'step-values' && y.kind === 'step-values') {
          for (let k = 0; k < 3; k++) expect(at(y.values, n, 3, t, b, k)).toBe(at(x.values, B, 3, t, b0 + b, k));
          expect(at(y.mask, n, 1, t, b, 0)).toBe(at(x.mask, B, 1, t, b0 + b, 0));
        } else if (x.kind === 'step-classes' && y.kind === 'step-classes') {
          expect(at(y.ids, n, 1, t, b, 0)).toBe(at(x.ids, B, 1, t, b0 + b, 0));
          for (let k = 0; k < 3; k++) expect(at(y.allowed!, n, 3, t, b, k)).toBe(at(x.allowed!, B, 3, t, b0 + b, k));
        }
      }
    }
    const [x, y] = [batch.target, shard.target];
    if (x.kind === 'sequence-values' && y.kind === 'sequence-values') expect(Array.from(y.values)).toEqual(Array.from(x.values.slice(b0 * 3, (b0 + n) * 3)));
    if (x.kind === 'sequence-class' && y.kind === 'sequence-class') expect(Array.from(y.ids)).toEqual(Array.from(x.ids.slice(b0, b0 + n)));
  }

  const shapes: BatchShape[] = [
    { T, B, lengths, input: { kind: 'dense', features: 2 }, target: 'step-values', outputs: 3 },
    { T, B, lengths, input: { kind: 'tokens', vocab: 6 }, target: 'step-classes', outputs: 3 },
    { T, B, lengths, input: { kind: 'dense', features: 2 }, target: 'sequence-values', outputs: 3 },
    { T, B, lengths, input: { kind: 'tokens', vocab: 6 }, target: 'sequence-class', outputs: 3 },
  ];
  for (const shape of shapes) {
    it(`copies rows [1, 4) of a ${shape.input.kind} → ${shape.target} batch, keeping T`, () => {
      const batch = randomBatch(shape, 3);
      if (batch.target.kind === 'step-classes') {
        const allowed = Uint8Array.from({ length: T * B * 3 }, (_, i) => i % 2);
        (batch as { target: unknown }).target = { ...batch.target, allowed };
      }
      const shard = sliceBatch(batch, 1, 4);
      expect(shard.batchSize).toBe(3);
      expectRows(batch, shard, 1);
    });
  }

  it('refuses an empty or out-of-range row range', () => {
    const batch = randomBatch(shapes[0]!, 1);
    expect(() => sliceBatch(batch, 2, 2)).toThrow(/rows \[2, 2\) are not a non-empty range inside the batch's 5 rows/);
    expect(() => sliceBatch(batch, 3, 6)).toThrow(/not a non-empty range/);
  });
});
