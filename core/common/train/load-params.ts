// Filling a model's parameters from saved values by name: how a checkpoint is restored into a model
// built afresh from its spec, whatever the model's kind.
import type { Param } from '../nn/param';

/**
 * Copies saved values (by PyTorch-style name) into the parameters; returns what is missing or the
 * wrong size, or null when every parameter was filled (and then only: a mismatch changes nothing).
 */
export function loadParams(params: readonly Param[], saved: Readonly<Record<string, ArrayLike<number>>>): string | null {
  for (const p of params) {
    const values = saved[p.name];
    if (!values || values.length !== p.data.length) return `no values of the right size for ${p.name}`;
  }
  for (const p of params) p.data.set(saved[p.name] as ArrayLike<number>);
  return null;
}
