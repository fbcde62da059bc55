// Runs our recurrent layer on a parsed reference fixture and compares every output and gradient
// with the reference; also formats the comparison as a readable table.
//
// Error measure, per element: |ours - ref| / max(|ref|, 1). That is the absolute error for
// reference values up to 1 and the relative error above (the README's "absolute, or relative for
// values above 1"), so entries near 0 — including exact zeros at padding — cannot blow it up.

import type { Dtype, FloatArray } from './param';
import type { Kernels } from './kernels';
import type { FixtureTensor, RecurrentFixture } from './fixture';
import { allocFloat, zeroGrads } from './param';
import { createRecurrentLayer } from './recurrent-factory';

export interface TensorError {
  /** "y", "h_n", "c_n", or "grad.<param>", "grad.x", "grad.h0", "grad.c0". */
  readonly tensor: string;
  readonly maxAbs: number;
  readonly maxRel: number;
}

export interface FixtureComparison {
  readonly fixture: RecurrentFixture;
  readonly dtype: Dtype;
  readonly errors: readonly TensorError[];
  /** Largest |value| of our y and grad x at padded steps (must be exactly 0); 0 when there is no padding. */
  readonly paddingLeak: number;
  readonly maxRel: number;
}

/** |a - b| / max(|b|, 1), the measure used for every comparison (see the module comment). */
export function robustRelativeError(ours: number, ref: number): number {
  return Math.abs(ours - ref) / Math.max(Math.abs(ref), 1);
}

function compare(tensor: string, ours: ArrayLike<number>, ref: FixtureTensor): TensorError {
  let maxAbs = 0;
  let maxRel = 0;
  for (let i = 0; i < ref.data.length; i++) {
    const abs = Math.abs(ours[i] - ref.data[i]);
    const rel = robustRelativeError(ours[i], ref.data[i]);
    // NaN must fail, so compare with "not ≤".
    if (!(abs <= maxAbs)) maxAbs = abs;
    if (!(rel <= maxRel)) maxRel = rel;
  }
  return { tensor, maxAbs, maxRel };
}

/**
 * Builds the fixture's layer in `dtype`, loads its parameters by name, runs forward, and backward
 * with ry / rh / rc as the upstream gradients, then compares with y, h_n, c_n and grad.
 */
export function compareFixture(f: RecurrentFixture, dtype: Dtype, kernels?: Kernels): FixtureComparison {
  const layer = createRecurrentLayer(f.cell, {
    inputSize: f.inputSize, hiddenSize: f.hiddenSize, numLayers: f.numLayers, bidirectional: f.bidirectional, dtype, kernels,
  });
  const cast = (t: FixtureTensor): FloatArray => {
    const a = allocFloat(dtype, t.data.length);
    a.set(t.data);
    return a;
  };
  for (const p of layer.params) {
    const ref = f.params.get(p.name);
    if (ref === undefined) throw new Error(`compareFixture(${f.name}): fixture has no parameter ${p.name}`);
    p.data.set(ref.data);
  }
  zeroGrads(layer.params);

  const T = f.seqLen, B = f.batch;
  const opts = { lengths: f.lengths ?? undefined, h0: cast(f.h0), c0: f.c0 ? cast(f.c0) : undefined };
  const fwd = layer.forward(cast(f.x), T, B, opts);
  const errors: TensorError[] = [compare('y', fwd.y, f.y), compare('h_n', fwd.hN, f.hN)];
  if (f.cN !== null && fwd.cN !== undefined) errors.push(compare('c_n', fwd.cN, f.cN));
  const y = Float64Array.from(fwd.y);

  const bwd = layer.backward(fwd.cache, { dy: cast(f.ry), dhN: cast(f.rh), dcN: f.rc ? cast(f.rc) : undefined });
  for (const p of layer.params) errors.push(compare(`grad.${p.name}`, p.grad, f.grad.get(p.name) as FixtureTensor));
  errors.push(compare('grad.x', bwd.dx, f.grad.get('x') as FixtureTensor));
  errors.push(compare('grad.h0', bwd.dh0, f.grad.get('h0') as FixtureTensor));
  const gc0 = f.grad.get('c0');
  if (gc0 !== undefined && bwd.dc0 !== undefined) errors.push(compare('grad.c0', bwd.dc0, gc0));

  let paddingLeak = 0;
  if (f.lengths !== null) {
    const DH = (f.bidirectional ? 2 : 1) * f.hiddenSize, I = f.inputSize;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        if (t < f.lengths[b]) continue;
        for (let j = 0; j < DH; j++) paddingLeak = Math.max(paddingLeak, Math.abs(y[(t * B + b) * DH + j]));
        for (let j = 0; j < I; j++) paddingLeak = Math.max(paddingLeak, Math.abs(bwd.dx[(t * B + b) * I + j]));
      }
    }
  }
  const maxRel = errors.reduce((m, e) => (e.maxRel <= m ? m : e.maxRel), 0);
  return { fixture: f, dtype, errors, paddingLeak, maxRel };
}

/** True when every error is at most `tolerance` and nothing leaks at padded steps. */
export function comparisonPasses(c: FixtureComparison, tolerance: number): boolean {
  return c.maxRel <= tolerance && c.paddingLeak === 0;
}

const fmt = (v: number): string => (v === 0 ? '0' : v.toExponential(2));

/** A readable table: one line per output and gradient, then the verdict. */
export function formatComparison(c: FixtureComparison, tolerance: number): string {
  const f = c.fixture;
  const shape = `${f.cell}, I=${f.inputSize} H=${f.hiddenSize} L=${f.numLayers} ${f.bidirectional ? 'bi' : 'uni'} T=${f.seqLen} B=${f.batch}`;
  const lines = [`${f.name}  (${shape}${f.lengths ? `, lengths [${f.lengths.join(', ')}]` : ''}; ${c.dtype})`];
  const width = Math.max(...c.errors.map((e) => e.tensor.length), 6) + 2;
  lines.push(`  ${'tensor'.padEnd(width)}${'max abs err'.padStart(12)}${'max rel err'.padStart(13)}`);
  for (const e of c.errors) {
    const flag = e.maxRel <= tolerance ? '' : '   <-- above tolerance';
    lines.push(`  ${e.tensor.padEnd(width)}${fmt(e.maxAbs).padStart(12)}${fmt(e.maxRel).padStart(13)}${flag}`);
  }
  if (f.lengths !== null) {
    lines.push(`  padding: y and grad.x at padded steps ${c.paddingLeak === 0 ? 'exactly 0' : `NOT 0 (max |value| ${fmt(c.paddingLeak)})`}`);
  }
  const ok = comparisonPasses(c, tolerance);
  lines.push(`  ${ok ? 'PASS' : 'FAIL'}: max rel err ${fmt(c.maxRel)} (tolerance ${fmt(tolerance)}; rel err = |ours - ref| / max(|ref|, 1))`);
  return lines.join('\n');
}
