// Beam search: width 1 is greedy decoding; results are ranked by non-increasing length-normalised
// log-probability, and each score is the model's own log-probability of its tokens; on a small
// Markov chain it finds the most likely sequence that greedy decoding misses; searches side by side
// in one session equal searches one at a time.

import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch } from '../../../../core/common/data/batch';
import type { TokenSession } from '../../../../core/common/generate/token-session';
import { beamSearch } from '../../../../core/common/generate/beam-search';
import { generate } from '../../../../core/common/generate/generate';
import { BOS_ID, EOS_ID } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { randomBatch, seededModel } from '../models/seq2seq/seq2seq-helpers';

const V = 8;
function model(dtype: 'float32' | 'float64' = 'float32') {
  const m = seededModel(
    {
      source: { kind: 'tokens', vocab: V },
      targetVocab: V,
      dtype,
      encoder: { cell: 'gru', hiddenSize: 4, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'gru', hiddenSize: 5, embeddingDim: 3 },
      attention: { size: 4 },
    },
    12,
  );
  // Make EOS likely enough that hypotheses finish at different lengths.
  m.decoder.head.bias!.data[EOS_ID] = 1.5;
  return m;
}
const batch = randomBatch(new Rng(13), { sourceLengths: [5, 3, 4, 1], targetLengths: [2, 2, 2, 2], sourceVocab: V, targetVocab: V });
const S = batch.sourceSteps,
  B = batch.batchSize;

describe('beamSearch', () => {
  it('with width 1 equals greedy decoding', () => {
    const m = model();
    for (const maxLength of [1, 3, 12]) {
      const greedy = generate(m.session(batch.source, S, B, batch.sourceLengths), { start: BOS_ID, end: EOS_ID, maxLength, strategy: { kind: 'greedy' } });
      const beams = beamSearch(m.session(batch.source, S, B, batch.sourceLengths, 1), { beamWidth: 1, start: BOS_ID, end: EOS_ID, maxLength });
      expect(beams.map((hs) => hs[0]!.tokens)).toEqual(greedy.tokens);
      expect(beams.map((hs) => hs[0]!.finished)).toEqual(greedy.finished);
    }
  });

  it.each([0, 0.6, 1])("ranks by non-increasing log p / |y|^α, each the model's own log-probability (α = %s)", (alpha) => {
    const m = model('float64');
    const K = 4,
      N = 6;
    const results = beamSearch(m.session(batch.source, S, B, batch.sourceLengths, K), {
      beamWidth: K,
      start: BOS_ID,
      end: EOS_ID,
      maxLength: N,
      lengthPenalty: alpha,
    });
    expect(results.length).toBe(B);
    for (const [b, hs] of results.entries()) {
      expect(hs.length).toBe(K);
      for (let i = 1; i < hs.length; i++) expect(hs[i]!.score).toBeLessThanOrEqual(hs[i - 1]!.score);
      for (const h of hs) {
        expect(h.score).toBeCloseTo(h.logProb / h.tokens.length ** alpha, 12);
        expect(h.finished).toBe(h.tokens[h.tokens.length - 1] === EOS_ID);
        if (!h.finished) expect(h.tokens.length).toBe(N);
        expect(h.logProb).toBeCloseTo(teacherForcedLogProb(m, b, h.tokens), 10);
      }
      const keys = hs.map((h) => h.tokens.join(','));
      expect(new Set(keys).size).toBe(keys.length); // no duplicates
    }
  });

  it('finds the most likely sequence of a Markov chain where greedy decoding does not', () => {
    // ids: 0 BOS, 1 EOS, 2 a, 3 b.  p(a | BOS) = 0.6, p(b | BOS) = 0.4;
    // after a: EOS 0.3, a 0.35, b 0.35;  after b: EOS 0.9, a 0.05, b 0.05.
    const table: Record<number, number[]> = { 0: [0, 0, 0.6, 0.4], 2: [0, 0.3, 0.35, 0.35], 3: [0, 0.9, 0.05, 0.05] };
    const chain = (K: number): TokenSession => {
      let last = new Int32Array(K);
      const logits = new Float64Array(K * 4);
      return {
        batchSize: K,
        vocab: 4,
        step(ids) {
          last = Int32Array.from(ids);
          last.forEach((id, k) => table[id]!.forEach((p, v) => (logits[k * 4 + v] = Math.log(p))));
          return logits;
        },
        reorder(parents) {
          last = Int32Array.from(parents, (p) => last[p]!);
        },
      };
    };
    const greedy = generate(chain(1), { start: 0, end: 1, maxLength: 3, strategy: { kind: 'greedy' } });
    expect([...greedy.tokens[0]!]).toEqual([2, 2, 2]); // a a a: never the best
    const [best] = beamSearch(chain(2), { beamWidth: 2, start: 0, end: 1, maxLength: 3, lengthPenalty: 0 });
    expect([...best![0]!.tokens]).toEqual([3, 1]); // b EOS, p = 0.36
    expect(best![0]!.logProb).toBeCloseTo(Math.log(0.36), 12);
    expect([...best![1]!.tokens]).toEqual([2, 3, 1]); // a b EOS, p = 0.189 (a EOS: 0.18)
    expect(best![1]!.logProb).toBeCloseTo(Math.log(0.6 * 0.35 * 0.9), 12);
  });

  it('runs several searches side by side exactly as one at a time', () => {
    const m = model();
    const K = 3;
    const together = beamSearch(m.session(batch.source, S, B, batch.sourceLengths, K), { beamWidth: K, start: BOS_ID, end: EOS_ID, maxLength: 7 });
    for (let b = 0; b < B; b++) {
      const one: Seq2SeqBatch = rowOf(batch, b);
      const [alone] = beamSearch(m.session(one.source, one.sourceSteps, 1, one.sourceLengths, K), { beamWidth: K, start: BOS_ID, end: EOS_ID, maxLength: 7 });
      expect(alone!.map((h) => [...h.tokens])).toEqual(together[b]!.map((h) => [...h.tokens]));
      alone!.forEach((h, i) => expect(h.score).toBeCloseTo(together[b]![i]!.score, 5));
    }
  });

  it('checks its arguments, and a session refuses to mix beams of different sources', () => {
    const m = model();
    const session = m.session(batch.source, S, B, batch.sourceLengths, 2);
    expect(() => beamSearch(session, { beamWidth: 3, start: BOS_ID, end: EOS_ID, maxLength: 4 })).toThrow(/dividing the 8 streams/);
    expect(() => beamSearch(session, { beamWidth: 2, start: BOS_ID, end: V, maxLength: 4 })).toThrow(/end token/);
    expect(() => session.reorder(Int32Array.from([1, 1, 2, 2, 5, 4, 6, 6]))).not.toThrow();
    expect(() => session.reorder(Int32Array.from([2, 0, 2, 3, 4, 5, 6, 7]))).toThrow(/attends to another source/);
  });
});

