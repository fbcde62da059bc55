// Generation through an encoder–decoder session: stepping the session one token per call with the state carried
// in it equals generating in one call (even with training in between), and equals the teacher-forced forward of
// the generated tokens; sampling at temperature → 0 equals greedy.

import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch } from '../../../../core/common/data/batch';
import type { GenerateOptions } from '../../../../core/common/generate/generate';
import type { TokenSession } from '../../../../core/common/generate/token-session';
import { generate } from '../../../../core/common/generate/generate';
import { PickScratch, pickToken } from '../../../../core/common/generate/pick';
import { BOS_ID, EOS_ID } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { randomBatch, seededModel } from '../models/seq2seq/seq2seq-helpers';

const V = 9;
function model(dtype: 'float32' | 'float64') {
  return seededModel(
    {
      source: { kind: 'tokens', vocab: V },
      targetVocab: V,
      dtype,
      encoder: { cell: 'lstm', hiddenSize: 4, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'lstm', hiddenSize: 6, embeddingDim: 3 },
      attention: { size: 4 },
    },
    5,
  );
}
const batch = randomBatch(new Rng(6), { sourceLengths: [5, 2, 4], targetLengths: [3, 4, 2], sourceVocab: V, targetVocab: V });

/** Steps `session` one token per call for `steps` calls, picking as `generate` does; `between` runs after each call. */
function stepByStep(session: TokenSession, steps: number, strategy: GenerateOptions['strategy'], rng: Rng, between: () => void = () => undefined) {
  const B = session.batchSize;
  const input = new Int32Array(B).fill(BOS_ID);
  const scratch = new PickScratch(session.vocab);
  const tokens: number[][] = Array.from({ length: B }, () => []);
  const logits: Float64Array[] = [];
  for (let t = 0; t < steps; t++) {
    const stepLogits = session.step(input);
    logits.push(Float64Array.from(stepLogits));
    for (let b = 0; b < B; b++) {
      input[b] = pickToken(stepLogits, b, session.vocab, strategy, rng, scratch);
      tokens[b]!.push(input[b]!);
    }
    between();
  }
  return { tokens: tokens.map((t) => Int32Array.from(t)), logits };
}

describe('generate', () => {
  it.each([
    ['greedy', { kind: 'greedy' }],
    ['sampling (τ = 1.5, top-4)', { kind: 'sample', temperature: 1.5, topK: 4 }],
  ] as const)('equals stepping the session one token per call with the state carried, training in between: %s', (_name, strategy) => {
    const m = model('float32');
    const oneCall = generate(m.session(batch.source, batch.sourceSteps, 3, batch.sourceLengths), {
      start: BOS_ID,
      end: null,
      maxLength: 12,
      strategy,
      rng: new Rng(1),
    });
    // the model's own buffers are reused in between: the session must not care
    const stepped = stepByStep(m.session(batch.source, batch.sourceSteps, 3, batch.sourceLengths), 12, strategy, new Rng(1), () =>
      m.forward(batch, { training: true }),
    );
    expect(stepped.tokens).toEqual(oneCall.tokens);
  });

  it('stops a stream at its end token and every stream at maxLength', () => {
    // A fixed session: stream 0 always prefers token 2, stream 1 token 3.
    const logits = Float32Array.from([0, 0, 5, 0, 0, 0, 0, 5]);
    const fixed: TokenSession = { batchSize: 2, vocab: 4, step: () => logits, reorder: () => undefined };
    const opts: GenerateOptions = { start: 1, end: 2, maxLength: 4, strategy: { kind: 'greedy' } };
    const r = generate(fixed, opts);
    expect(r.tokens).toEqual([Int32Array.from([2]), Int32Array.from([3, 3, 3, 3])]);
    expect(r.finished).toEqual([true, false]);
    expect(() => generate(fixed, { ...opts, end: 4 })).toThrow(/end token 4 is outside 0..3/);
    expect(() => generate(fixed, { ...opts, maxLength: 0 })).toThrow(/maxLength/);
  });

  it('gives the logits the teacher-forced forward gives for the generated tokens (float64)', () => {
    const m = model('float64');
    const T = 6,
      B = 3;
    const session = m.session(batch.source, batch.sourceSteps, B, batch.sourceLengths);
    const attention = new Float64Array(T * batch.sourceSteps * B);
    let t = 0;
    const stepped = stepByStep(session, T, { kind: 'sample', temperature: 1 }, new Rng(4), () =>
      attention.set(session.lastAttention()!, t++ * batch.sourceSteps * B),
    );
    const decoderInput = new Int32Array(T * B).fill(BOS_ID);
    for (let step = 0; step + 1 < T; step++) for (let b = 0; b < B; b++) decoderInput[(step + 1) * B + b] = stepped.tokens[b]![step]!;
    const streamedLogits = new Float64Array(T * B * V);
    stepped.logits.forEach((logits, step) => streamedLogits.set(logits, step * B * V));
    const forced: Seq2SeqBatch = {
      ...batch,
      targetSteps: T,
      decoderInput,
      target: new Int32Array(T * B).fill(EOS_ID),
      targetLengths: new Int32Array(B).fill(T),
      targetMask: new Float32Array(T * B).fill(1),
    };
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
