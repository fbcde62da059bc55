// The WebAssembly SIMD matmuls against a float64 reference: every orientation × accumulate × ragged
// shapes × dense, padded and sparse sub-blocks of bigger buffers, through the packed 4×8 tiles, the
// few-row path and the default routing; float64 delegation; memory growth; whole-model training parity.

import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../../../core/common/nn/kernels';
import { jsKernels } from '../../../../core/common/nn/kernels-js';
import { createWasmKernels, createWasmKernelsSync, type WasmKernelOptions } from '../../../../core/common/nn/kernels-wasm';
import { Rng } from '../../../../core/common/random/rng';
import { Trainer } from '../../../../core/common/models/sequence/trainer';
import { Adam } from '../../../../core/common/train/optim/adam';
import { constantLr } from '../../../../core/common/train/schedules';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';
import { randomBatch, smallModel, type BatchShape } from '../models/sequence/model-test-batches';

type Op = 'matmul' | 'matmulTN' | 'matmulNT';
const OPS: Op[] = ['matmul', 'matmulTN', 'matmulNT'];
const rng = new Rng(11);

function randomF32(n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

/** How the operands sit in their buffers: offset and leading dimension = pad(width). */
const LAYOUTS: Record<string, { off: number; ld: (width: number) => number }> = {
  dense: { off: 0, ld: (w) => w }, //               one span copy, C copied back in one piece
  padded: { off: 5, ld: (w) => w + 3 }, //           one span copy including the gaps
  sparse: { off: 2, ld: (w) => 3 * w + 5 }, //       row-by-row copies
};

/**
 * Runs `op` on random operands laid out per `layout` and checks all of C against a float64
 * reference: inside the block within the float32 bound K·2⁻²³·Σ|terms|, outside it unchanged.
 */
function checkProduct(k: Kernels, op: Op, M: number, N: number, K: number, layout: string, acc: boolean): void {
  const chosen = LAYOUTS[layout];
  if (chosen === undefined) throw new Error(`checkProduct: unknown layout ${layout}`);
  const { off, ld } = chosen;
  const aRows = op === 'matmulTN' ? K : M,
    aCols = op === 'matmulTN' ? M : K;
  const bRows = op === 'matmulNT' ? N : K,
    bCols = op === 'matmulNT' ? K : N;
  const lda = ld(aCols),
    ldb = ld(bCols),
    ldc = ld(N);
  const a = randomF32(off + aRows * lda),
    b = randomF32(off + bRows * ldb),
    c = randomF32(off + M * ldc + 4);
  const before = Float32Array.from(c);
  const A = (i: number, q: number) => (op === 'matmulTN' ? a[off + q * lda + i]! : a[off + i * lda + q]!);
  const B = (q: number, j: number) => (op === 'matmulNT' ? b[off + j * ldb + q]! : b[off + q * ldb + j]!);
  k[op](M, N, K, a, off, lda, b, off, ldb, c, off, ldc, acc);
  const inBlock = new Set<number>();
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const at = off + i * ldc + j;
      inBlock.add(at);
      let sum = acc ? before[at]! : 0,
        abs = Math.abs(sum);
      for (let q = 0; q < K; q++) {
        sum += A(i, q) * B(q, j);
        abs += Math.abs(A(i, q) * B(q, j));
      }
      const err = Math.abs(c[at]! - sum);
      if (!(err <= (K + 2) * 2 ** -23 * abs + 1e-30)) expect.fail(`${op} [${M},${N},${K}] ${layout} acc=${acc}: C(${i},${j}) = ${c[at]}, want ${sum}`);
    }
  }
  c.forEach((v, i) => {
    if (!inBlock.has(i) && v !== before[i]) expect.fail(`${op} [${M},${N},${K}] ${layout}: wrote outside C at ${i}`);
  });
}

// Ragged sizes around the 4×8 tile and the 4-wide vectors (K mod 4 tails, N mod 4 / mod 8 / ≥ 16),
// up to 37; the last ones span several KC = 256 blocks of K and MC = 128 blocks of M.
const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1],
  [1, 5, 7],
  [2, 17, 3],
  [3, 9, 37],
  [4, 8, 4],
  [4, 8, 1],
  [5, 9, 6],
  [7, 3, 13],
  [8, 16, 8],
  [11, 33, 2],
  [13, 20, 29],
  [17, 7, 31],
  [33, 37, 35],
  [37, 24, 19],
  [130, 45, 600],
];

