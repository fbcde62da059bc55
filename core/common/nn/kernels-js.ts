// The default `Kernels` backend in plain JavaScript: a register-blocked matmul shared by the
// three orientations, and the block-wise activations and elementwise helpers the layers need.
//
// Speed notes: the matmul computes 4×4 tiles of C with 16 float64 accumulators held in registers
// and k innermost, so each step loads 4 values of A and 4 of B for 16 multiply-adds (the i-k-j
// loop loads and stores C on every multiply-add). Sums stay in float64 and are rounded once on
// store, which also makes float32 results closer to a float64 reference. Nothing here allocates.

import type { Kernels } from './kernels';
import type { FloatArray } from './param';

/** Cache blocks: a [KC, NC] block of B (256 KB in float32) stays in L2 while every row tile of A passes over it. */
const KC = 256;
const NC = 256;

/**
 * C[M, N] (+)= Σ_k A(i, k) · B(k, j), with A(i, k) = a[aOff + i*ai + k*ak] and
 * B(k, j) = b[bOff + k*bk + j*bj]; the strides select the orientation (see the three callers).
 * Walks B in [KC, NC] blocks so large products (weight gradients with K = T*B) reuse cached data.
 */
function gemm(
  M: number,
  N: number,
  K: number,
  a: FloatArray,
  aOff: number,
  ai: number,
  ak: number,
  b: FloatArray,
  bOff: number,
  bk: number,
  bj: number,
  c: FloatArray,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (K === 0) {
    if (!accumulate) for (let i = 0; i < M; i++) c.fill(0, cOff + i * ldc, cOff + i * ldc + N);
    return;
  }
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    for (let j0 = 0; j0 < N; j0 += NC) {
      const nc = Math.min(NC, N - j0);
      gemmBlock(M, nc, kc, a, aOff + k0 * ak, ai, ak, b, bOff + k0 * bk + j0 * bj, bk, bj, c, cOff + j0, ldc, accumulate || k0 > 0);
    }
  }
}

/** One cache block of `gemm`: 4×4 register tiles, then the ragged right columns and bottom rows. */
function gemmBlock(
  M: number,
  N: number,
  K: number,
  a: FloatArray,
  aOff: number,
  ai: number,
  ak: number,
  b: FloatArray,
  bOff: number,
  bk: number,
  bj: number,
  c: FloatArray,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const c0 = cOff + i * ldc,
      c1 = c0 + ldc,
      c2 = c1 + ldc,
      c3 = c2 + ldc;
    for (let j = 0; j < N4; j += 4) {
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      let s20 = 0,
        s21 = 0,
        s22 = 0,
        s23 = 0,
        s30 = 0,
        s31 = 0,
        s32 = 0,
        s33 = 0;
      let pa = aOff + i * ai;
      let pb = bOff + j * bj;
      for (let k = 0; k < K; k++, pa += ak, pb += bk) {
        const x0 = a[pa]!,
          x1 = a[pa + ai]!,
          x2 = a[pa + 2 * ai]!,
          x3 = a[pa + 3 * ai]!;
        const y0 = b[pb]!,
          y1 = b[pb + bj]!,
          y2 = b[pb + 2 * bj]!,
          y3 = b[pb + 3 * bj]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s22 += x2 * y2;
        s23 += x2 * y3;
        s30 += x3 * y0;
        s31 += x3 * y1;
        s32 += x3 * y2;
        s33 += x3 * y3;
      }
      if (accumulate) {
        c[c0 + j]! += s00;
        c[c0 + j + 1]! += s01;
        c[c0 + j + 2]! += s02;
        c[c0 + j + 3]! += s03;
        c[c1 + j]! += s10;
        c[c1 + j + 1]! += s11;
        c[c1 + j + 2]! += s12;
        c[c1 + j + 3]! += s13;
        c[c2 + j]! += s20;
        c[c2 + j + 1]! += s21;
        c[c2 + j + 2]! += s22;
        c[c2 + j + 3]! += s23;
        c[c3 + j]! += s30;
        c[c3 + j + 1]! += s31;
        c[c3 + j + 2]! += s32;
        c[c3 + j + 3]! += s33;
      } else {
        c[c0 + j] = s00;
        c[c0 + j + 1] = s01;
        c[c0 + j + 2] = s02;
        c[c0 + j + 3] = s03;
        c[c1 + j] = s10;
        c[c1 + j + 1] = s11;
        c[c1 + j + 2] = s12;
        c[c1 + j + 3] = s13;
        c[c2 + j] = s20;
        c[c2 + j + 1] = s21;
        c[c2 + j + 2] = s22;
        c[c2 + j + 3] = s23;
        c[c3 + j] = s30;
        c[c3 + j + 1] = s31;
        c[c3 + j + 2] = s32;
        c[c3 + j + 3] = s33;
      }
    }
    // Columns left of a 4-wide tile: 4×1 tiles.
    for (let j = N4; j < N; j++) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      let pa = aOff + i * ai;
      let pb = bOff + j * bj;
      for (let k = 0; k < K; k++, pa += ak, pb += bk) {
        const y = b[pb]!;
        s0 += a[pa]! * y;
        s1 += a[pa + ai]! * y;
        s2 += a[pa + 2 * ai]! * y;
        s3 += a[pa + 3 * ai]! * y;
      }
      if (accumulate) {
        c[c0 + j]! += s0;
        c[c1 + j]! += s1;
        c[c2 + j]! += s2;
        c[c3 + j]! += s3;
      } else {
        c[c0 + j] = s0;
        c[c1 + j] = s1;
        c[c2 + j] = s2;
        c[c3 + j] = s3;
      }
    }
  }
  // Rows left of a 4-high tile (all rows when M < 4, e.g. batch-1 generation): 1×4 tiles, then 1×1.
  for (let i = M4; i < M; i++) {
    const ci = cOff + i * ldc;
    for (let j = 0; j < N4; j += 4) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      let pa = aOff + i * ai;
      let pb = bOff + j * bj;
      for (let k = 0; k < K; k++, pa += ak, pb += bk) {
        const x = a[pa]!;
        s0 += x * b[pb]!;
        s1 += x * b[pb + bj]!;
        s2 += x * b[pb + 2 * bj]!;
        s3 += x * b[pb + 3 * bj]!;
      }
      if (accumulate) {
        c[ci + j]! += s0;
        c[ci + j + 1]! += s1;
        c[ci + j + 2]! += s2;
        c[ci + j + 3]! += s3;
      } else {
        c[ci + j] = s0;
        c[ci + j + 1] = s1;
        c[ci + j + 2] = s2;
        c[ci + j + 3] = s3;
      }
    }
    for (let j = N4; j < N; j++) {
      let s = 0;
      let pa = aOff + i * ai;
      let pb = bOff + j * bj;
      for (let k = 0; k < K; k++, pa += ak, pb += bk) s += a[pa]! * b[pb]!;
      c[ci + j] = accumulate ? c[ci + j]! + s : s;
    }
  }
}

