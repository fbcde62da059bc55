// Splitting a batch along B into k shards for data-parallel training: the shard bounds (sizes differ
// by at most 1) and a copy of rows [b0, b1) as a batch of its own, with the same T (padded steps).
//
// Layout: time-major (batch.ts), so row b of a [T, B, K] buffer is T strided runs of K values; a
// shard gathers them into a dense [T, b1 − b0, K]. Per-sequence buffers [B, K] slice contiguously.
import type { InputBuffer, SequenceBatch, Target } from '../../data/batch';

/**
 * Row offsets of k shards of B rows: shard i is rows [bounds[i], bounds[i + 1]). The first B mod k
 * shards get one row more; with k > B the last k − B shards are empty.
 * @returns [k + 1] offsets from 0 to B
 */
export function shardBounds(B: number, k: number): Int32Array {
  if (!Number.isInteger(B) || B < 0) throw new Error(`shardBounds: B must be an integer >= 0, got ${B}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`shardBounds: k must be an integer >= 1, got ${k}`);
  const bounds = new Int32Array(k + 1);
  const base = Math.floor(B / k);
  const extra = B % k;
  for (let i = 0; i < k; i++) bounds[i + 1] = bounds[i]! + base + (i < extra ? 1 : 0);
  return bounds;
}

/**
 * Rows [b0, b1) of a sequence batch, copied, as a batch of b1 − b0 rows and the same steps T.
 * @param batch [T, B, ·] time-major
 */
export function sliceBatch(batch: SequenceBatch, b0: number, b1: number): SequenceBatch {
  const { steps: T, batchSize: B } = batch;
  if (!(Number.isInteger(b0) && Number.isInteger(b1) && 0 <= b0 && b0 < b1 && b1 <= B)) {
    throw new Error(`sliceBatch: rows [${b0}, ${b1}) are not a non-empty range inside the batch's ${B} rows`);
  }
  return {
    kind: 'sequence',
    steps: T,
    batchSize: b1 - b0,
    input: sliceInput(batch.input, T, B, b0, b1),
    lengths: batch.lengths.slice(b0, b1),
    target: sliceTarget(batch.target, T, B, b0, b1),
  };
}

function sliceInput(input: InputBuffer, T: number, B: number, b0: number, b1: number): InputBuffer {
  return input.kind === 'dense'
    ? { kind: 'dense', features: input.features, x: stepRows(input.x, T, B, input.features, b0, b1, 'input.x') }
    : { kind: 'tokens', vocab: input.vocab, ids: stepRows(input.ids, T, B, 1, b0, b1, 'input.ids') };
}

function sliceTarget(target: Target, T: number, B: number, b0: number, b1: number): Target {
  switch (target.kind) {
    case 'step-values':
      return {
        kind: 'step-values',
        outputs: target.outputs,
        values: stepRows(target.values, T, B, target.outputs, b0, b1, 'target.values'),
        mask: stepRows(target.mask, T, B, 1, b0, b1, 'target.mask'),
      };
    case 'step-classes':
      return {
        kind: 'step-classes',
        classes: target.classes,
        ids: stepRows(target.ids, T, B, 1, b0, b1, 'target.ids'),
        mask: stepRows(target.mask, T, B, 1, b0, b1, 'target.mask'),
        allowed: target.allowed === null ? null : stepRows(target.allowed, T, B, target.classes, b0, b1, 'target.allowed'),
      };
    case 'sequence-values':
      return { kind: 'sequence-values', outputs: target.outputs, values: sequenceRows(target.values, B, target.outputs, b0, b1, 'target.values') };
    case 'sequence-class':
      return { kind: 'sequence-class', classes: target.classes, ids: sequenceRows(target.ids, B, 1, b0, b1, 'target.ids') };
  }
}

type Buffer = Float32Array | Int32Array | Uint8Array;

/** Rows [b0, b1) of a [T, B, K] buffer, as a dense [T, b1 − b0, K]. */
function stepRows<A extends Buffer>(src: A, T: number, B: number, K: number, b0: number, b1: number, field: string): A {
  if (src.length !== T * B * K) throw new Error(`sliceBatch: ${field} has ${src.length} values, expected [T=${T}, B=${B}, ${K}] = ${T * B * K}`);
  const n = (b1 - b0) * K;
  const out = new (src.constructor as new (length: number) => A)(T * n);
  for (let t = 0; t < T; t++) out.set(src.subarray((t * B + b0) * K, (t * B + b1) * K), t * n);
  return out;
}

/** Rows [b0, b1) of a [B, K] buffer. */
function sequenceRows<A extends Buffer>(src: A, B: number, K: number, b0: number, b1: number, field: string): A {
  if (src.length !== B * K) throw new Error(`sliceBatch: ${field} has ${src.length} values, expected [B=${B}, ${K}] = ${B * K}`);
  return src.slice(b0 * K, b1 * K) as A;
}
