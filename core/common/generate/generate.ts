// Autoregressive generation ("recursion"): each chosen token is fed back as the next input. `generate`
// drives a TokenSession for whole sequences in one call, stopping a stream at its end token and all
// streams at maxLength.
//
// Shapes: B streams, V vocabulary.

import type { Rng } from '../random/rng';
import type { TokenSession } from './token-session';
import type { DecodingStrategy } from './pick';
import { PickScratch, checkStrategy, pickToken } from './pick';

export interface GenerateOptions {
  /** The first input of every stream (BOS). */
  readonly start: number;
  /** The end token: a stream stops after emitting it (included in its output); null never stops early. */
  readonly end: number | null;
  /** At most this many tokens per stream, the end token included. */
  readonly maxLength: number;
  readonly strategy: DecodingStrategy;
  /** Required for sampling. */
  readonly rng?: Rng | undefined;
}

export interface Generated {
  /** Per stream, the tokens emitted (end token included when reached). */
  readonly tokens: Int32Array[];
  /** Per stream, whether it emitted the end token. */
  readonly finished: boolean[];
}

function checkOptions(where: string, session: TokenSession, opts: GenerateOptions): void {
  if (!(Number.isInteger(opts.maxLength) && opts.maxLength >= 1)) throw new Error(`${where}: maxLength must be an integer >= 1, got ${opts.maxLength}`);
  for (const [name, id] of [
    ['start', opts.start],
    ['end', opts.end ?? 0],
  ] as const) {
    if (!(Number.isInteger(id) && id >= 0 && id < session.vocab)) throw new Error(`${where}: ${name} token ${id} is outside 0..${session.vocab - 1}`);
  }
  checkStrategy(where, opts.strategy, opts.rng);
}

/** Generates every stream to its end token or maxLength, in one call. */
export function generate(session: TokenSession, opts: GenerateOptions): Generated {
  checkOptions('generate', session, opts);
  const B = session.batchSize,
    V = session.vocab;
  const scratch = new PickScratch(V);
  const input = new Int32Array(B).fill(opts.start);
  const out = Array.from({ length: B }, () => [] as number[]);
  const finished = new Array<boolean>(B).fill(false);
  for (let n = 0; n < opts.maxLength && finished.includes(false); n++) {
    const logits = session.step(input);
    for (let b = 0; b < B; b++) {
      if (finished[b]) continue; // its row still steps (one batch), its output is ignored
      const id = pickToken(logits, b, V, opts.strategy, opts.rng, scratch);
      out[b]?.push(id);
      input[b] = id;
      if (id === opts.end) finished[b] = true;
    }
  }
  return { tokens: out.map((t) => Int32Array.from(t)), finished };
}