function sigmoidScalar(x: number): number {
  // Both branches avoid exp overflow: e^-x for x ≥ 0, e^x for x < 0.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const jsKernels: Kernels = {
  matmul(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate) {
    // A(i, k) = a[i*lda + k], B(k, j) = b[k*ldb + j]
    gemm(M, N, K, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  },

  matmulTN(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate) {
    // A is stored [K, M]: A(i, k) = a[k*lda + i]
    gemm(M, N, K, a, aOff, 1, lda, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  },

  matmulNT(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate) {
    // B is stored [N, K]: B(k, j) = b[j*ldb + k]
    gemm(M, N, K, a, aOff, lda, 1, b, bOff, 1, ldb, c, cOff, ldc, accumulate);
  },

  addBiasRows(rows, cols, x, xOff, ldx, bias, biasOff) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx;
      for (let j = 0; j < cols; j++) x[p + j]! += bias[biasOff + j]!;
    }
  },

  sumRows(rows, cols, x, xOff, ldx, out, outOff) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx;
      for (let j = 0; j < cols; j++) out[outOff + j]! += x[p + j]!;
    }
  },

  sigmoid(rows, cols, x, xOff, ldx, y, yOff, ldy) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx,
        q = yOff + r * ldy;
      for (let j = 0; j < cols; j++) y[q + j] = sigmoidScalar(x[p + j]!);
    }
  },

  tanh(rows, cols, x, xOff, ldx, y, yOff, ldy) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx,
        q = yOff + r * ldy;
      for (let j = 0; j < cols; j++) y[q + j] = Math.tanh(x[p + j]!);
    }
  },

  relu(rows, cols, x, xOff, ldx, y, yOff, ldy) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx,
        q = yOff + r * ldy;
      for (let j = 0; j < cols; j++) {
        const v = x[p + j]!;
        y[q + j] = v > 0 ? v : 0;
      }
    }
  },

  sigmoidBackward(rows, cols, y, yOff, ldy, d, dOff, ldd) {
    for (let r = 0; r < rows; r++) {
      const p = yOff + r * ldy,
        q = dOff + r * ldd;
      for (let j = 0; j < cols; j++) {
        const s = y[p + j]!;
        d[q + j]! *= s * (1 - s);
      }
    }
  },

  tanhBackward(rows, cols, y, yOff, ldy, d, dOff, ldd) {
    for (let r = 0; r < rows; r++) {
      const p = yOff + r * ldy,
        q = dOff + r * ldd;
      for (let j = 0; j < cols; j++) {
        const t = y[p + j]!;
        d[q + j]! *= 1 - t * t;
      }
    }
  },

  reluBackward(rows, cols, y, yOff, ldy, d, dOff, ldd) {
    for (let r = 0; r < rows; r++) {
      const p = yOff + r * ldy,
        q = dOff + r * ldd;
      for (let j = 0; j < cols; j++) if (!(y[p + j]! > 0)) d[q + j] = 0;
    }
  },

  mul(rows, cols, a, aOff, lda, b, bOff, ldb, out, outOff, ldo) {
    for (let r = 0; r < rows; r++) {
      const p = aOff + r * lda,
        q = bOff + r * ldb,
        o = outOff + r * ldo;
      for (let j = 0; j < cols; j++) out[o + j] = a[p + j]! * b[q + j]!;
    }
  },

  axpy(rows, cols, alpha, x, xOff, ldx, y, yOff, ldy) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx,
        q = yOff + r * ldy;
      for (let j = 0; j < cols; j++) y[q + j]! += alpha * x[p + j]!;
    }
  },

  copy(rows, cols, x, xOff, ldx, y, yOff, ldy) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx,
        q = yOff + r * ldy;
      for (let j = 0; j < cols; j++) y[q + j] = x[p + j]!;
    }
  },

  fill(rows, cols, value, x, xOff, ldx) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx;
      for (let j = 0; j < cols; j++) x[p + j] = value;
    }
  },

  sumSquares(n, x, xOff) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = x[xOff + i]!;
      s += v * v;
    }
    return s;
  },

  softmaxRows(rows, cols, x, xOff, ldx, y, yOff, ldy) {
    for (let r = 0; r < rows; r++) {
      const p = xOff + r * ldx,
        q = yOff + r * ldy;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (x[p + j]! > max) max = x[p + j]!;
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const e = Math.exp(x[p + j]! - max);
        y[q + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let j = 0; j < cols; j++) y[q + j]! *= inv;
    }
  },
};
