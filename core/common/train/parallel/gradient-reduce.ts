// Data-parallel gradient reduction. Shard i holds the gradient g_i of its own mean loss (weight W_i,
// targetWeight of its rows); the whole batch's mean-loss gradient is g = Σ_i (W_i / W) g_i, W = Σ W_i.
// Each thread reduces one slice of the parameter vector, in place into row 0.
//
// Shapes: k shards, n parameter values; grads [k, n] (row i is shard i's gradient).
import type { LayerGradNorms } from '../layer-grad-norms';

/** Values per reduction chunk: the float64 accumulator stays in L1 while rows stream through. */
const CHUNK = 1024;

/**
 * Bounds of k slices of n values, each starting on a multiple of `align` (16 float32 = one 64-byte
 * cache line, so no two threads write the same line); the last slice takes the rest.
 * @returns [k + 1] offsets from 0 to n
 */
export function sliceBounds(n: number, k: number, align = 16): Int32Array {
  if (!Number.isInteger(k) || k < 1) throw new Error(`sliceBounds: k must be an integer >= 1, got ${k}`);
  const bounds = new Int32Array(k + 1);
  const step = Math.ceil(n / k / align) * align;
  for (let i = 1; i <= k; i++) bounds[i] = Math.min(n, i * step);
  bounds[k] = n;
  return bounds;
}

/** The reduction weights α_i = W_i / W (all 0 when W = 0: an all-padding batch has a zero gradient). */
export function shardWeights(weights: ArrayLike<number>, out: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  for (let i = 0; i < weights.length; i++) out[i] = total > 0 ? weights[i]! / total : 0;
  return out;
}

/**
 * grads[0, from:to] = Σ_i alpha[i] · grads[i, from:to], summed in float64 and rounded once.
 * Shards with alpha 0 (empty, or no valid target) are skipped.
 * @param grads [k, n]
 * @param alpha [k]
 * @param scratch float64 work buffer of at least 1024 values
 */
export function reduceSlice(grads: Float32Array, n: number, alpha: Float64Array, from: number, to: number, scratch: Float64Array): void {
  const k = alpha.length;
  if (grads.length < k * n) throw new Error(`reduceSlice: grads has ${grads.length} values, expected [k=${k}, n=${n}]`);
  if (scratch.length < CHUNK) throw new Error(`reduceSlice: scratch needs ${CHUNK} values, got ${scratch.length}`);
  for (let c0 = from; c0 < to; c0 += CHUNK) {
    const c1 = Math.min(c0 + CHUNK, to);
    const m = c1 - c0;
    scratch.fill(0, 0, m);
    for (let i = 0; i < k; i++) {
      const a = alpha[i]!;
      if (a === 0) continue;
      const row = i * n + c0;
      for (let j = 0; j < m; j++) scratch[j]! += a * grads[row + j]!;
    }
    for (let j = 0; j < m; j++) grads[c0 + j] = scratch[j]!;
  }
}

/**
 * Per-step gradient norms of the whole batch from the shards' own: ∂L/∂h of shard i's rows is
 * alpha_i times its shard-mean gradient, and the norm is over all rows, so ‖·‖ = √(Σ_i (alpha_i n_i)²),
 * series by series. Null shards (empty) are skipped; the others must hold the same series over the same steps.
 */
export function combineGradNorms(parts: readonly (readonly LayerGradNorms[] | null)[], alpha: Float64Array): LayerGradNorms[] | null {
  // one weight per shard: a missing one would silently drop that shard's rows from the norm
  if (alpha.length !== parts.length) throw new Error(`combineGradNorms: ${parts.length} shards but ${alpha.length} weights`);
  let first: readonly LayerGradNorms[] | null = null;
  for (const p of parts) first ??= p;
  if (first === null) return null;
  const sums = first.map((series) => new Float64Array(series.values.length));
  parts.forEach((p, i) => {
    if (p === null) return;
    const a = alpha[i]!;
    first.forEach((reference, s) => {
      const series = p[s];
      if (
        series === undefined ||
        series.layer !== reference.layer ||
        series.state !== reference.state ||
        series.t0 !== reference.t0 ||
        series.values.length !== reference.values.length
      ) {
        const what = (x: LayerGradNorms | undefined) => (x === undefined ? 'nothing' : `${x.layer} ${x.state} from t0 ${x.t0}, ${x.values.length} steps`);
        throw new Error(`combineGradNorms: shard ${i} series ${s} covers ${what(series)}, the first shard's ${what(reference)}`);
      }
      const sum = sums[s] as Float64Array;
      for (let j = 0; j < sum.length; j++) sum[j]! += (a * series.values[j]!) ** 2;
    });
  });
  return first.map((reference, s) => {
    const values = sums[s] as Float64Array;
    for (let j = 0; j < values.length; j++) values[j] = Math.sqrt(values[j]!);
    return { layer: reference.layer, state: reference.state, t0: reference.t0, values };
  });
}
