// Held-out evaluation of an encoder–decoder: the teacher-forced loss and token accuracy, and the
// exact-sequence accuracy of free-running greedy decoding (every token and the end token right),
// which is what a user of the model sees; both broken down by source length, so one run gives the whole
// "accuracy vs length" curve (Bahdanau et al. 2014, Fig. 2).
//
// Shapes: S source steps, T target steps, B batch.

import type { Seq2SeqBatch } from '../../data/batch';
import type { Generated } from '../../generate/generate';
import type { Seq2SeqModel } from './seq2seq-model';
import { BOS_ID, EOS_ID } from '../../data/vocabulary';
import { generate } from '../../generate/generate';
import type { LengthAccuracy } from '../../train/evaluation';
import { accuracy } from '../../train/metrics';

export interface Seq2SeqEvaluation {
  /** Teacher-forced mean cross-entropy over target tokens. */
  readonly loss: number;
  readonly tokenAccuracy: number;
  /** Fraction of sequences greedy decoding gets exactly right, EOS included. */
  readonly sequenceAccuracy: number;
  readonly sequences: number;
  /** The same, per source length present in the batches, shortest first. */
  readonly byLength: readonly LengthAccuracy[];
}

/** Greedy free-running decoding of every source of the batch, up to maxLength tokens (default T). */
export function greedyDecode(model: Seq2SeqModel, batch: Seq2SeqBatch, maxLength = batch.targetSteps): Generated {
  const session = model.session(batch.source, batch.sourceSteps, batch.batchSize, batch.sourceLengths);
  return generate(session, { start: BOS_ID, end: EOS_ID, maxLength, strategy: { kind: 'greedy' } });
}

/** Whether row b's generated tokens are exactly its target (y₁…yₙ EOS). */
export function matchesTarget(batch: Seq2SeqBatch, b: number, tokens: Int32Array): boolean {
  const n = batch.targetLengths[b];
  if (n === undefined) throw new Error(`matchesTarget: row ${b} is outside the batch of ${batch.batchSize} rows`);
  if (tokens.length !== n) return false;
  for (let t = 0; t < n; t++) if (tokens[t] !== batch.target[t * batch.batchSize + b]) return false;
  return true;
}

export function evaluateSeq2Seq(model: Seq2SeqModel, batches: Iterable<Seq2SeqBatch>): Seq2SeqEvaluation {
  let lossSum = 0,
    weight = 0,
    correctTokens = 0,
    exact = 0,
    sequences = 0;
  const lengths = new Map<number, { sequences: number; exact: number; correctTokens: number; tokens: number }>();
  for (const batch of batches) {
    const pass = model.forward(batch); // as evalLoss: teacher-forced, no dropout, no gradient
    const r = model.loss(batch, pass, null);
    lossSum += r.loss * r.weight;
    weight += r.weight;
    correctTokens += (r.accuracy?.value ?? 0) * (r.accuracy?.weight ?? 0);
    const { tokens } = greedyDecode(model, batch);
    tokens.forEach((t, b) => (exact += matchesTarget(batch, b, t) ? 1 : 0));
    sequences += batch.batchSize;
    for (const [length, rows] of rowsByLength(batch.sourceLengths)) {
      const tally = lengths.get(length) ?? { sequences: 0, exact: 0, correctTokens: 0, tokens: 0 };
      const tokenAccuracy = accuracy(pass.logits, batch.target, model.config.targetVocab, rowMask(batch, rows));
      tally.sequences += rows.length;
      tally.exact += rows.filter((b) => matchesTarget(batch, b, tokens[b] as Int32Array)).length;
      tally.correctTokens += tokenAccuracy.value * tokenAccuracy.weight;
      tally.tokens += tokenAccuracy.weight;
      lengths.set(length, tally);
    }
  }
  const byLength = [...lengths]
    .sort(([a], [b]) => a - b)
    .map(([length, t]) => ({
      length,
      sequences: t.sequences,
      sequenceAccuracy: t.exact / t.sequences,
      tokenAccuracy: t.tokens > 0 ? t.correctTokens / t.tokens : 0,
    }));
  return {
    loss: weight > 0 ? lossSum / weight : 0,
    tokenAccuracy: weight > 0 ? correctTokens / weight : 0,
    sequenceAccuracy: sequences > 0 ? exact / sequences : 0,
    sequences,
    byLength,
  };
}

/** The batch rows b of each source length. */
function rowsByLength(sourceLengths: Int32Array): Map<number, number[]> {
  const rows = new Map<number, number[]>();
  sourceLengths.forEach((length, b) => rows.set(length, [...(rows.get(length) ?? []), b]));
  return rows;
}

/** The target mask [T*B] (time-major, row t*B + b) kept only for the batch rows `rows`. */
function rowMask(batch: Seq2SeqBatch, rows: readonly number[]): Float32Array {
  const B = batch.batchSize;
  const keep = new Set(rows);
  return Float32Array.from(batch.targetMask, (w, n) => (keep.has(n % B) ? w : 0));
}
