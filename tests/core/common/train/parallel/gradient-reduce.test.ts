// The data-parallel reduction: aligned slices, weights W_i / W, the weighted sum into row 0, and the
// per-step gradient norms of the whole batch from the shards'.
import { describe, expect, it } from 'vitest';
import { combineGradNorms, reduceSlice, shardWeights, sliceBounds } from '../../../../../core/common/train/parallel/gradient-reduce';
import { bindFlatParams, flatLength } from '../../../../../core/common/train/parallel/flat-params';
import { createParam } from '../../../../../core/common/nn/param';

describe('sliceBounds', () => {
  it('covers 0..n with slices starting on multiples of the alignment', () => {
    expect(Array.from(sliceBounds(100, 3))).toEqual([0, 48, 96, 100]);
    expect(Array.from(sliceBounds(10, 2))).toEqual([0, 10, 10]);
    expect(Array.from(sliceBounds(5000, 1))).toEqual([0, 5000]);
  });
});

describe('shardWeights', () => {
  it('gives W_i / W, and zeros for a batch with no valid target', () => {
    expect(Array.from(shardWeights([3, 1, 0], new Float64Array(3)))).toEqual([0.75, 0.25, 0]);
    expect(Array.from(shardWeights([0, 0], new Float64Array(2)))).toEqual([0, 0]);
  });
});

describe('reduceSlice', () => {
  it('writes Σ_i α_i g_i into row 0 over every slice, with each slice reduced independently', () => {
    const k = 3;
    const n = 2500; // crosses the 1024-value chunks
    const grads = Float32Array.from({ length: k * n }, (_, i) => Math.sin(i) * (1 + (i % 7)));
    const expected = Array.from({ length: n }, (_, j) => 0.5 * grads[j]! + 0.3 * grads[n + j]! + 0.2 * grads[2 * n + j]!);
    const alpha = Float64Array.from([0.5, 0.3, 0.2]);
    const bounds = sliceBounds(n, k);
    const scratch = new Float64Array(1024);
    for (let i = k - 1; i >= 0; i--) reduceSlice(grads, n, alpha, bounds[i]!, bounds[i + 1]!, scratch);
    expected.forEach((v, j) => expect(grads[j]).toBe(Math.fround(v)));
  });

  it('skips shards of weight 0, even holding NaN (an empty shard)', () => {
    const grads = Float32Array.from([1, 2, NaN, NaN]);
    reduceSlice(grads, 2, Float64Array.from([1, 0]), 0, 2, new Float64Array(1024));
    expect(Array.from(grads.subarray(0, 2))).toEqual([1, 2]);
  });
});

describe('combineGradNorms', () => {
  it('is √(Σ_i (α_i n_i)²) per entry of each series, skipping empty shards', () => {
    const part = (l0: number[], l1: number[]) => [
      { layer: 'l0', state: 'h' as const, t0: 2, values: Float64Array.from(l0) },
      { layer: 'l1', state: 'h' as const, t0: 2, values: Float64Array.from(l1) },
    ];
    const combined = combineGradNorms([part([3, 1], [0, 2]), null, part([4, 0], [1, 2])], Float64Array.from([0.5, 0, 0.5]));
    expect(combined?.map((s) => [s.layer, s.t0, Array.from(s.values)])).toEqual([
      ['l0', 2, [Math.hypot(1.5, 2), 0.5]],
      ['l1', 2, [0.5, Math.hypot(1, 1)]],
    ]);
    expect(combineGradNorms([null, null], new Float64Array(2))).toBeNull();
  });

  it('refuses shards that cover different windows or layers', () => {
    const a = [{ layer: 'l0', state: 'h' as const, t0: 0, values: new Float64Array(2) }];
    expect(() => combineGradNorms([a, [{ ...a[0]!, t0: 1 }]], Float64Array.from([0.5, 0.5]))).toThrow(/shard 1 series 0 covers l0 h from t0 1/);
    expect(() => combineGradNorms([a, [{ ...a[0]!, layer: 'l1' }]], Float64Array.from([0.5, 0.5]))).toThrow(/shard 1 series 0 covers l1/);
    // an LSTM's ‖∂L/∂c_t‖ series is never combined with another shard's ‖∂L/∂h_t‖
    expect(() => combineGradNorms([a, [{ ...a[0]!, state: 'c' as const }]], Float64Array.from([0.5, 0.5]))).toThrow(/shard 1 series 0 covers l0 c/);
    expect(() => combineGradNorms([a, []], Float64Array.from([0.5, 0.5]))).toThrow(/shard 1 series 0 covers nothing/);
    // a shard without a weight would have counted as weight 0, its rows silently left out of the norm
    expect(() => combineGradNorms([a, a], Float64Array.from([0.5]))).toThrow(/2 shards but 1 weights/);
  });
});

describe('bindFlatParams', () => {
  it('moves values into one flat buffer in list order and points data and grad at it', () => {
    const a = createParam('a', [2, 2]);
    const b = createParam('b', [3]);
    a.data.set([1, 2, 3, 4]);
    b.data.set([5, 6, 7]);
    const data = new Float32Array(new SharedArrayBuffer(7 * 4));
    const grad = new Float32Array(7);
    bindFlatParams([a, b], data, grad, { copyValues: true });
    expect(flatLength([a, b])).toBe(7);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    b.data[0] = 50;
    b.grad[2] = 9;
    expect(data[4]).toBe(50);
    expect(grad[6]).toBe(9);
  });

  it('refuses buffers of the wrong size and float64 params', () => {
    expect(() => bindFlatParams([createParam('a', [3])], new Float32Array(2), new Float32Array(3), { copyValues: true })).toThrow(
      /3 parameter values but data has 2/,
    );
    expect(() => bindFlatParams([createParam('a', [3], 'float64')], new Float32Array(3), new Float32Array(3), { copyValues: true })).toThrow(
      /only float32 models/,
    );
  });
});