/** tiles: every product through packing and the 4×8 microkernel; rows: every product through the few-row path. */
const PATHS: Record<string, WasmKernelOptions> = {
  tiles: { minFlops: 0, rowsBelow: 0 },
  rows: { minFlops: 0, rowsBelow: Infinity },
  default: {},
};

describe.each(Object.keys(PATHS))('wasm kernels, %s path', (path) => {
  const k = createWasmKernelsSync(PATHS[path]);
  describe.each(OPS)('%s', (op) => {
    it.each(SHAPES)('M=%i N=%i K=%i: dense, padded and sparse sub-blocks, with and without accumulate', (M, N, K) => {
      for (const layout of Object.keys(LAYOUTS)) for (const acc of [false, true]) checkProduct(k, op, M, N, K, layout, acc);
    });
  });
});

describe('wasm kernels, routing and memory', () => {
  it('delegates float64 operands to the JavaScript kernels (same bits)', () => {
    const k = createWasmKernelsSync({ minFlops: 0 });
    for (const op of OPS) {
      const a = Float64Array.from(randomF32(20 * 30)),
        b = Float64Array.from(randomF32(30 * 25));
      const mine = new Float64Array(20 * 25).fill(0.5),
        theirs = Float64Array.from(mine);
      const lda = op === 'matmulTN' ? 20 : 30,
        ldb = op === 'matmulNT' ? 30 : 25;
      k[op](20, 25, 30, a, 0, lda, b, 0, ldb, mine, 0, 25, true);
      jsKernels[op](20, 25, 30, a, 0, lda, b, 0, ldb, theirs, 0, 25, true);
      expect(mine).toEqual(theirs);
    }
  });

  it('K = 0 gives C = 0, or leaves C when accumulating', () => {
    const k = createWasmKernelsSync({ minFlops: 0 });
    const c = Float32Array.of(1, 2, 3, 4);
    k.matmul(2, 2, 0, new Float32Array(0), 0, 0, new Float32Array(0), 0, 0, c, 0, 2, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
    k.matmul(2, 2, 0, new Float32Array(0), 0, 0, new Float32Array(0), 0, 0, c, 0, 2, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0]);
  });

  it('stays correct when a big product grows the memory between small ones', async () => {
    const k = await createWasmKernels({ minFlops: 0 });
    checkProduct(k, 'matmulNT', 6, 10, 12, 'padded', true);
    // A, B and C of [150, 500, 400] take 1.3 MB more than the first small product needed.
    checkProduct(k, 'matmul', 150, 500, 400, 'dense', true);
    checkProduct(k, 'matmulTN', 9, 5, 7, 'sparse', true);
    checkProduct(k, 'matmulNT', 3, 21, 40, 'padded', false);
  });
});

describe('whole-model parity', () => {
  const shape: BatchShape = { T: 7, B: 5, lengths: [7, 6, 7, 3, 5], input: { kind: 'tokens', vocab: 19 }, target: 'step-classes', outputs: 19 };
  const wasm = createWasmKernelsSync();

  function trainLosses(cell: CellName, kernels: Kernels): number[] {
    const model = smallModel(cell, shape, { dtype: 'float32', hiddenSize: 24, embeddingDim: 16, numLayers: 2, bidirectional: true, kernels }, 3);
    const trainer = new Trainer({ model, optimizer: new Adam({}), schedule: constantLr(1e-2), clip: { kind: 'norm', max: 5 }, bptt: { mode: 'full' } });
    const batch = randomBatch(shape, 5);
    return Array.from({ length: 6 }, (_, step) => trainer.step(batch, step).loss);
  }

  it.each(['lstm', 'gru'] as const)('a 2-layer bidirectional %s trains to the same losses with wasm and JS kernels', (cell) => {
    const js = trainLosses(cell, jsKernels),
      mine = trainLosses(cell, wasm);
    expect(js[5]).toBeLessThan(js[0]!); // it did train
    expect(mine).not.toEqual(js); // float32 sums in wasm, float64 in JS: close, not the same bits
    mine.forEach((loss, i) => expect(Math.abs(loss - js[i]!) / Math.abs(js[i]!)).toBeLessThan(1e-5));
  });
});
