// The JavaScript kernels against plain reference loops: every matmul orientation with offsets,
// leading dimensions, accumulate, and sizes that are not multiples of the 4×4 tile.

import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../../../../core/common/nn/param';
import { jsKernels as k } from '../../../../core/common/nn/kernels-js';
import { Rng } from '../../../../core/common/random/rng';
import { randomArray } from './gradcheck';

const rng = new Rng(1);

/** Reference C(i, j) (+)= Σ_k A(i, k) B(k, j) with explicit element accessors. */
function reference(
  M: number,
  N: number,
  K: number,
  A: (i: number, k: number) => number,
  B: (k: number, j: number) => number,
  c: FloatArray,
  cOff: number,
  ldc: number,
  acc: boolean,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let q = 0; q < K; q++) s += A(i, q) * B(q, j);
      c[cOff + i * ldc + j] = acc ? c[cOff + i * ldc + j]! + s : s;
    }
  }
}

// Small ragged sizes hit every tile edge; the last two span several [256, 256] cache blocks of B.
const SIZES: Array<[number, number, number]> = [
  [1, 1, 1],
  [1, 7, 5],
  [3, 2, 9],
  [4, 4, 4],
  [5, 9, 3],
  [8, 12, 16],
  [13, 6, 1],
  [2, 17, 11],
  [5, 300, 520],
  [6, 513, 257],
];

describe.each(['matmul', 'matmulTN', 'matmulNT'] as const)('%s', (op) => {
  it.each(SIZES)('M=%i N=%i K=%i with offsets, padded leading dims and accumulate', (M, N, K) => {
    const aRows = op === 'matmulTN' ? K : M,
      aCols = op === 'matmulTN' ? M : K;
    const bRows = op === 'matmulNT' ? N : K,
      bCols = op === 'matmulNT' ? K : N;
    const lda = aCols + 2,
      ldb = bCols + 3,
      ldc = N + 1,
      aOff = 5,
      bOff = 3,
      cOff = 7;
    const a = randomArray(rng, aOff + aRows * lda),
      b = randomArray(rng, bOff + bRows * ldb);
    const A = op === 'matmulTN' ? (i: number, q: number) => a[aOff + q * lda + i]! : (i: number, q: number) => a[aOff + i * lda + q]!;
    const B = op === 'matmulNT' ? (q: number, j: number) => b[bOff + j * ldb + q]! : (q: number, j: number) => b[bOff + q * ldb + j]!;
    for (const acc of [false, true]) {
      const c = randomArray(rng, cOff + M * ldc),
        want = Float64Array.from(c);
      k[op](M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
      reference(M, N, K, A, B, want, cOff, ldc, acc);
      let maxErr = 0; // over all of C, including the padding columns that must stay untouched
      c.forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(v - want[i]!))));
      expect(maxErr).toBeLessThan(1e-11);
    }
  });

  it('K = 0 gives C = 0, or leaves C when accumulating', () => {
    const c = Float64Array.of(1, 2, 3, 4);
    k[op](2, 2, 0, new Float64Array(0), 0, 0, new Float64Array(0), 0, 0, c, 0, 2, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
    k[op](2, 2, 0, new Float64Array(0), 0, 0, new Float64Array(0), 0, 0, c, 0, 2, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0]);
  });

  it('works in float32 and rounds the float64 sum once', () => {
    const a = Float32Array.from(randomArray(rng, 6 * 5)),
      b = Float32Array.from(randomArray(rng, 5 * 7));
    const c = new Float32Array(6 * 7),
      want = new Float64Array(6 * 7);
    const lda = op === 'matmulTN' ? 6 : 5,
      ldb = op === 'matmulNT' ? 5 : 7;
    k[op](6, 7, 5, a, 0, lda, b, 0, ldb, c, 0, 7, false);
    k[op](6, 7, 5, Float64Array.from(a), 0, lda, Float64Array.from(b), 0, ldb, want, 0, 7, false);
    c.forEach((v, i) => expect(v).toBe(Math.fround(want[i]!)));
  });
});

describe('elementwise kernels on strided blocks', () => {
  it('activations and their derivatives through the output', () => {
    const x = Float64Array.of(-2, -0.5, 0, 0.5, 3, 9, 7, 7); // block [2, 3] with ld 4 at offset 1
    const y = new Float64Array(8).fill(9);
    const at = [1, 2, 3, 5, 6, 7];
    for (const [act, f, df] of [
      ['sigmoid', (v: number) => 1 / (1 + Math.exp(-v)), (s: number) => s * (1 - s)],
      ['tanh', Math.tanh, (t: number) => 1 - t * t],
      ['relu', (v: number) => Math.max(0, v), (r: number) => (r > 0 ? 1 : 0)],
    ] as const) {
      k[act](2, 3, x, 1, 4, y, 1, 4);
      at.forEach((i) => expect(y[i]).toBeCloseTo(f(x[i]!), 15));
      expect([y[0], y[4]]).toEqual([9, 9]);
      const d = new Float64Array(8).fill(2);
      k[`${act}Backward`](2, 3, y, 1, 4, d, 1, 4);
      at.forEach((i) => expect(d[i]).toBeCloseTo(2 * df(y[i]!), 15));
      expect([d[0], d[4]]).toEqual([2, 2]);
    }
    k.sigmoid(1, 2, Float64Array.of(-800, 800), 0, 2, y, 0, 2); // no overflow to NaN
    expect([y[0], y[1]]).toEqual([0, 1]);
  });

  it('bias rows, row sums, mul, axpy, copy, fill, sumSquares', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5, 6); // [2, 3]
    k.addBiasRows(2, 3, x, 0, 3, Float64Array.of(0, 10, 20, 30), 1);
    expect(Array.from(x)).toEqual([11, 22, 33, 14, 25, 36]);
    const s = Float64Array.of(1, 1, 1);
    k.sumRows(2, 3, x, 0, 3, s, 0);
    expect(Array.from(s)).toEqual([26, 48, 70]);
    const out = new Float64Array(4);
    k.mul(2, 2, x, 0, 3, x, 1, 3, out, 0, 2);
    expect(Array.from(out)).toEqual([11 * 22, 22 * 33, 14 * 25, 25 * 36]);
    k.axpy(1, 3, -1, x, 3, 3, x, 0, 3);
    expect(Array.from(x.subarray(0, 3))).toEqual([-3, -3, -3]);
    k.copy(2, 1, x, 0, 3, out, 1, 2);
    expect(Array.from(out)).toEqual([11 * 22, -3, 14 * 25, 14]);
    k.fill(2, 2, 0, x, 1, 3);
    expect(Array.from(x)).toEqual([-3, 0, 0, 14, 0, 0]);
    expect(k.sumSquares(3, x, 2)).toBe(0 + 14 * 14 + 0);
  });

  it('softmax rows sum to 1 and survive large logits', () => {
    const x = Float64Array.of(1, 2, 3, 1000, 1001, 1002);
    const y = new Float64Array(6);
    k.softmaxRows(2, 3, x, 0, 3, y, 0, 3);
    const e = [Math.exp(-2), Math.exp(-1), 1],
      z = e[0]! + e[1]! + e[2]!;
    for (let i = 0; i < 6; i++) expect(y[i]).toBeCloseTo(e[i % 3]! / z, 15);
  });
});
