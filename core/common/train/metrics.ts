// Evaluation metrics that need no gradient: classification accuracy, perplexity and bits per character.
//
// Legend: N rows (e.g. T*B time-major positions), V classes (vocabulary/outputs).

import type { FloatArray } from '../nn/param';
import type { MetricName } from '../tasks/task';
import type { LossResult, RowWeights } from './losses';

export interface MetricResult {
  /** The weighted mean over the rows that counted; 0 when none did. */
  readonly value: number;
  /** Sum of the weights of the rows that counted: combine batches by it. */
  readonly weight: number;
}

/**
 * Fraction of rows whose arg-max logit is the target, Σₙ wₙ·[argmax zₙ = yₙ] / Σₙ wₙ. Ties go to
 * the lowest index (as torch.argmax). Negative targets are ignored, as in softmaxCrossEntropy.
 * @param logits [N, V] flat
 * @param targets [N]
 * @param weights [N] row weights or 0/1 mask; null means all ones
 */
export function accuracy(logits: FloatArray, targets: Int32Array, vocab: number, weights: RowWeights | null = null): MetricResult {
  const rows = targets.length;
  if (!Number.isInteger(vocab) || vocab <= 0) throw new Error(`accuracy: vocab must be a positive integer, got ${vocab}`);
  if (logits.length !== rows * vocab) throw new Error(`accuracy: logits has ${logits.length} values, expected [${rows}, ${vocab}]`);
  if (weights !== null && weights.length !== rows) throw new Error(`accuracy: weights has ${weights.length} values, expected ${rows}`);
  let correct = 0;
  let total = 0;
  for (let n = 0; n < rows; n++) {
    const y = targets[n]!;
    if (y >= vocab) throw new Error(`accuracy: targets[${n}] = ${y} is outside [0, ${vocab})`);
    const w = weights === null ? 1 : weights[n]!;
    if (y < 0 || w === 0) continue;
    const row = n * vocab;
    let best = 0;
    for (let v = 1; v < vocab; v++) if (logits[row + v]! > logits[row + best]!) best = v;
    total += w;
    if (best === y) correct += w;
  }
  return { value: total === 0 ? 0 : correct / total, weight: total };
}

/**
 * Perplexity = exp(mean cross-entropy in nats). Pass the token-weighted mean over the whole
 * evaluation set (Σ loss·weight / Σ weight over batches): the mean of per-batch perplexities is
 * larger (Jensen) and not what language-modelling papers report.
 */
export function perplexity(meanCrossEntropy: number): number {
  return Math.exp(meanCrossEntropy);
}

/**
 * Bits per character = mean cross-entropy in nats / ln 2 (log₂ p = ln p / ln 2). Per character only when every
 * token is one character; pass the token-weighted mean over the whole evaluation set, as for perplexity.
 */
export function bitsPerCharacter(meanCrossEntropy: number): number {
  return meanCrossEntropy / Math.LN2;
}

/** The language-model numbers a task declares (perplexity, bits-per-char), from its mean cross-entropy in nats; null for those it does not. */
export function languageModelMetrics(declared: readonly MetricName[], meanCrossEntropy: number): { perplexity: number | null; bitsPerChar: number | null } {
  return {
    perplexity: declared.includes('perplexity') ? perplexity(meanCrossEntropy) : null,
    bitsPerChar: declared.includes('bits-per-char') ? bitsPerCharacter(meanCrossEntropy) : null,
  };
}

/** Combines per-batch losses or metrics into one mean, each batch weighted by its `weight`. */
export function weightedMean(results: readonly (MetricResult | LossResult)[]): MetricResult {
  let sum = 0;
  let weight = 0;
  for (const r of results) {
    sum += ('loss' in r ? r.loss : r.value) * r.weight;
    weight += r.weight;
  }
  return { value: weight === 0 ? 0 : sum / weight, weight };
}
