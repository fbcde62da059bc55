// Held-out evaluation of an encoder–decoder: the teacher-forced loss and token accuracy, and the
// exact-sequence accuracy of free-running greedy decoding (every token and the end token right),
// which is what a user of the model sees.
//
// Shapes: S source steps, T target steps, B batch.

import type { Seq2SeqBatch } from '../data/batch';
import type { Generated } from '../generate/generate';
import type { Seq2SeqModel } from './seq2seq-model';
import { BOS_ID, EOS_ID } from '../data/vocabulary';
import { generate } from '../generate/generate';

export interface Seq2SeqEvaluation {
  /** Teacher-forced mean cross-entropy over target tokens. */
  readonly loss: number;
  readonly tokenAccuracy: number;
  /** Fraction of sequences greedy decoding gets exactly right, EOS included. */
  readonly sequenceAccuracy: number;
  readonly sequences: number;
}

/** Greedy free-running decoding of every source of the batch, up to maxLength tokens (default T). */
export function greedyDecode(model: Seq2SeqModel, batch: Seq2SeqBatch, maxLength = batch.targetSteps): Generated {
  const session = model.session(batch.source, batch.sourceSteps, batch.batchSize, batch.sourceLengths);
  return generate(session, { start: BOS_ID, end: EOS_ID, maxLength, strategy: { kind: 'greedy' } });
}

/** Whether row b's generated tokens are exactly its target (y₁…yₙ EOS). */
export function matchesTarget(batch: Seq2SeqBatch, b: number, tokens: Int32Array): boolean {
  const n = batch.targetLengths[b] as number;
  if (tokens.length !== n) return false;
  for (let t = 0; t < n; t++) if (tokens[t] !== batch.target[t * batch.batchSize + b]) return false;
  return true;
}

export function evaluateSeq2Seq(model: Seq2SeqModel, batches: Iterable<Seq2SeqBatch>): Seq2SeqEvaluation {
  let lossSum = 0, weight = 0, correctTokens = 0, exact = 0, sequences = 0;
  for (const batch of batches) {
    const r = model.evalLoss(batch);
    lossSum += r.loss * r.weight;
    weight += r.weight;
    correctTokens += (r.accuracy?.value ?? 0) * (r.accuracy?.weight ?? 0);
    const { tokens } = greedyDecode(model, batch);
    tokens.forEach((t, b) => (exact += matchesTarget(batch, b, t) ? 1 : 0));
    sequences += batch.batchSize;
  }
  return {
    loss: weight > 0 ? lossSum / weight : 0,
    tokenAccuracy: weight > 0 ? correctTokens / weight : 0,
    sequenceAccuracy: sequences > 0 ? exact / sequences : 0,
    sequences,
  };
}
