// Which kernel backend a run computes with, by name (as experiment specs store it). One WebAssembly
// instance per thread is shared by every model of that thread; `js` is the plain-JavaScript reference.
import type { Kernels } from './kernels';
import { jsKernels } from './kernels-js';
import { createWasmKernelsSync } from './kernels-wasm';

export const KERNEL_NAMES = ['wasm', 'js'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

let wasm: Kernels | null = null;

export function kernelsFor(name: KernelName): Kernels {
  if (name === 'js') return jsKernels;
  wasm ??= createWasmKernelsSync();
  return wasm;
}
