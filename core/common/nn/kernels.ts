// The one interface every layer does its heavy math through, so a faster backend (WebAssembly
// SIMD) can replace the default JavaScript one (`kernels-js.ts`) whole.
//
// Conventions, shared by every method:
//   - Matrices are row-major inside a flat FloatArray and addressed as (array, offset, ld):
//     element (r, c) sits at `offset + r * ld + c`. A time-step slice of a time-major [T, B, X]
//     buffer is therefore (buf, t * B * X, X), and a column block of a wider row (e.g. the forward
//     half of a bidirectional [T, B, 2H] output) is (buf, offset + d * H, 2H). No copies, no views.
//   - Sizes come first, then operands, then the output; `accumulate` chooses C += … over C = ….
//   - Operands of one call have the same dtype (Float32Array, or Float64Array for gradient checks).
//   - Implementations never allocate, so layers may call them inside a time-step loop.

import type { FloatArray } from './param';

/**
 * C[M, N] (+)= A · B in one of three orientations (the method's name says which): A and B are matrices at
 * (a, aOff, lda) and (b, bOff, ldb) in the stored layout, C is [M, N] at (c, cOff, ldc), K the shared dimension.
 */
export type Matmul = (
  M: number,
  N: number,
  K: number,
  a: FloatArray,
  aOff: number,
  lda: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  c: FloatArray,
  cOff: number,
  ldc: number,
  accumulate: boolean,
) => void;

export interface Kernels {
  /** C[M, N] (+)= A[M, K] · B[K, N]. */
  matmul: Matmul;

  /** C[M, N] (+)= A[K, M]ᵀ · B[K, N]  (weight gradients: dW += dYᵀ · X). */
  matmulTN: Matmul;

  /** C[M, N] (+)= A[M, K] · B[N, K]ᵀ  (forward with a PyTorch weight [out, in]: Y = X · Wᵀ). */
  matmulNT: Matmul;

  /** x[r, :] += bias[:] for every row r of the block x[rows, cols]. */
  addBiasRows(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, bias: FloatArray, biasOff: number): void;

  /** out[:] += Σ_r x[r, :] over the block x[rows, cols]  (bias gradients). */
  sumRows(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, out: FloatArray, outOff: number): void;

  /** y = σ(x) = 1 / (1 + e^-x) on a [rows, cols] block; x and y may be the same block (in place). */
  sigmoid(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, y: FloatArray, yOff: number, ldy: number): void;
  /** y = tanh(x) on a [rows, cols] block; in place allowed. */
  tanh(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, y: FloatArray, yOff: number, ldy: number): void;
  /** y = max(0, x) on a [rows, cols] block; in place allowed. */
  relu(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, y: FloatArray, yOff: number, ldy: number): void;

  /** d *= σ'(x) = y (1 - y), written through the activation's output y; d is updated in place. */
  sigmoidBackward(rows: number, cols: number, y: FloatArray, yOff: number, ldy: number, d: FloatArray, dOff: number, ldd: number): void;
  /** d *= tanh'(x) = 1 - y². */
  tanhBackward(rows: number, cols: number, y: FloatArray, yOff: number, ldy: number, d: FloatArray, dOff: number, ldd: number): void;
  /** d *= relu'(x) = [y > 0]. */
  reluBackward(rows: number, cols: number, y: FloatArray, yOff: number, ldy: number, d: FloatArray, dOff: number, ldd: number): void;

  /** out = a ∘ b (elementwise product) on a [rows, cols] block; out may alias a or b. */
  mul(
    rows: number,
    cols: number,
    a: FloatArray,
    aOff: number,
    lda: number,
    b: FloatArray,
    bOff: number,
    ldb: number,
    out: FloatArray,
    outOff: number,
    ldo: number,
  ): void;
  /** y += alpha · x on a [rows, cols] block. */
  axpy(rows: number, cols: number, alpha: number, x: FloatArray, xOff: number, ldx: number, y: FloatArray, yOff: number, ldy: number): void;
  /** Copies a [rows, cols] block. */
  copy(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, y: FloatArray, yOff: number, ldy: number): void;
  /** Sets a [rows, cols] block to `value`. */
  fill(rows: number, cols: number, value: number, x: FloatArray, xOff: number, ldx: number): void;
  /** Σ x[i]² for i < n, summed in float64. */
  sumSquares(n: number, x: FloatArray, xOff: number): number;

  /** Row-wise softmax of a [rows, cols] block, max-subtracted so large logits do not overflow; in place allowed. */
  softmaxRows(rows: number, cols: number, x: FloatArray, xOff: number, ldx: number, y: FloatArray, yOff: number, ldy: number): void;
}
