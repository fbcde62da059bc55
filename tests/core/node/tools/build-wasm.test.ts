// The committed wasm bytes (core/common/nn/wasm/gemm-bytes.ts) must be what gemm.wat compiles to,
// so nobody edits one without the other: on failure run `npx tsx core/node/tools/build-wasm.ts`.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GEMM_BYTES_TS, compileWat, expectedGemmBytesModule } from '../../../../core/node/tools/wasm-source';

describe('build-wasm', () => {
  it('gemm-bytes.ts is up to date with gemm.wat', async () => {
    const committed = readFileSync(GEMM_BYTES_TS, 'utf8');
    expect(committed === (await expectedGemmBytesModule()), 'gemm-bytes.ts is stale: run `npx tsx core/node/tools/build-wasm.ts`').toBe(true);
  });

  it('refuses relaxed-simd, which not every Node 20 or browser runs', async () => {
    const relaxed = '(module (func (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))';
    await expect(compileWat('relaxed.wat', relaxed)).rejects.toThrow();
  });
});
