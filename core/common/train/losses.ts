// Training losses: mean squared error and softmax cross-entropy fused with its softmax. Each returns
// the mean loss and overwrites a caller-provided gradient buffer (the seed of the backward pass).
//
// Legend: N rows (e.g. T*B time-major positions), D values per row, V classes (vocabulary/outputs).

import type { FloatArray } from '../nn/param';

/** Row weights: 1 keeps a row, 0 drops it (padding); fractional values weight it. */
export type RowWeights = ArrayLike<number>;

export interface LossResult {
  /** The weighted mean loss; 0 when no row counts. */
  readonly loss: number;
  /** Sum of the weights of the rows that counted (rows, or elements for MSE): combine batches by it. */
  readonly weight: number;
}

function checkWeights(fn: string, weights: RowWeights, rows: number): number {
  if (weights.length !== rows) throw new Error(`${fn}: mask/weights has ${weights.length} values but there are ${rows} rows`);
  let total = 0;
  for (let n = 0; n < rows; n++) {
    const w = weights[n]!;
    if (!(w >= 0 && Number.isFinite(w))) throw new Error(`${fn}: mask/weights[${n}] must be finite and >= 0, got ${w}`);
    total += w;
  }
  return total;
}

/**
 * Mean squared error, L = Σₙ wₙ Σ_d (predₙd − targetₙd)² / (D·Σₙ wₙ): the mean over the unmasked
 * elements (PyTorch's MSELoss 'mean' when there is no mask).
 * dPred = 2·wₙ·(pred − target) / (D·Σ w), zero on masked rows.
 * @param pred [N, D] flat
 * @param target [N, D] flat
 * @param dPred [N, D], overwritten; null to skip the gradient
 * @param mask [N] per row, or [N·D] per element (then D = 1); null means all ones
 */
export function mseLoss(pred: FloatArray, target: FloatArray, dPred: FloatArray | null, mask: RowWeights | null = null): LossResult {
  if (target.length !== pred.length) throw new Error(`mseLoss: pred has ${pred.length} values but target has ${target.length}`);
  if (dPred !== null && dPred.length !== pred.length) throw new Error(`mseLoss: dPred has ${dPred.length} values but pred has ${pred.length}`);
  const rows = mask === null ? pred.length : mask.length;
  if (rows === 0 ? pred.length !== 0 : pred.length % rows !== 0) {
    throw new Error(`mseLoss: mask has ${rows} values, which does not divide the ${pred.length} predictions into rows`);
  }
  const width = rows === 0 ? 0 : pred.length / rows; // D
  const elements = (mask === null ? rows : checkWeights('mseLoss', mask, rows)) * width;
  if (elements === 0) {
    dPred?.fill(0);
    return { loss: 0, weight: 0 };
  }
  let sum = 0;
  for (let n = 0; n < rows; n++) {
    const w = mask === null ? 1 : mask[n]!;
    if (w === 0) {
      // skipped, not multiplied by 0: padding may hold NaN or Inf, and 0·NaN is NaN
      dPred?.fill(0, n * width, (n + 1) * width);
      continue;
    }
    for (let d = n * width; d < (n + 1) * width; d++) {
      const diff = pred[d]! - target[d]!;
      sum += w * diff * diff;
      if (dPred !== null) dPred[d] = (2 * w * diff) / elements;
    }
  }
  return { loss: sum / elements, weight: elements };
}

export interface CrossEntropyOptions {
  /** [N] row weights or 0/1 mask; rows of weight 0 add no loss and get zero gradient. */
  readonly weights?: RowWeights | null;
}

/**
 * Softmax cross-entropy on logits, fused with the softmax so it is stable and its gradient simple:
 *   CEₙ = logsumexp(zₙ) − zₙ[yₙ],  logsumexp(z) = m + log Σᵥ exp(zᵥ − m),  m = maxᵥ zᵥ
 *   L = Σₙ wₙ·CEₙ / Σₙ wₙ           (mean over valid rows, like PyTorch's 'mean' reduction)
 *   dLogitsₙ = wₙ·(softmax(zₙ) − onehot(yₙ)) / Σₙ wₙ
 * A negative target marks a row to ignore (PyTorch's ignore_index, -100 by convention).
 * @param logits [N, V] flat
 * @param targets [N] class ids in [0, V), or negative to ignore
 * @param vocab V
 * @param dLogits [N, V], overwritten; null to skip the gradient
 */
export function softmaxCrossEntropy(
  logits: FloatArray,
  targets: Int32Array,
  vocab: number,
  dLogits: FloatArray | null,
  options: CrossEntropyOptions = {},
): LossResult {
  const rows = targets.length;
  const fn = 'softmaxCrossEntropy';
  if (!Number.isInteger(vocab) || vocab <= 0) throw new Error(`${fn}: vocab must be a positive integer, got ${vocab}`);
  if (logits.length !== rows * vocab) throw new Error(`${fn}: logits has ${logits.length} values, expected [${rows}, ${vocab}]`);
  if (dLogits !== null && dLogits.length !== logits.length) throw new Error(`${fn}: dLogits has ${dLogits.length} values, expected [${rows}, ${vocab}]`);
  const weights = options.weights ?? null;
  if (weights !== null) checkWeights(fn, weights, rows);
  let total = 0; // Σ wₙ over rows that count
  for (let n = 0; n < rows; n++) {
    const y = targets[n]!;
    if (y >= vocab) throw new Error(`${fn}: targets[${n}] = ${y} is outside [0, ${vocab})`);
    if (y >= 0) total += weights === null ? 1 : weights[n]!;
  }
  if (dLogits !== null) dLogits.fill(0);
  if (total === 0) return { loss: 0, weight: 0 };

  let sum = 0;
  for (let n = 0; n < rows; n++) {
    const y = targets[n]!;
    const w = weights === null ? 1 : weights[n]!;
    if (y < 0 || w === 0) continue; // skipped, not weighted by 0: padding logits may be NaN or Inf
    const row = n * vocab;
    let max = -Infinity;
    for (let v = 0; v < vocab; v++) max = Math.max(max, logits[row + v]!);
    let expSum = 0;
    for (let v = 0; v < vocab; v++) expSum += Math.exp(logits[row + v]! - max);
    const logSumExp = max + Math.log(expSum);
    sum += w * (logSumExp - logits[row + y]!);
    if (dLogits !== null) {
      // softmax as exp(z − m) / Σ: z − m is exact-ish, where z − logsumexp loses digits for large z
      const scale = w / (total * expSum);
      for (let v = 0; v < vocab; v++) dLogits[row + v] = scale * Math.exp(logits[row + v]! - max);
      dLogits[row + y]! -= w / total;
    }
  }
  return { loss: sum / total, weight: total };
}
