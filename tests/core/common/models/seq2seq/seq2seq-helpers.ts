// Test helpers: small seeded seq2seq batches with chosen source and target lengths, and seeded models.

import type { Seq2SeqBatch } from '../../../../../core/common/data/batch';
import type { Seq2SeqConfig } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { Seq2SeqModel } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { initialiseSeq2Seq } from '../../../../../core/common/models/seq2seq/init';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { Rng } from '../../../../../core/common/random/rng';

/**
 * Random tokens (ids ≥ 4, past the reserved ones) with the given lengths, padded with 0, laid out as
 * collate does: decoderInput = BOS y…, target = y… EOS.
 * @param sourceFeatures when set, a dense source [S, B, F] instead of tokens
 */
export function randomBatch(
  rng: Rng,
  opts: { sourceLengths: number[]; targetLengths: number[]; sourceVocab: number; targetVocab: number; sourceFeatures?: number | undefined },
): Seq2SeqBatch {
  const B = opts.sourceLengths.length;
  const S = Math.max(...opts.sourceLengths),
    T = Math.max(...opts.targetLengths);
  const decoderInput = new Int32Array(T * B),
    target = new Int32Array(T * B),
    targetMask = new Float32Array(T * B);
  for (let b = 0; b < B; b++) {
    const n = opts.targetLengths[b]!;
    const ys = Array.from({ length: n - 1 }, () => 4 + rng.int(opts.targetVocab - 4));
    [BOS_ID, ...ys].forEach((y, t) => (decoderInput[t * B + b] = y));
    [...ys, EOS_ID].forEach((y, t) => {
      target[t * B + b] = y;
      targetMask[t * B + b] = 1;
    });
  }
  const F = opts.sourceFeatures;
  let source: Seq2SeqBatch['source'];
  if (F === undefined) {
    const ids = new Int32Array(S * B);
    for (let b = 0; b < B; b++) for (let s = 0; s < opts.sourceLengths[b]!; s++) ids[s * B + b] = 4 + rng.int(opts.sourceVocab - 4);
    source = { kind: 'tokens', vocab: opts.sourceVocab, ids };
  } else {
    const x = new Float32Array(S * B * F);
    for (let b = 0; b < B; b++) for (let s = 0; s < opts.sourceLengths[b]!; s++) for (let j = 0; j < F; j++) x[(s * B + b) * F + j] = rng.uniform(-1, 1);
    source = { kind: 'dense', features: F, x };
  }
  return {
    kind: 'seq2seq',
    sourceSteps: S,
    targetSteps: T,
    batchSize: B,
    source,
    sourceLengths: Int32Array.from(opts.sourceLengths),
    targetVocab: opts.targetVocab,
    decoderInput,
    target,
    targetLengths: Int32Array.from(opts.targetLengths),
    targetMask,
  };
}

export function seededModel(config: Seq2SeqConfig, seed: number): Seq2SeqModel {
  const model = new Seq2SeqModel(config);
  initialiseSeq2Seq(model, new Rng(seed));
  return model;
}
