// A `Kernels` backend whose three matmuls run in WebAssembly SIMD (wasm/gemm.wat); every other
// operation, and every float64 call (gradient checks), is the JavaScript backend's.
//
// The operands are ordinary Float32Arrays outside wasm memory, so each matmul copies A and B into
// the module's memory (one `set` of the whole span when the rows are dense enough, else row by
// row), copies C in too when accumulating, runs the kernel on a dense [M, N] C and copies C back.
// Memory grows on demand and is never shrunk; the Float32Array view is re-taken after every grow.
// No buffers are allocated per call, only the short-lived subarray views the copies go through.
//
// Tiny products stay in JavaScript, where the fixed cost of a wasm call would dominate, and products
// of fewer than 4 rows take an unpacked row-by-row path (see WasmKernelOptions).

import type { Kernels, Matmul } from './kernels';
import { jsKernels } from './kernels-js';
import { GEMM_WASM_HEX } from './wasm/gemm-bytes';

/** Tuning knobs of the wasm backend; the defaults are the measured break-evens on Zen 4 (bench/gemm-bench.ts). */
export interface WasmKernelOptions {
  /**
   * Products with 2·M·N·K below this run in JavaScript, where wasm's fixed cost per call
   * (about 0.5 µs of copies and call overhead) is more than the work: JS is faster below about
   * 600 flops, the two tie around 1000 ([8,8,8]: 0.8–1.2 µs either way), and wasm wins from about
   * 2000 ([1,32,32]: 2.2 vs 0.8 µs; [16,16,16]: 3.4 vs 0.9 µs).
   */
  minFlops?: number;
  /**
   * Products with fewer rows than this skip packing and the 4-row register tiles, which would
   * waste 3/4 of their work at M = 1 (generation): [1,128]·[512,128]ᵀ takes 37 µs that way and
   * 91 µs through the tiles; from M = 4 the tiles win or tie.
   */
  rowsBelow?: number;
}

const DEFAULTS: Required<WasmKernelOptions> = { minFlops: 2048, rowsBelow: 4 };

const PAGE_BYTES = 65536;
/** Operand regions start on 64-byte (cache line) boundaries; in float32 elements. */
const ALIGN = 16;

// core/common compiles without the DOM or Node type libraries, so the little of the global
// WebAssembly API used here is typed locally.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: object;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: WasmInstance }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface GemmExports {
  memory: WasmMemory;
  MC: { value: number };
  KC: { value: number };
  NC: { value: number };
  gemm(
    transA: number,
    transB: number,
    M: number,
    N: number,
    K: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    acc: number,
    work: number,
  ): void;
  gemmRows(
    transA: number,
    transB: number,
    M: number,
    N: number,
    K: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    acc: number,
  ): void;
}

function decodeHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/** Leading dimension a [rows, cols] block with stride ld keeps in wasm memory: ld when the whole span is at most twice the block (one copy), else cols (row-by-row copies). */
function stagedLd(rows: number, cols: number, ld: number): number {
  return ld === cols || (rows - 1) * ld + cols <= 2 * rows * cols ? ld : cols;
}

/** The wasm module instance, its memory view and the matmul entry that copies in, runs and copies out. */
class WasmGemm {
  private readonly ex: GemmExports;
  private f32: Float32Array;
  /** Element index of the work area (scratch tile + packed blocks) and of the first operand. */
  private readonly work: number;
  private readonly operands: number;

  constructor(
    instance: WasmInstance,
    private readonly rowsBelow: number,
  ) {
    this.ex = instance.exports as unknown as GemmExports;
    const mc = this.ex.MC.value,
      kc = this.ex.KC.value,
      nc = this.ex.NC.value;
    this.work = ALIGN;
    this.operands = alignUp(this.work + 32 + mc * kc + kc * nc);
    this.f32 = new Float32Array(this.ex.memory.buffer);
  }

  /** Grows the memory to hold `elements` floats and refreshes the view (a grow detaches the old buffer). */
  private reserve(elements: number): Float32Array {
    const need = elements * 4 - this.ex.memory.buffer.byteLength;
    if (need > 0) this.ex.memory.grow(Math.ceil(need / PAGE_BYTES));
    if (this.f32.buffer !== this.ex.memory.buffer) this.f32 = new Float32Array(this.ex.memory.buffer);
    return this.f32;
  }

