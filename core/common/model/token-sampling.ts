// Choosing the next token from a model's probabilities (an exported model ends in a softmax):
// greedy (arg-max), or sampling at a temperature among the k most likely tokens (top-k; Fan, Lewis &
// Dauphin 2018). Softmax at temperature τ of log-probabilities is a power of the probabilities:
//
//   q_v ∝ exp((log p_v − log p_max) / τ) = (p_v / p_max)^(1/τ)   over the kept tokens;  τ = 0 is arg-max
//
// Shapes: V vocabulary; probabilities [.., V], row `offset`.

import type { Rng } from '../random/rng';

export interface SamplingOptions {
  /** τ ≥ 0; 0 picks the arg-max (greedy). */
  readonly temperature: number;
  /** Keep only the k most likely tokens (ties: lower id); absent or ≥ V keeps all. */
  readonly topK?: number;
}

export function checkSampling(where: string, options: SamplingOptions): void {
  if (!(Number.isFinite(options.temperature) && options.temperature >= 0)) throw new Error(`${where}: temperature must be a finite number >= 0, got ${options.temperature}`);
  if (options.topK !== undefined && !(Number.isInteger(options.topK) && options.topK >= 1)) throw new Error(`${where}: topK must be an integer >= 1, got ${options.topK}`);
}

/** Index of the largest of probs[offset .. offset + V) (ties: lowest index). */
export function argmaxAt(probs: ArrayLike<number>, offset: number, V: number): number {
  checkRow('argmaxAt', probs, offset, V);
  let best = 0;
  for (let v = 1; v < V; v++) if ((probs[offset + v] as number) > (probs[offset + best] as number)) best = v;
  return best;
}

/**
 * The next token from probabilities row probs[offset .. offset + V). Sampling draws exactly one
 * rng.next() (greedy none), so a seeded stream is reproducible call by call.
 */
export function sampleToken(probs: ArrayLike<number>, offset: number, V: number, options: SamplingOptions, rng: Rng): number {
  checkRow('sampleToken', probs, offset, V);
  if (options.temperature === 0) return argmaxAt(probs, offset, V);
  const order = Array.from({ length: V }, (_, v) => v);
  let kept = V;
  if (options.topK !== undefined && options.topK < V) {
    order.sort((a, b) => (probs[offset + b] as number) - (probs[offset + a] as number) || a - b);
    kept = options.topK;
  }
  let pMax = 0;
  for (let i = 0; i < kept; i++) pMax = Math.max(pMax, probs[offset + (order[i] as number)] as number);
  if (!(pMax > 0)) return order[0] as number;
  const weights = new Float64Array(kept);
  let sum = 0;
  for (let i = 0; i < kept; i++) {
    const p = probs[offset + (order[i] as number)] as number;
    weights[i] = p > 0 ? Math.exp((Math.log(p) - Math.log(pMax)) / options.temperature) : 0;
    sum += weights[i] as number;
  }
  const u = rng.next() * sum;
  let acc = 0;
  for (let i = 0; i < kept; i++) {
    acc += weights[i] as number;
    if (u < acc) return order[i] as number;
  }
  // Rounding left u at the very top: the last token with weight.
  for (let i = kept - 1; i >= 0; i--) if ((weights[i] as number) > 0) return order[i] as number;
  return order[0] as number;
}

function checkRow(where: string, probs: ArrayLike<number>, offset: number, V: number): void {
  if (!(Number.isInteger(V) && V >= 1 && Number.isInteger(offset) && offset >= 0 && offset + V <= probs.length)) {
    throw new Error(`${where}: row [${offset}, ${offset + V}) is outside the ${probs.length} probabilities`);
  }
}
