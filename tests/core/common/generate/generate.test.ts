// Generation through an encoder–decoder session: streaming one token per call with the state carried
// in the session equals generating in one call (even with training in between), and equals the
// teacher-forced forward of the generated tokens; sampling at temperature → 0 equals greedy.

import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch } from '../../../../core/common/data/batch';
import type { GenerateOptions } from '../../../../core/common/generate/generate';
import type { TokenSession } from '../../../../core/common/generate/token-session';
import { TokenStream, generate } from '../../../../core/common/generate/generate';
import { BOS_ID, EOS_ID } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { randomBatch, seededModel } from '../models/seq2seq/seq2seq-helpers';

const V = 9;
function model(dtype: 'float32' | 'float64') {
  return seededModel({
    source: { kind: 'tokens', vocab: V }, targetVocab: V, dtype,
    encoder: { cell: 'lstm', hiddenSize: 4, bidirectional: true, embeddingDim: 3 },
    decoder: { cell: 'lstm', hiddenSize: 6, embeddingDim: 3 },
    attention: { size: 4 },
  }, 5);
}
const batch = randomBatch(new Rng(6), { sourceLengths: [5, 2, 4], targetLengths: [3, 4, 2], sourceVocab: V, targetVocab: V });

describe('generate and TokenStream', () => {
  it.each([
    ['greedy', { kind: 'greedy' }],
    ['sampling (τ = 1.5, top-4)', { kind: 'sample', temperature: 1.5, topK: 4 }],
  ] as const)('streaming with carried state equals one-call generation: %s', (_name, strategy) => {
    const m = model('float32');
    const opts = (seed: number): GenerateOptions => ({ start: BOS_ID, end: null, maxLength: 12, strategy, rng: new Rng(seed) });
    const oneCall = generate(m.session(batch.source, batch.sourceSteps, 3, batch.sourceLengths), opts(1));

    const stream = new TokenStream(m.session(batch.source, batch.sourceSteps, 3, batch.sourceLengths), opts(1));
    const streamed: number[][] = [[], [], []];
    let calls = 0;
    for (let ids = stream.next(); ids !== null; ids = stream.next()) {
      ids.forEach((id, b) => streamed[b]!.push(id));
      m.forward(batch, { training: true }); // the model's own buffers are reused in between: the session must not care
      calls++;
    }
    expect(calls).toBe(12);
    expect(stream.done).toBe(true);
    expect(streamed.map((t) => Int32Array.from(t))).toEqual(oneCall.tokens);
  });

  it('stops a stream at its end token and every stream at maxLength', () => {
    // A fixed session: stream 0 always prefers token 2, stream 1 token 3.
    const logits = Float32Array.from([0, 0, 5, 0, 0, 0, 0, 5]);
    const fixed: TokenSession = { batchSize: 2, vocab: 4, step: () => logits, reorder: () => undefined };
    const opts: GenerateOptions = { start: 1, end: 2, maxLength: 4, strategy: { kind: 'greedy' } };
    const r = generate(fixed, opts);
    expect(r.tokens).toEqual([Int32Array.from([2]), Int32Array.from([3, 3, 3, 3])]);
    expect(r.finished).toEqual([true, false]);
    const stream = new TokenStream(fixed, opts);
    const seen: number[][] = [];
    for (let ids = stream.next(); ids !== null; ids = stream.next()) seen.push([...ids]);
    expect(seen).toEqual([[2, 3], [-1, 3], [-1, 3], [-1, 3]]);
    expect(stream.finished).toEqual([true, false]);
    expect(() => generate(fixed, { ...opts, end: 4 })).toThrow(/end token 4 is outside 0..3/);
    expect(() => generate(fixed, { ...opts, maxLength: 0 })).toThrow(/maxLength/);
  });

  it('gives the logits the teacher-forced forward gives for the generated tokens (float64)', () => {
    const m = model('float64');
    const T = 6, B = 3;
    const session = m.session(batch.source, batch.sourceSteps, B, batch.sourceLengths);
    const stream = new TokenStream(session, { start: BOS_ID, end: null, maxLength: T, strategy: { kind: 'sample', temperature: 1 }, rng: new Rng(4) });
    const decoderInput = new Int32Array(T * B).fill(BOS_ID);
    const streamedLogits = new Float64Array(T * B * V);
    const attention = new Float64Array(T * batch.sourceSteps * B);
    for (let t = 0; t < T; t++) {
      const ids = stream.next()!;
      // the session's logits of step t are those the stream just sampled from
      streamedLogits.set(stream.logits!, t * B * V);
      attention.set(session.lastAttention()!, t * batch.sourceSteps * B);
      if (t + 1 < T) decoderInput.set(ids, (t + 1) * B);
    }
    const forced: Seq2SeqBatch = { ...batch, targetSteps: T, decoderInput, target: new Int32Array(T * B).fill(EOS_ID), targetLengths: new Int32Array(B).fill(T), targetMask: new Float32Array(T * B).fill(1) };
    const pass = m.forward(forced);
    for (let i = 0; i < streamedLogits.length; i++) expect(Math.abs(pass.logits[i]! - streamedLogits[i]!)).toBeLessThan(1e-12);
    for (let i = 0; i < attention.length; i++) expect(Math.abs(pass.attention![i]! - attention[i]!)).toBeLessThan(1e-12);
  });

  it('sampling at temperature → 0 equals greedy decoding', () => {
    const m = model('float32');
    const open = () => m.session(batch.source, batch.sourceSteps, 3, batch.sourceLengths);
    const greedy = generate(open(), { start: BOS_ID, end: EOS_ID, maxLength: 10, strategy: { kind: 'greedy' } });
    const cold = generate(open(), { start: BOS_ID, end: EOS_ID, maxLength: 10, strategy: { kind: 'sample', temperature: 1e-6 }, rng: new Rng(8) });
    expect(cold).toEqual(greedy);
  });
});
