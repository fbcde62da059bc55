// CLI: regenerates core/common/nn/wasm/gemm-bytes.ts from gemm.wat (run after editing the WAT).
//   npx tsx core/node/tools/build-wasm.ts

import { writeFileSync } from 'node:fs';
import { GEMM_BYTES_TS, expectedGemmBytesModule } from './wasm-source';

writeFileSync(GEMM_BYTES_TS, await expectedGemmBytesModule());
console.log(`wrote ${GEMM_BYTES_TS}`);
