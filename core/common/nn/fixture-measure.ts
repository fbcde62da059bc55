// The error measure and result type shared by every fixture comparator (recurrent layers, attention).
//
// Error measure, per element: |ours - ref| / max(|ref|, 1). That is the absolute error for
// reference values up to 1 and the relative error above (the README's "absolute, or relative for
// values above 1"), so entries near 0 — including exact zeros at padding — cannot blow it up.

import type { Dtype, FloatArray } from './param';
import type { FixtureTensor, ReferenceFixture } from './fixture';
import { allocFloat } from './param';

export interface TensorError {
  /** An output ("y", "alpha", …) or "grad.<name>". */
  readonly tensor: string;
  readonly maxAbs: number;
  readonly maxRel: number;
}

export interface FixtureComparison {
  readonly fixture: ReferenceFixture;
  /** The case in one line, e.g. "lstm, I=3 H=4 L=1 uni T=5 B=2, lengths [5, 2]". */
  readonly title: string;
  readonly dtype: Dtype;
  readonly errors: readonly TensorError[];
  /** What must be exactly 0 at padded (masked) steps, e.g. "y and grad.x at padded steps"; null when nothing is padded. */
  readonly paddingChecked: string | null;
  /** Largest |value| among those entries (must be exactly 0); 0 when there is no padding. */
  readonly paddingLeak: number;
  readonly maxRel: number;
}

/** |a - b| / max(|b|, 1), the measure used for every comparison (see the module comment). */
export function robustRelativeError(ours: number, ref: number): number {
  return Math.abs(ours - ref) / Math.max(Math.abs(ref), 1);
}

export function compareTensor(tensor: string, ours: ArrayLike<number>, ref: FixtureTensor): TensorError {
  let maxAbs = 0;
  let maxRel = 0;
  if (ours.length !== ref.data.length) return { tensor, maxAbs: Infinity, maxRel: Infinity };
  for (let i = 0; i < ref.data.length; i++) {
    const abs = Math.abs(ours[i]! - ref.data[i]!);
    const rel = robustRelativeError(ours[i]!, ref.data[i]!);
    // NaN must fail, so compare with "not ≤".
    if (!(abs <= maxAbs)) maxAbs = abs;
    if (!(rel <= maxRel)) maxRel = rel;
  }
  return { tensor, maxAbs, maxRel };
}

/** A fixture tensor in the dtype under test. */
export function castTensor(t: FixtureTensor, dtype: Dtype): FloatArray {
  const a = allocFloat(dtype, t.data.length);
  a.set(t.data);
  return a;
}

export function largestError(errors: readonly TensorError[]): number {
  return errors.reduce((m, e) => (e.maxRel <= m ? m : e.maxRel), 0);
}
