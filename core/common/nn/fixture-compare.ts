// Runs our layers on a parsed reference fixture and compares every output and gradient with the
// reference, one comparator per fixture kind (recurrent layers here, attention in
// fixture-compare-attention.ts); also formats a comparison as a readable table.
// The error measure is |ours - ref| / max(|ref|, 1) (fixture-measure.ts).

import type { Dtype } from './param';
import type { Kernels } from './kernels';
import type { FixtureTensor, RecurrentFixture, ReferenceFixture } from './fixture';
import type { FixtureComparison, TensorError } from './fixture-measure';
import { zeroGrads } from './param';
import { createRecurrentLayer } from './recurrent-factory';
import { compareAttentionFixture } from './fixture-compare-attention';
import { castTensor, compareTensor, largestError } from './fixture-measure';
import { at, mustGet } from '../checked-index';

export type { FixtureComparison, TensorError } from './fixture-measure';
export { robustRelativeError } from './fixture-measure';

type Comparator<F extends ReferenceFixture> = (f: F, dtype: Dtype, kernels?: Kernels) => FixtureComparison;

const COMPARATORS: { readonly [K in ReferenceFixture['kind']]: Comparator<Extract<ReferenceFixture, { kind: K }>> } = {
  recurrent: compareRecurrentFixture,
  attention: compareAttentionFixture,
};

/** Builds the fixture's layer in `dtype`, runs it forward and backward, and compares with the reference. */
export function compareFixture(f: ReferenceFixture, dtype: Dtype, kernels?: Kernels): FixtureComparison {
  return (COMPARATORS[f.kind] as Comparator<ReferenceFixture>)(f, dtype, kernels);
}

/**
 * Builds the fixture's recurrent layer in `dtype`, loads its parameters by name, runs forward, and
 * backward with ry / rh / rc as the upstream gradients, then compares with y, h_n, c_n and grad.
 */
export function compareRecurrentFixture(f: RecurrentFixture, dtype: Dtype, kernels?: Kernels): FixtureComparison {
  const layer = createRecurrentLayer(f.cell, {
    inputSize: f.inputSize,
    hiddenSize: f.hiddenSize,
    numLayers: f.numLayers,
    bidirectional: f.bidirectional,
    dtype,
    kernels,
  });
  const cast = (t: FixtureTensor) => castTensor(t, dtype);
  for (const p of layer.params) {
    const ref = f.params.get(p.name);
    if (ref === undefined) throw new Error(`compareFixture(${f.name}): fixture has no parameter ${p.name}`);
    p.data.set(ref.data);
  }
  zeroGrads(layer.params);

  const T = f.seqLen,
    B = f.batch;
  const opts = { lengths: f.lengths ?? undefined, h0: cast(f.h0), c0: f.c0 ? cast(f.c0) : undefined };
  const fwd = layer.forward(cast(f.x), T, B, opts);
  const errors: TensorError[] = [compareTensor('y', fwd.y, f.y), compareTensor('h_n', fwd.hN, f.hN)];
  if (f.cN !== null && fwd.cN !== undefined) errors.push(compareTensor('c_n', fwd.cN, f.cN));
  const y = Float64Array.from(fwd.y);

  const bwd = layer.backward(fwd.cache, { dy: cast(f.ry), dhN: cast(f.rh), dcN: f.rc ? cast(f.rc) : undefined });
  const refGrad = (name: string): FixtureTensor => mustGet(f.grad, name, `compareFixture(${f.name}) reference gradients`);
  for (const p of layer.params) errors.push(compareTensor(`grad.${p.name}`, p.grad, refGrad(p.name)));
  errors.push(compareTensor('grad.x', bwd.dx, refGrad('x')));
  errors.push(compareTensor('grad.h0', bwd.dh0, refGrad('h0')));
  const gc0 = f.grad.get('c0');
  if (gc0 !== undefined && bwd.dc0 !== undefined) errors.push(compareTensor('grad.c0', bwd.dc0, gc0));

  let paddingLeak = 0;
  if (f.lengths !== null) {
    const DH = (f.bidirectional ? 2 : 1) * f.hiddenSize,
      I = f.inputSize;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        if (t < at(f.lengths, b, `compareFixture(${f.name}) lengths`)) continue;
        for (let j = 0; j < DH; j++) paddingLeak = Math.max(paddingLeak, Math.abs(y[(t * B + b) * DH + j]!));
        for (let j = 0; j < I; j++) paddingLeak = Math.max(paddingLeak, Math.abs(bwd.dx[(t * B + b) * I + j]!));
      }
    }
  }
  const shape = `${f.cell}, I=${f.inputSize} H=${f.hiddenSize} L=${f.numLayers} ${f.bidirectional ? 'bi' : 'uni'} T=${f.seqLen} B=${f.batch}`;
  const title = `${shape}${f.lengths ? `, lengths [${f.lengths.join(', ')}]` : ''}`;
  const paddingChecked = f.lengths !== null ? 'y and grad.x at padded steps' : null;
  return { fixture: f, title, dtype, errors, paddingChecked, paddingLeak, maxRel: largestError(errors) };
}

/** True when every error is at most `tolerance` and nothing leaks at padded steps. */
export function comparisonPasses(c: FixtureComparison, tolerance: number): boolean {
  return c.maxRel <= tolerance && c.paddingLeak === 0;
}

const fmt = (v: number): string => (v === 0 ? '0' : v.toExponential(2));

/** A readable table: one line per output and gradient, then the verdict. */
export function formatComparison(c: FixtureComparison, tolerance: number): string {
  const lines = [`${c.fixture.name}  (${c.title}; ${c.dtype})`];
  const width = Math.max(...c.errors.map((e) => e.tensor.length), 6) + 2;
  lines.push(`  ${'tensor'.padEnd(width)}${'max abs err'.padStart(12)}${'max rel err'.padStart(13)}`);
  for (const e of c.errors) {
    const flag = e.maxRel <= tolerance ? '' : '   <-- above tolerance';
    lines.push(`  ${e.tensor.padEnd(width)}${fmt(e.maxAbs).padStart(12)}${fmt(e.maxRel).padStart(13)}${flag}`);
  }
  if (c.paddingChecked !== null) {
    lines.push(`  padding: ${c.paddingChecked} ${c.paddingLeak === 0 ? 'exactly 0' : `NOT 0 (max |value| ${fmt(c.paddingLeak)})`}`);
  }
  const ok = comparisonPasses(c, tolerance);
  lines.push(`  ${ok ? 'PASS' : 'FAIL'}: max rel err ${fmt(c.maxRel)} (tolerance ${fmt(tolerance)}; rel err = |ours - ref| / max(|ref|, 1))`);
  return lines.join('\n');
}