/** Σ_t log softmax(logits_t)[y_t] of source b's tokens, by the teacher-forced forward. */
function teacherForcedLogProb(m: ReturnType<typeof model>, b: number, tokens: Int32Array): number {
  const one = rowOf(batch, b);
  const T = tokens.length;
  const decoderInput = Int32Array.from({ length: T }, (_, t) => (t === 0 ? BOS_ID : tokens[t - 1]!));
  const pass = m.forward({
    ...one,
    targetSteps: T,
    decoderInput,
    target: tokens,
    targetLengths: Int32Array.from([T]),
    targetMask: new Float32Array(T).fill(1),
  });
  let sum = 0;
  for (let t = 0; t < T; t++) {
    const row = Array.from(pass.logits.subarray(t * V, (t + 1) * V));
    const max = Math.max(...row);
    sum += row[tokens[t]!]! - max - Math.log(row.reduce((s, z) => s + Math.exp(z - max), 0));
  }
  return sum;
}

/** Batch row b alone (its source, all S steps; targets unused). */
function rowOf(full: Seq2SeqBatch, b: number): Seq2SeqBatch {
  const src = full.source;
  if (src.kind !== 'tokens') throw new Error('token sources only');
  const ids = Int32Array.from({ length: full.sourceSteps }, (_, s) => src.ids[s * full.batchSize + b]!);
  return {
    ...full,
    batchSize: 1,
    source: { ...src, ids },
    sourceLengths: Int32Array.from([full.sourceLengths[b]!]),
    targetSteps: 1,
    decoderInput: Int32Array.from([BOS_ID]),
    target: Int32Array.from([EOS_ID]),
    targetLengths: Int32Array.from([1]),
    targetMask: Float32Array.from([1]),
  };
}
