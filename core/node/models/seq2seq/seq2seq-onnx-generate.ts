// Generation from an exported encoder–decoder in onnxruntime (greedy or sampled, and beam search): the encoder graph once, then the
// decoder-step graph once per token, each stream's pick fed back as its next token and the step's
// h_next (c_next) as its next state. Mirrors core/common/generate/generate.ts `generate` (same start,
// end and maxLength rules, same picker `pickToken`, one rng draw per sampled token), so a greedy run
// gives SeqLab's tokens and a seeded sampled run SeqLab's draws, up to float32 rounding.
//
// Shapes: S source steps, B streams, V target vocabulary; attention rows [S] per emitted token.

import type { BeamSearchOptions, Hypothesis } from '../../../common/generate/beam-search';
import { beamSearchAsync } from '../../../common/generate/beam-search';
import type { GenerateOptions } from '../../../common/generate/generate';
import { PickScratch, checkStrategy, pickToken } from '../../../common/generate/pick';
import type { Seq2SeqParitySource } from '../../../common/onnx/seq2seq/seq2seq-parity';
import type { OnnxSeq2Seq } from './seq2seq-onnx';

export interface OnnxGenerated {
  /** Per stream, the tokens emitted (end token included when reached). */
  readonly tokens: Int32Array[];
  /** Per stream, whether it emitted the end token. */
  readonly finished: boolean[];
  /**
   * Per stream, the attention weights of the step that emitted each token: [n_b, S] row-major
   * (padded source steps exactly 0); null for a model without attention.
   */
  readonly attention: Float32Array[] | null;
}

/** Generates every stream of `source` to its end token or opts.maxLength. */
export async function generateWithOnnx(pair: OnnxSeq2Seq, source: Seq2SeqParitySource, opts: GenerateOptions): Promise<OnnxGenerated> {
  const where = 'generateWithOnnx';
  const V = pair.description.targetVocab;
  if (!(Number.isInteger(opts.maxLength) && opts.maxLength >= 1)) throw new Error(`${where}: maxLength must be an integer >= 1, got ${opts.maxLength}`);
  for (const [name, id] of [
    ['start', opts.start],
    ['end', opts.end ?? 0],
  ] as const) {
    if (!(Number.isInteger(id) && id >= 0 && id < V)) throw new Error(`${where}: ${name} token ${id} is outside 0..${V - 1}`);
  }
  checkStrategy(where, opts.strategy, opts.rng);

  const { B, S } = source;
  const encoded = await pair.encode(source);
  const scratch = new PickScratch(V);
  const input = new Int32Array(B).fill(opts.start);
  const out = Array.from({ length: B }, () => [] as number[]);
  const rows = Array.from({ length: B }, () => [] as Float32Array[]);
  const finished = new Array<boolean>(B).fill(false);
  let h = encoded.h0,
    c = encoded.c0;
  for (let n = 0; n < opts.maxLength && finished.includes(false); n++) {
    const step = await pair.step(input, h, c, encoded);
    for (let b = 0; b < B; b++) {
      if (finished[b]) continue; // its row still steps (one batch), its output is ignored
      const id = pickToken(step.logits, b, V, opts.strategy, opts.rng, scratch);
      out[b]?.push(id);
      if (step.attention !== null) rows[b]?.push(step.attention.slice(b * S, (b + 1) * S));
      input[b] = id;
      if (id === opts.end) finished[b] = true;
    }
    h = step.h;
    c = step.c;
  }
  const attention = pair.hasAttention
    ? rows.map((r) => {
        const m = new Float32Array(r.length * S);
        r.forEach((row, t) => m.set(row, t * S));
        return m;
      })
    : null;
  return { tokens: out.map((t) => Int32Array.from(t)), finished, attention };
}

/**
 * Beam search (core/common/generate/beam-search.ts) over the exported pair: every source of `source` is
 * encoded once and repeated opts.beamWidth times, and the step graph drives the search as SeqLab's own
 * decoder does, so the hypotheses are SeqLab's up to float32 rounding.
 * @returns per source, up to K hypotheses, best score first
 */
export async function beamSearchWithOnnx(pair: OnnxSeq2Seq, source: Seq2SeqParitySource, opts: BeamSearchOptions): Promise<Hypothesis[][]> {
  return beamSearchAsync(await pair.tokenSession(source, opts.beamWidth), opts);
}

/**
 * The attention rows [n, S] of one source (B = 1) while the decoder writes `tokens` (n), read by feeding
 * them back after <bos> as generation did; null for a model without attention.
 */
export async function attentionOf(pair: OnnxSeq2Seq, source: Seq2SeqParitySource, tokens: Int32Array, start: number): Promise<Float32Array | null> {
  if (source.B !== 1) throw new Error(`attentionOf: one source expected, got B = ${source.B}`);
  if (!pair.hasAttention || tokens.length === 0) return pair.hasAttention ? new Float32Array(0) : null;
  const fed = Int32Array.from([start, ...Array.from(tokens.subarray(0, -1))]);
  const trace = await pair.trace(source, fed);
  const S = source.S;
  const rows = new Float32Array(tokens.length * S);
  trace.steps.forEach((step, t) => {
    if (step.attention === null) throw new Error('attentionOf: the step graph gave no attention');
    rows.set(step.attention, t * S);
  });
  return rows;
}