  /**
   * C[M, N] (+)= op(A) · op(B): A stored [K, M] when transA, else [M, K]; B stored [N, K] when
   * transB, else [K, N]. M, N, K ≥ 1.
   */
  run(
    transA: boolean,
    transB: boolean,
    M: number,
    N: number,
    K: number,
    a: Float32Array,
    aOff: number,
    lda: number,
    b: Float32Array,
    bOff: number,
    ldb: number,
    c: Float32Array,
    cOff: number,
    ldc: number,
    accumulate: boolean,
  ): void {
    const aRows = transA ? K : M,
      aCols = transA ? M : K;
    const bRows = transB ? N : K,
      bCols = transB ? K : N;
    const ldaW = stagedLd(aRows, aCols, lda),
      ldbW = stagedLd(bRows, bCols, ldb);
    const aAt = this.operands;
    const bAt = alignUp(aAt + (aRows - 1) * ldaW + aCols);
    const cAt = alignUp(bAt + (bRows - 1) * ldbW + bCols);
    const mem = this.reserve(cAt + M * N);
    stage(a, aOff, aRows, aCols, lda, ldaW, mem, aAt);
    stage(b, bOff, bRows, bCols, ldb, ldbW, mem, bAt);
    if (accumulate) stage(c, cOff, M, N, ldc, N, mem, cAt);
    if (M < this.rowsBelow) this.ex.gemmRows(+transA, +transB, M, N, K, aAt * 4, ldaW, bAt * 4, ldbW, cAt * 4, N, +accumulate);
    else this.ex.gemm(+transA, +transB, M, N, K, aAt * 4, ldaW, bAt * 4, ldbW, cAt * 4, N, +accumulate, this.work * 4);
    if (ldc === N) c.set(mem.subarray(cAt, cAt + M * N), cOff);
    else for (let i = 0; i < M; i++) c.set(mem.subarray(cAt + i * N, cAt + (i + 1) * N), cOff + i * ldc);
  }
}

/** Copies the [rows, cols] block at src[off] (stride ld) to dst[at] with stride ldTo (ld: one span copy; cols: row by row). */
function stage(src: Float32Array, off: number, rows: number, cols: number, ld: number, ldTo: number, dst: Float32Array, at: number): void {
  if (ldTo === ld) dst.set(src.subarray(off, off + (rows - 1) * ld + cols), at);
  else for (let r = 0; r < rows; r++) dst.set(src.subarray(off + r * ld, off + r * ld + cols), at + r * ldTo);
}

/** Kernels with wasm matmuls over an instantiated gemm module; other calls go to `jsKernels`. */
function kernelsOver(instance: WasmInstance, options: WasmKernelOptions): Kernels {
  const { minFlops, rowsBelow } = { ...DEFAULTS, ...options };
  const gemm = new WasmGemm(instance, rowsBelow);
  const orient =
    (transA: boolean, transB: boolean, js: Matmul): Matmul =>
    (M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate) => {
      // Float64 operands (gradient checks), empty products and tiny ones stay in JavaScript.
      const wasm = a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array && M > 0 && N > 0 && K > 0 && 2 * M * N * K >= minFlops;
      if (wasm) gemm.run(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
      else js(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    };
  return {
    ...jsKernels,
    matmul: orient(false, false, jsKernels.matmul),
    matmulTN: orient(true, false, jsKernels.matmulTN),
    matmulNT: orient(false, true, jsKernels.matmulNT),
  };
}

/** Compiles and instantiates synchronously: fine in Node and workers (a browser's main thread refuses sync compiles over 4 KB). */
export function createWasmKernelsSync(options: WasmKernelOptions = {}): Kernels {
  const module = new wasmApi.Module(decodeHex(GEMM_WASM_HEX));
  return kernelsOver(new wasmApi.Instance(module, {}), options);
}

/** Compiles and instantiates asynchronously (any thread); each call gets its own module memory. */
export async function createWasmKernels(options: WasmKernelOptions = {}): Promise<Kernels> {
  const { instance } = await wasmApi.instantiate(decodeHex(GEMM_WASM_HEX), {});
  return kernelsOver(instance, options);
}
