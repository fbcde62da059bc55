// Issue 7 on a trained encoder–decoder: a biLSTM → LSTM with additive attention, trained 300 steps on
// `reverse-string` (lengths 3–8, alphabet 8) with DecoderTrainer, generates in onnxruntime — encoder
// graph once, decoder-step graph per token — exactly the greedy outputs SeqLab generates, on 64
// held-out strings of varied lengths, with the same attention rows; every step's logits within 1e-5.

import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch } from '../../../../../core/common/data/batch';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { compareSeq2SeqTrace, seq2seqTrace } from '../../../../../core/common/onnx/seq2seq/seq2seq-parity';
import type { Seq2SeqParitySource } from '../../../../../core/common/onnx/seq2seq/seq2seq-parity';
import { describeWorst } from '../../../../../core/common/onnx/parity-criterion';
import { Rng } from '../../../../../core/common/random/rng';
import { DecoderTrainer } from '../../../../../core/common/models/decoder/decoder-trainer';
import { matchesTarget } from '../../../../../core/common/models/seq2seq/evaluate';
import { initialiseSeq2Seq } from '../../../../../core/common/models/seq2seq/init';
import { Seq2SeqModel } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { createTask } from '../../../../../core/common/tasks/registry';
import { Adam } from '../../../../../core/common/train/optim/adam';
import { stepDecay } from '../../../../../core/common/train/schedules';
import { generateWithOnnx } from '../../../../../core/node/models/seq2seq/seq2seq-onnx-generate';
import { openPair, seqlabGenerate } from './seq2seq-onnx-helpers';

const ALPHABET = 8;
const STEPS = 300;

function sourceOf(batch: Seq2SeqBatch): Seq2SeqParitySource {
  if (batch.source.kind !== 'tokens') throw new Error('reverse-string has token sources');
  return { input: { kind: 'tokens', ids: batch.source.ids }, S: batch.sourceSteps, B: batch.batchSize, lengths: batch.sourceLengths };
}

describe('a seq2seq model trained on reverse-string, exported to ONNX', () => {
  it('generates the same greedy outputs in onnxruntime as in SeqLab', async () => {
    const task = createTask('reverse-string', { alphabet: ALPHABET, minLength: 3, maxLength: 8 });
    if (!task.ok) throw new Error('reverse-string parameters');
    const V = 4 + ALPHABET;
    const model = new Seq2SeqModel({
      source: { kind: 'tokens', vocab: V },
      targetVocab: V,
      encoder: { cell: 'lstm', hiddenSize: 16, bidirectional: true, embeddingDim: 8 },
      decoder: { cell: 'lstm', hiddenSize: 32, embeddingDim: 8 },
      attention: { size: 16 },
    });
    initialiseSeq2Seq(model, new Rng(3));
    const trainer = new DecoderTrainer({ model, optimizer: new Adam({}), schedule: stepDecay(1e-2, 240, 0.1), clip: { kind: 'norm', max: 1 } });
    const data = new Rng(5);
    for (let step = 0; step < STEPS; step++) trainer.step(task.value.batch(data, 16, 'train') as Seq2SeqBatch, step);

    const held = task.value.batch(new Rng(77), 64, 'test') as Seq2SeqBatch;
    const source = sourceOf(held);
    expect(new Set(held.sourceLengths).size).toBeGreaterThan(3); // varied lengths in one batch
    const opts = { start: BOS_ID, end: EOS_ID, maxLength: held.targetSteps + 2, strategy: { kind: 'greedy' } as const };
    const ours = seqlabGenerate(model, source, opts);
    // Trained, not merely initialised: most reversals are already exactly right.
    const exact = ours.tokens.filter((t, b) => matchesTarget(held, b, t)).length;
    expect(exact / held.batchSize).toBeGreaterThan(0.5);

    const pair = await openPair(model);
    try {
      const onnx = await generateWithOnnx(pair, source, opts);
      expect(onnx.tokens.map((t) => Array.from(t))).toEqual(ours.tokens.map((t) => Array.from(t)));
      expect(onnx.finished).toEqual(ours.finished);

      // The attention rows the loop returns are SeqLab's, and step by step everything is within 1e-5.
      const expected = seq2seqTrace(model, source, opts.maxLength);
      const actual = await pair.trace(source, expected.tokens);
      const result = compareSeq2SeqTrace({ name: 'reverse', source, variableLengths: true, expected }, actual);
      const largest = expected.steps.reduce((m, st) => st.logits.reduce((a, z) => Math.max(a, Math.abs(z)), m), 0);
      console.log(
        `reverse-string: ${exact}/${held.batchSize} exact; max|logit| ${largest.toFixed(1)}; max|Δ| ${result.maxAbsDiff.toExponential(2)}; closest to its bound: ${describeWorst(result.outputs)}`,
      );
      expect(result.pass).toBe(true);
      const S = source.S;
      for (let b = 0; b < source.B; b++) {
        const rows = onnx.attention?.[b] as Float32Array;
        const n = onnx.tokens[b]?.length ?? 0;
        expect(rows.length).toBe(n * S);
        for (let t = 0; t < n; t++) {
          const want = expected.steps[t]?.attention?.subarray(b * S, (b + 1) * S) as Float32Array;
          for (let s = 0; s < S; s++) expect(Math.abs((rows[t * S + s] as number) - (want[s] as number))).toBeLessThanOrEqual(1e-5);
        }
      }
    } finally {
      await pair.close();
    }
  }, 180_000);
});
