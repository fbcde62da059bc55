// Beam search over a TokenSession: keep the K most likely partial sequences, extend each by every
// token, keep the K best extensions (Graves 2012; Sutskever et al. 2014), and rank the finished ones
// by length-normalised log-probability (Wu et al. 2016 use a similar length penalty):
//
//   score(y) = log p(y) / |y|^α        |y| counts the end token;  α = 1: mean log-probability per token
//
// The session holds G independent searches of K streams each (stream r belongs to search ⌊r / K⌋,
// e.g. G sources each repeated K times). Per step, among each search's candidates ranked by log p
// (ties: lower beam, then lower id): an end token ranked within the first K finishes a hypothesis;
// the first K others continue. A search stops once it has K finished hypotheses, or at maxLength,
// where its live beams join the results unfinished. With K = 1 this is exactly greedy decoding.
//
// Shapes: G searches, K beams, B = G*K streams, V vocabulary, N = maxLength.

import type { TokenSession } from './token-session';

export interface BeamSearchOptions {
  /** K ≥ 1 */
  readonly beamWidth: number;
  /** The first input of every beam (BOS). */
  readonly start: number;
  readonly end: number;
  /** At most this many tokens per hypothesis, the end token included. */
  readonly maxLength: number;
  /** α in log p / |y|^α (default 1; 0 ranks by raw log-probability). */
  readonly lengthPenalty?: number;
}

export interface Hypothesis {
  /** The tokens, the end token included when finished. */
  readonly tokens: Int32Array;
  /** Σ log p of the tokens (natural log). */
  readonly logProb: number;
  /** logProb / |tokens|^α, by which results are ranked. */
  readonly score: number;
  readonly finished: boolean;
}

/**
 * Runs G = B / K searches side by side.
 * @returns per search, up to K hypotheses, best score first (non-increasing)
 */
export function beamSearch(session: TokenSession, opts: BeamSearchOptions): Hypothesis[][] {
  const { beamWidth: K, start, end, maxLength: N } = opts;
  const alpha = opts.lengthPenalty ?? 1;
  const B = session.batchSize, V = session.vocab;
  if (!(Number.isInteger(K) && K >= 1 && B % K === 0)) throw new Error(`beamSearch: beamWidth must be an integer >= 1 dividing the ${B} streams, got ${K}`);
  if (!(Number.isInteger(N) && N >= 1)) throw new Error(`beamSearch: maxLength must be an integer >= 1, got ${N}`);
  for (const [name, id] of [['start', start], ['end', end]] as const) {
    if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new Error(`beamSearch: ${name} token ${id} is outside 0..${V - 1}`);
  }
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new Error(`beamSearch: lengthPenalty must be >= 0, got ${alpha}`);
  const G = B / K;
  const score = (logProb: number, length: number): number => logProb / length ** alpha;

  const history = new Int32Array(B * N); // [B, N] tokens of every live beam
  const scratchHistory = new Int32Array(B * N);
  const logP = new Float64Array(B).fill(-Infinity);
  for (let g = 0; g < G; g++) logP[g * K] = 0; // one live beam per search at first, so no duplicates
  const input = new Int32Array(B).fill(start);
  const parents = Int32Array.from({ length: B }, (_, r) => r);
  const candScore = new Float64Array(K * V);
  const candOrder = new Int32Array(K * V);
  const results: Hypothesis[][] = Array.from({ length: G }, () => []);
  const active = new Array<boolean>(G).fill(true);
  const logSoftmax = new Float64Array(V);
  const nextLogP = new Float64Array(B);

  let length = 0;
  for (; length < N && active.includes(true); length++) {
    const logits = session.step(input);
    nextLogP.set(logP);
    for (let g = 0; g < G; g++) {
      if (!active[g]) continue;
      // Every extension of every live beam of this search.
      for (let k = 0; k < K; k++) {
        const r = g * K + k;
        const base = logP[r] as number;
        if (base === -Infinity) {
          candScore.fill(-Infinity, k * V, (k + 1) * V);
          continue;
        }
        logSoftmaxRow(logits, r, V, logSoftmax);
        for (let v = 0; v < V; v++) candScore[k * V + v] = base + (logSoftmax[v] as number);
      }
      for (let i = 0; i < K * V; i++) candOrder[i] = i;
      candOrder.sort((a, b) => (candScore[b] as number) - (candScore[a] as number) || a - b);
      let live = 0;
      for (let rank = 0; rank < K * V && live < K; rank++) {
        const c = candOrder[rank] as number;
        const lp = candScore[c] as number;
        if (lp === -Infinity) break;
        const k = Math.floor(c / V), v = c % V, r = g * K + k;
        if (v === end) {
          if (rank < K) results[g]?.push(hypothesis(history, r, N, length, v, lp, score(lp, length + 1), true));
          continue;
        }
        const dst = g * K + live++;
        parents[dst] = r;
        nextLogP[dst] = lp;
        input[dst] = v;
      }
      for (let k = live; k < K; k++) {
        parents[g * K + k] = g * K; // unused beam: any row of the search, never extended
        nextLogP[g * K + k] = -Infinity;
      }
      if ((results[g]?.length ?? 0) >= K || live === 0) active[g] = false;
    }
    // Continue each beam from its parent's state and history, then append its new token.
    session.reorder(parents);
    scratchHistory.set(history);
    for (let r = 0; r < B; r++) {
      const p = parents[r] as number;
      history.set(scratchHistory.subarray(p * N, p * N + length), r * N);
      history[r * N + length] = input[r] as number;
      parents[r] = r;
    }
    logP.set(nextLogP);
  }
  // Searches cut off by maxLength: their live beams are results too, unfinished.
  for (let g = 0; g < G; g++) {
    if (!active[g]) continue;
    for (let k = 0; k < K; k++) {
      const r = g * K + k;
      const lp = logP[r] as number;
      if (lp !== -Infinity) results[g]?.push({ tokens: history.slice(r * N, r * N + length), logProb: lp, score: score(lp, length), finished: false });
    }
  }
  return results.map((hs) => hs.sort((a, b) => b.score - a.score).slice(0, K));
}

/** The hypothesis of beam r's first `length` tokens followed by token v. */
function hypothesis(history: Int32Array, r: number, N: number, length: number, v: number, logProb: number, score: number, finished: boolean): Hypothesis {
  const tokens = new Int32Array(length + 1);
  tokens.set(history.subarray(r * N, r * N + length));
  tokens[length] = v;
  return { tokens, logProb, score, finished };
}

/** out[v] = z_v − logsumexp(z) of row r, in float64. */
function logSoftmaxRow(logits: ArrayLike<number>, r: number, V: number, out: Float64Array): void {
  let max = -Infinity;
  for (let v = 0; v < V; v++) max = Math.max(max, logits[r * V + v] as number);
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp((logits[r * V + v] as number) - max);
  const lse = max + Math.log(sum);
  for (let v = 0; v < V; v++) out[v] = (logits[r * V + v] as number) - lse;
}
