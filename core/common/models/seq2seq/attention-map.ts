// What an encoder–decoder attends to: free-running greedy decoding of a batch of sources, keeping,
// for every generated token, the attention weights over that source's steps. This is the map the app
// draws (rows: generated tokens, columns: source tokens), and each row is a probability distribution
// over the valid source steps.
//
// Shapes: S source steps, B batch, n_b tokens generated for row b (≤ maxLength), L_b = sourceLengths[b].

import type { Seq2SeqBatch } from '../../data/batch';
import type { Seq2SeqModel } from './seq2seq-model';
import { BOS_ID, EOS_ID } from '../../data/vocabulary';
import { argmaxRow } from '../../generate/pick';

export interface AttentionMap {
  /** [L_b] the source ids (tokens sources), or null for dense sources. */
  readonly source: Int32Array | null;
  readonly sourceLength: number;
  /** The reference target y₁…yₙ EOS. */
  readonly target: Int32Array;
  /** Greedy output, EOS included when reached. */
  readonly generated: Int32Array;
  /** [n_b][L_b]: weights[i][s] is how much generating token i looked at source step s; null without attention. */
  readonly weights: Float32Array[] | null;
}

export function attentionMaps(model: Seq2SeqModel, batch: Seq2SeqBatch, maxLength = batch.targetSteps): AttentionMap[] {
  const { sourceSteps: S, batchSize: B, sourceLengths } = batch;
  const session = model.session(batch.source, S, B, sourceLengths);
  const V = model.config.targetVocab;
  const input = new Int32Array(B).fill(BOS_ID);
  const generated = Array.from({ length: B }, () => [] as number[]);
  const weights = Array.from({ length: B }, () => [] as Float32Array[]);
  const finished = new Array<boolean>(B).fill(false);
  for (let n = 0; n < maxLength && finished.includes(false); n++) {
    const logits = session.step(input);
    const alpha = session.lastAttention(); // [S, B]
    for (let b = 0; b < B; b++) {
      if (finished[b]) continue;
      const id = argmaxRow(logits, b, V);
      generated[b]?.push(id);
      input[b] = id;
      if (id === EOS_ID) finished[b] = true;
      if (alpha !== null) {
        const L = sourceLengths[b]!;
        weights[b]?.push(Float32Array.from({ length: L }, (_, s) => alpha[s * B + b]!));
      }
    }
  }
  const hasAttention = model.decoder.attention !== null;
  const source = batch.source;
  return Array.from({ length: B }, (_, b) => {
    const L = sourceLengths[b]!;
    const n = batch.targetLengths[b]!;
    return {
      source: source.kind === 'tokens' ? Int32Array.from({ length: L }, (_, s) => source.ids[s * B + b]!) : null,
      sourceLength: L,
      target: Int32Array.from({ length: n }, (_, t) => batch.target[t * B + b]!),
      generated: Int32Array.from(generated[b] ?? []),
      weights: hasAttention ? (weights[b] ?? []) : null,
    };
  });
}
