// Free-running generation from a one-to-many model: the condition sets the state, then every step reads
// what the previous one wrote — values fed back as they are (the first step reads zeros, as in
// training), or tokens picked from the logits (the first step reads a start token; greedy or sampled,
// through `generate`). The exported pair is unrolled the same way in onnxruntime (core/node/models/
// conditioned-onnx-unroll.ts), so both give the same sequence up to float32 rounding.
//
// Shapes: T steps, B streams, O values per step (V logits for token decoders).

import type { Condition } from '../../data/batch';
import type { DecodingStrategy } from '../../generate/pick';
import type { Rng } from '../../random/rng';
import { generate } from '../../generate/generate';
import type { ConditionedModel } from './conditioned-model';

export interface UnrollOptions {
  /** T: steps to write (token decoders stop a stream early at the end token). */
  readonly length: number;
  /** Token decoders: the first token, the end token (null: none) and how each next token is picked. */
  readonly tokens?: { readonly start: number; readonly end: number | null; readonly strategy: DecodingStrategy; readonly rng?: Rng };
}

export type Unrolled =
  | {
      readonly kind: 'values';
      readonly steps: number;
      /** O */
      readonly outputs: number;
      /** [T, B, O] time-major */
      readonly values: Float32Array;
    }
  | {
      readonly kind: 'tokens';
      /** Per stream, the tokens written (the end token included when reached). */
      readonly tokens: Int32Array[];
      /** Per stream, whether it wrote the end token. */
      readonly finished: boolean[];
    };

/** Checks the options against the decoder: values need as many input features as outputs, tokens need `tokens`. */
export function checkUnroll(where: string, reads: { kind: 'dense'; features: number } | { kind: 'tokens' }, outputs: number, opts: UnrollOptions): void {
  if (!(Number.isInteger(opts.length) && opts.length >= 1)) throw new Error(`${where}: length must be an integer >= 1, got ${opts.length}`);
  if (reads.kind === 'dense' && reads.features !== outputs) {
    throw new Error(`${where}: the decoder reads ${reads.features} features but writes ${outputs} values, so its outputs cannot be fed back`);
  }
  if (reads.kind === 'tokens' && opts.tokens === undefined) throw new Error(`${where}: a token decoder needs opts.tokens (start, end, strategy)`);
}

/**
 * SeqLab's own unroll of B streams (one per row of `condition`).
 * @param condition class ids [B] or features [B, C]
 */
export function unrollConditioned(model: ConditionedModel, condition: Condition, B: number, opts: UnrollOptions): Unrolled {
  const where = 'unrollConditioned';
  const { decoder } = model;
  const O = decoder.head.outFeatures;
  checkUnroll(where, decoder.embedding === null ? { kind: 'dense', features: decoder.inputWidth } : { kind: 'tokens' }, O, opts);
  const session = model.session(condition, B);
  if (opts.tokens !== undefined && decoder.embedding !== null) {
    const { start, end, strategy, rng } = opts.tokens;
    return { kind: 'tokens', ...generate(session, { start, end, maxLength: opts.length, strategy, rng }) };
  }
  const T = opts.length;
  const values = new Float32Array(T * B * O);
  let previous: ArrayLike<number> = new Float32Array(B * O); // the first step reads zeros
  for (let t = 0; t < T; t++) {
    const y = session.stepValues(previous);
    values.set(y, t * B * O);
    previous = values.subarray(t * B * O, (t + 1) * B * O);
  }
  return { kind: 'values', steps: T, outputs: O, values };
}
