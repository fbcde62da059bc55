// Free-running generation from an exported one-to-many model in onnxruntime: the condition graph once,
// then the decoder-step graph once per step, each stream's output fed back as its next input (values
// as they are, zeros first; or the token picked from the logits, the start token first) and the step's
// h_next (c_next) as its next state. Mirrors core/common/seq2seq/conditioned-unroll.ts (same rules,
// same picker `pickToken`, one rng draw per sampled token), so it gives SeqLab's sequence up to float32
// rounding and a seeded sampled run SeqLab's draws.
//
// Shapes: T steps, B streams, O values per step (V logits for token decoders).

import type { Condition } from '../../../common/data/batch';
import { PickScratch, checkStrategy, pickToken } from '../../../common/generate/pick';
import type { UnrollOptions, Unrolled } from '../../../common/models/conditioned/conditioned-unroll';
import { checkUnroll } from '../../../common/models/conditioned/conditioned-unroll';
import type { OnnxConditioned } from './conditioned-onnx';

/** Unrolls B streams (one per row of `condition`) for opts.length steps (token streams stop at the end token). */
export async function unrollWithOnnx(pair: OnnxConditioned, condition: Condition, B: number, opts: UnrollOptions): Promise<Unrolled> {
  const where = 'unrollWithOnnx';
  const { decoder, output } = pair.description;
  const O = output.size;
  checkUnroll(where, decoder.input.kind === 'dense' ? { kind: 'dense', features: decoder.input.features } : { kind: 'tokens' }, O, opts);
  let { h0: h, c0: c } = await pair.initialState(condition, B);

  if (opts.tokens !== undefined && decoder.input.kind === 'tokens') {
    const { start, end, strategy, rng } = opts.tokens;
    for (const [name, id] of [
      ['start', start],
      ['end', end ?? 0],
    ] as const) {
      if (!(Number.isInteger(id) && id >= 0 && id < O)) throw new Error(`${where}: ${name} token ${id} is outside 0..${O - 1}`);
    }
    checkStrategy(where, strategy, rng);
    const scratch = new PickScratch(O);
    const input = new Int32Array(B).fill(start);
    const out = Array.from({ length: B }, () => [] as number[]);
    const finished = new Array<boolean>(B).fill(false);
    for (let n = 0; n < opts.length && finished.includes(false); n++) {
      const step = await pair.step(input, h, c, B);
      for (let b = 0; b < B; b++) {
        if (finished[b]) continue; // its row still steps (one batch), its output is ignored
        const id = pickToken(step.out, b, O, strategy, rng, scratch);
        out[b]?.push(id);
        input[b] = id;
        if (id === end) finished[b] = true;
      }
      h = step.h;
      c = step.c;
    }
    return { kind: 'tokens', tokens: out.map((t) => Int32Array.from(t)), finished };
  }

  const T = opts.length;
  const values = new Float32Array(T * B * O);
  let previous: Float32Array = new Float32Array(B * O); // the first step reads zeros
  for (let t = 0; t < T; t++) {
    const step = await pair.step(previous, h, c, B);
    values.set(step.out, t * B * O);
    previous = step.out;
    h = step.h;
    c = step.c;
  }
  return { kind: 'values', steps: T, outputs: O, values };
}
