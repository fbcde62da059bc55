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

import type { AsyncTokenSession, TokenSession } from './token-session';

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
  const search = new BeamSearch(session.batchSize, session.vocab, opts);
  while (!search.done) session.reorder(search.advance(session.step(search.input)));
  return search.results();
}

/** beamSearch over a session whose steps are asynchronous (an exported decoder step in onnxruntime). */
export async function beamSearchAsync(session: AsyncTokenSession, opts: BeamSearchOptions): Promise<Hypothesis[][]> {
  const search = new BeamSearch(session.batchSize, session.vocab, opts);
  while (!search.done) session.reorder(search.advance(await session.step(search.input)));
  return search.results();
}

/**
 * The search itself, one step at a time, apart from how the logits are computed: feed `input` to the
 * session, pass its logits to `advance`, and continue each stream from the state of the stream `advance`
 * names (session.reorder), until `done`.
 */
export class BeamSearch {
  /** [B] the token each stream reads next. */
  readonly input: Int32Array;
  private readonly K: number;
  private readonly N: number;
  private readonly G: number;
  private readonly V: number;
  private readonly B: number;
  private readonly end: number;
  private readonly alpha: number;
  /** [B, N] tokens of every live beam */
  private readonly history: Int32Array;
  private readonly scratchHistory: Int32Array;
  private readonly logP: Float64Array;
  private readonly nextLogP: Float64Array;
  private readonly parents: Int32Array;
  private readonly candScore: Float64Array;
  private readonly candOrder: Int32Array;
  private readonly logSoftmax: Float64Array;
  private readonly found: Hypothesis[][];
  private readonly active: boolean[];
  private length = 0;

  constructor(B: number, V: number, opts: BeamSearchOptions) {
    const { beamWidth: K, start, end, maxLength: N } = opts;
    const alpha = opts.lengthPenalty ?? 1;
    if (!(Number.isInteger(K) && K >= 1 && B % K === 0)) throw new Error(`beamSearch: beamWidth must be an integer >= 1 dividing the ${B} streams, got ${K}`);
    if (!(Number.isInteger(N) && N >= 1)) throw new Error(`beamSearch: maxLength must be an integer >= 1, got ${N}`);
    for (const [name, id] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new Error(`beamSearch: ${name} token ${id} is outside 0..${V - 1}`);
    }
    if (!(alpha >= 0 && Number.isFinite(alpha))) throw new Error(`beamSearch: lengthPenalty must be >= 0, got ${alpha}`);
    this.K = K;
    this.N = N;
    this.B = B;
    this.V = V;
    this.G = B / K;
    this.end = end;
    this.alpha = alpha;
    this.history = new Int32Array(B * N);
    this.scratchHistory = new Int32Array(B * N);
    this.logP = new Float64Array(B).fill(-Infinity);
    for (let g = 0; g < this.G; g++) this.logP[g * K] = 0; // one live beam per search at first, so no duplicates
    this.nextLogP = new Float64Array(B);
    this.input = new Int32Array(B).fill(start);
    this.parents = new Int32Array(B);
    this.candScore = new Float64Array(K * V);
    this.candOrder = new Int32Array(K * V);
    this.logSoftmax = new Float64Array(V);
    this.found = Array.from({ length: this.G }, () => []);
    this.active = new Array<boolean>(this.G).fill(true);
  }

  /** Whether every search has finished (K hypotheses ended, or none left alive) or maxLength is reached. */
  get done(): boolean {
    return this.length >= this.N || !this.active.includes(true);
  }

  /**
   * One step: every live beam's extensions ranked by log p, each search's best K kept.
   * @param logits [B, V] of the step that read `input`
   * @returns parents [B]: stream r continues from the state stream parents[r] had (valid until the next call)
   */
  advance(logits: ArrayLike<number>): Int32Array {
    const { K, V, B, N, G, end, length, logP, nextLogP, parents, input, candScore, candOrder, logSoftmax } = this;
    if (this.done) throw new Error('BeamSearch.advance: the search is done');
    if (logits.length !== B * V) throw new Error(`BeamSearch.advance: logits must be [B, V] = [${B}, ${V}], got ${logits.length} values`);
    for (let r = 0; r < B; r++) parents[r] = r;
    nextLogP.set(logP);
    for (let g = 0; g < G; g++) {
      if (!this.active[g]) continue;
      // Every extension of every live beam of this search.
      for (let k = 0; k < K; k++) {
        const r = g * K + k;
        const base = logP[r]!;
        if (base === -Infinity) {
          candScore.fill(-Infinity, k * V, (k + 1) * V);
          continue;
        }
        logSoftmaxRow(logits, r, V, logSoftmax);
        for (let v = 0; v < V; v++) candScore[k * V + v] = base + logSoftmax[v]!;
      }
      for (let i = 0; i < K * V; i++) candOrder[i] = i;
      candOrder.sort((a, b) => candScore[b]! - candScore[a]! || a - b);
      let live = 0;
      for (let rank = 0; rank < K * V && live < K; rank++) {
        const c = candOrder[rank]!;
        const lp = candScore[c]!;
        if (lp === -Infinity) break;
        const k = Math.floor(c / V),
          v = c % V,
          r = g * K + k;
        if (v === end) {
          if (rank < K) this.found[g]?.push(hypothesis(this.history, r, N, length, v, lp, this.score(lp, length + 1), true));
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
      if ((this.found[g]?.length ?? 0) >= K || live === 0) this.active[g] = false;
    }
    // Each beam continues its parent's history, then appends its new token.
    this.scratchHistory.set(this.history);
    for (let r = 0; r < B; r++) {
      const p = parents[r]!;
      this.history.set(this.scratchHistory.subarray(p * N, p * N + length), r * N);
      this.history[r * N + length] = input[r]!;
    }
    logP.set(nextLogP);
    this.length++;
    return parents;
  }

  /** Per search, up to K hypotheses, best score first; searches cut off by maxLength add their live beams, unfinished. */
  results(): Hypothesis[][] {
    const { K, N, G, logP, length } = this;
    const results = this.found.map((hs) => hs.slice());
    for (let g = 0; g < G; g++) {
      if (!this.active[g]) continue;
      for (let k = 0; k < K; k++) {
        const r = g * K + k;
        const lp = logP[r]!;
        if (lp !== -Infinity)
          results[g]?.push({ tokens: this.history.slice(r * N, r * N + length), logProb: lp, score: this.score(lp, length), finished: false });
      }
    }
    return results.map((hs) => hs.sort((a, b) => b.score - a.score).slice(0, K));
  }

  private score(logProb: number, length: number): number {
    return logProb / length ** this.alpha;
  }
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
  for (let v = 0; v < V; v++) max = Math.max(max, logits[r * V + v]!);
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp(logits[r * V + v]! - max);
  const lse = max + Math.log(sum);
  for (let v = 0; v < V; v++) out[v] = logits[r * V + v]! - lse;
}
