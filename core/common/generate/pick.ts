// Choosing the next token from logits: greedy (arg-max), or sampling at a temperature, optionally
// restricted to the k most likely tokens (top-k; Fan, Lewis & Dauphin 2018).
//
//   p_v ∝ exp((z_v − max z) / τ)   over the kept tokens;   τ → 0 is arg-max, τ = 1 the model's own distribution
//
// From probabilities (an exported model ends in a softmax) the logits are log p, so the same rule is
// q_v ∝ (p_v / p_max)^(1/τ): one sampler serves SeqLab's own models and onnxruntime's outputs alike.
//
// Shapes: B streams, V vocabulary; logits [B, V].

import type { Rng } from '../random/rng';
import type { FloatArray } from '../nn/param';

/** Index of the largest of row b of a [B, V] array (ties: lowest index): the greedy choice. */
export function argmaxRow(values: FloatArray, b: number, V: number): number {
  let best = 0;
  for (let v = 1; v < V; v++) if (values[b * V + v]! > values[b * V + best]!) best = v;
  return best;
}

export type DecodingStrategy =
  | { readonly kind: 'greedy' }
  | {
      readonly kind: 'sample';
      /** τ ≥ 0; 0 picks the arg-max. */
      readonly temperature: number;
      /** Keep only the k largest logits (ties broken by lower id); absent or ≥ V keeps all. */
      readonly topK?: number | undefined;
    };

export function checkStrategy(where: string, s: DecodingStrategy, rng: Rng | undefined): void {
  if (s.kind === 'greedy') return;
  if (!(s.temperature >= 0 && Number.isFinite(s.temperature))) throw new Error(`${where}: temperature must be a finite number >= 0, got ${s.temperature}`);
  if (s.topK !== undefined && !(Number.isInteger(s.topK) && s.topK >= 1)) throw new Error(`${where}: topK must be an integer >= 1, got ${s.topK}`);
  if (rng === undefined) throw new Error(`${where}: sampling needs an rng`);
}

/** Reusable buffers of `pickToken`, sized for V, so picking allocates nothing. */
export class PickScratch {
  readonly order: Int32Array;
  readonly weights: Float64Array;
  /** log p of one row, for `pickFromProbabilities`. */
  readonly logits: Float64Array;
  constructor(readonly vocab: number) {
    this.order = new Int32Array(vocab);
    this.weights = new Float64Array(vocab);
    this.logits = new Float64Array(vocab);
  }
}

/** `pickToken` on the probabilities row probs[offset .. offset + V) (zeros are never sampled). */
export function pickFromProbabilities(
  probs: ArrayLike<number>,
  offset: number,
  V: number,
  strategy: DecodingStrategy,
  rng: Rng | undefined,
  scratch: PickScratch,
): number {
  if (!(Number.isInteger(offset) && offset >= 0 && offset + V <= probs.length && scratch.vocab >= V)) {
    throw new Error(
      `pickFromProbabilities: row [${offset}, ${offset + V}) is outside the ${probs.length} probabilities (or the scratch is for ${scratch.vocab})`,
    );
  }
  const logits = scratch.logits.subarray(0, V);
  for (let v = 0; v < V; v++) logits[v] = Math.log(probs[offset + v]!);
  return pickToken(logits, 0, V, strategy, rng, scratch);
}

/**
 * The next token of stream b. Sampling draws exactly one rng.next() per call (none for greedy or τ = 0),
 * so a seeded run is reproducible call by call.
 */
export function pickToken(logits: FloatArray, b: number, V: number, strategy: DecodingStrategy, rng: Rng | undefined, scratch: PickScratch): number {
  if (strategy.kind === 'greedy' || strategy.temperature === 0) return argmaxRow(logits, b, V);
  if (rng === undefined) throw new Error(`pickToken: sampling at temperature ${strategy.temperature} needs an rng`);
  const row = b * V;
  const { order, weights } = scratch;
  let kept = V;
  for (let v = 0; v < V; v++) order[v] = v;
  if (strategy.topK !== undefined && strategy.topK < V) {
    // Largest first, ties by lower id: the first k are the kept tokens.
    order.sort((a, c) => logits[row + c]! - logits[row + a]! || a - c);
    kept = strategy.topK;
  }
  let max = -Infinity;
  for (let i = 0; i < kept; i++) max = Math.max(max, logits[row + order[i]!]!);
  let sum = 0;
  for (let i = 0; i < kept; i++) {
    const w = Math.exp((logits[row + order[i]!]! - max) / strategy.temperature);
    weights[i] = w;
    sum += w;
  }
  const u = rng.next() * sum;
  let acc = 0;
  for (let i = 0; i < kept; i++) {
    acc += weights[i]!;
    if (u < acc) return order[i]!;
  }
  // Rounding left u at the very top: the last token with weight.
  for (let i = kept - 1; i >= 0; i--) if (weights[i]! > 0) return order[i]!;
  return order[0]!;
}
