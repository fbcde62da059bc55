// GFLOP/s of the matmul kernels alone on the shapes the workloads run, JavaScript vs WebAssembly
// side by side in one process (interleaved rounds, medians), plus what the wasm backend's copies in
// and out of its memory would cost alone (the same `set` calls into a plain array).
//   npx tsx bench/gemm-bench.ts [--rounds 7] [--ms 60] [--filter W3]
import { parseArgs } from 'node:util';
import type { Kernels } from '../core/common/nn/kernels';
import { jsKernels } from '../core/common/nn/kernels-js';
import { createWasmKernels } from '../core/common/nn/kernels-wasm';
import { median } from './median';

type Op = 'matmul' | 'matmulTN' | 'matmulNT';
/** [label, op, M, N, K]: C[M, N] = op(A) · op(B) as the layers call it (see recurrent-loop.ts, dense.ts). */
const SHAPES: Array<[string, Op, number, number, number]> = [
  ['W2 step h·Whhᵀ', 'matmulNT', 32, 128, 128],
  ['W2 step dG·Whh', 'matmul', 32, 128, 128],
  ['W2 dWhh (K=T·B)', 'matmulTN', 128, 128, 6400],
  ['W3 step h·Whhᵀ', 'matmulNT', 64, 1536, 512],
  ['W3 step dG·Whh', 'matmul', 64, 512, 1536],
  ['W3 x·Wihᵀ', 'matmulNT', 2048, 1536, 128],
  ['W3 dWhh', 'matmulTN', 1536, 512, 2048],
  ['W3 dx', 'matmul', 2048, 128, 1536],
  ['W1 step h·Whhᵀ', 'matmulNT', 32, 512, 128],
  ['W1 x·Wihᵀ', 'matmulNT', 2048, 512, 32],
  ['W1 head', 'matmulNT', 2048, 65, 128],
  ['I1 h·Whhᵀ (B=1)', 'matmulNT', 1, 512, 128],
  ['I1 head (B=1)', 'matmulNT', 1, 65, 128],
  ['small 8×8×8', 'matmulNT', 8, 8, 8],
  ['small 4×32×32', 'matmulNT', 4, 32, 32],
  ['small 16×64×64', 'matmulNT', 16, 64, 64],
];

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '7' }, ms: { type: 'string', default: '60' }, filter: { type: 'string', default: '' } },
});
const rounds = Number(values.rounds),
  budgetMs = Number(values.ms);

/** Seconds per call of `fn`, timed over about `budgetMs`. */
function timePerCall(fn: () => void): number {
  fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < budgetMs) {
    fn();
    n++;
    t = performance.now();
  }
  return (t - t0) / 1e3 / n;
}

const wasm = await createWasmKernels();
const backends: Array<['js' | 'wasm', Kernels]> = [
  ['js', jsKernels],
  ['wasm', wasm],
];
const rows: Array<Record<string, string | number>> = [];
for (const [label, op, M, N, K] of SHAPES) {
  if (!label.includes(values.filter)) continue;
  const aLen = M * K,
    bLen = K * N;
  const a = Float32Array.from({ length: aLen }, () => Math.random() - 0.5);
  const b = Float32Array.from({ length: bLen }, () => Math.random() - 0.5);
  const c = new Float32Array(M * N);
  const lda = op === 'matmulTN' ? M : K,
    ldb = op === 'matmulNT' ? K : N;
  const scratch = new Float32Array(aLen + bLen + M * N);
  // The wasm backend's staging, alone: A and B in, C out (the non-accumulating case).
  const copies = () => {
    scratch.set(a, 0);
    scratch.set(b, aLen);
    c.set(scratch.subarray(aLen + bLen, aLen + bLen + M * N));
  };
  const times: Record<'js' | 'wasm' | 'copies', number[]> = { js: [], wasm: [], copies: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [name, k] of backends) times[name].push(timePerCall(() => k[op](M, N, K, a, 0, lda, b, 0, ldb, c, 0, N, false)));
    times.copies.push(timePerCall(copies));
  }
  const flops = 2 * M * N * K;
  const js = median(times.js),
    wa = median(times.wasm),
    cp = median(times.copies);
  rows.push({
    shape: `${label} ${op} [${M},${N},${K}]`,
    js_gflops: +(flops / js / 1e9).toFixed(2),
    wasm_gflops: +(flops / wa / 1e9).toFixed(2),
    speedup: +(js / wa).toFixed(2),
    wasm_us: +(wa * 1e6).toFixed(1),
    copies_pct: +((100 * cp) / wa).toFixed(1),
  });
}
console.table(rows);
