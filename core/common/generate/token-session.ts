// What autoregressive generation needs from a model: B streams that each take one token and return the
// next token's logits, with the recurrent state carried inside between calls. Greedy, sampling, beam
// search and streaming all drive a model through this interface only.
//
// Shapes: B streams, V vocabulary.

import type { FloatArray } from '../nn/param';

export interface TokenSession {
  /** B */
  readonly batchSize: number;
  /** V */
  readonly vocab: number;
  /**
   * Feeds one token to every stream and advances its state.
   * @param ids [B]
   * @returns logits [B, V] of the next token, valid until the next call
   */
  step(ids: Int32Array): FloatArray;
  /**
   * Stream i continues from the state stream parents[i] had (beam search keeps the best extensions).
   * @param parents [B]
   */
  reorder(parents: Int32Array): void;
}

/** A TokenSession whose steps are asynchronous (e.g. an exported decoder step run by onnxruntime). */
export interface AsyncTokenSession {
  readonly batchSize: number;
  readonly vocab: number;
  /** @param ids [B]  @returns logits [B, V] of the next token, valid until the next call */
  step(ids: Int32Array): Promise<FloatArray>;
  /** @param parents [B] */
  reorder(parents: Int32Array): void;
}
