// Beam search through an exported encoder–decoder's two graphs in onnxruntime (beamSearchWithOnnx) finds
// SeqLab's own beam search hypotheses on the model — same tokens, same ending, the same log-probability up
// to float32 rounding — for several cells, bridges and attention, sources of different lengths searched side
// by side, and widths 1 (greedy), 3 and 5; width 1 is the exported pair's greedy generation.

import { afterAll, describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { beamSearch } from '../../../../../core/common/generate/beam-search';
import type { Seq2SeqConfig, Seq2SeqModel } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import type { Seq2SeqParitySource } from '../../../../../core/common/onnx/seq2seq/seq2seq-parity';
import { Rng } from '../../../../../core/common/random/rng';
import type { OnnxSeq2Seq } from '../../../../../core/node/models/seq2seq/seq2seq-onnx';
import { attentionOf, beamSearchWithOnnx, generateWithOnnx } from '../../../../../core/node/models/seq2seq/seq2seq-onnx-generate';
import { seededModel } from '../../../common/models/seq2seq/seq2seq-helpers';
import { openPair, randomSource } from './seq2seq-onnx-helpers';

const V = 9;
const tokens = { kind: 'tokens', vocab: 8 } as const;
const configs: readonly [string, Seq2SeqConfig][] = [
  [
    'lstm bi → lstm, attention',
    {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'lstm', hiddenSize: 4, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 4 },
      attention: { size: 4 },
    },
  ],
  [
    'gru L2 → gru, no attention',
    {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 5, numLayers: 2, embeddingDim: 3 },
      decoder: { cell: 'gru', hiddenSize: 5, embeddingDim: 3 },
    },
  ],
  [
    'dense source, rnn_tanh → lstm, attention',
    {
      source: { kind: 'dense', features: 2 },
      targetVocab: V,
      encoder: { cell: 'rnn_tanh', hiddenSize: 4 },
      decoder: { cell: 'lstm', hiddenSize: 6, embeddingDim: 3 },
      attention: { size: 3 },
    },
  ],
];

const opened: OnnxSeq2Seq[] = [];
afterAll(async () => {
  for (const pair of opened) await pair.close();
});

/** A seeded model whose <eos> is likely enough that hypotheses end at different lengths. */
function model(config: Seq2SeqConfig, seed: number): Seq2SeqModel {
  const m = seededModel(config, seed);
  const bias = m.decoder.head.bias;
  if (bias === null) throw new Error('the decoder head has no bias');
  bias.data[EOS_ID] = 1.2;
  return m;
}

function seqlabBeams(m: Seq2SeqModel, source: Seq2SeqParitySource, K: number, maxLength: number) {
  const buffer =
    source.input.kind === 'tokens'
      ? { kind: 'tokens' as const, vocab: m.encoder.embedding?.numEmbeddings ?? 0, ids: source.input.ids }
      : { kind: 'dense' as const, features: source.input.features, x: source.input.x };
  return beamSearch(m.session(buffer, source.S, source.B, source.lengths, K), { beamWidth: K, start: BOS_ID, end: EOS_ID, maxLength });
}

describe('beamSearchWithOnnx', () => {
  it.each(configs)("finds SeqLab's own hypotheses (%s)", async (_, config) => {
    const m = model(config, 21);
    const pair = await openPair(m);
    opened.push(pair);
    const source = randomSource(new Rng(5), m, [5, 2, 4]);
    let finishedSeen = 0;
    for (const K of [1, 3, 5]) {
      const ours = seqlabBeams(m, source, K, 7);
      const theirs = await beamSearchWithOnnx(pair, source, { beamWidth: K, start: BOS_ID, end: EOS_ID, maxLength: 7 });
      expect(theirs.length).toBe(source.B);
      for (const [b, hs] of ours.entries()) {
        const other = theirs[b] ?? [];
        expect(other.map((h) => Array.from(h.tokens))).toEqual(hs.map((h) => Array.from(h.tokens)));
        expect(other.map((h) => h.finished)).toEqual(hs.map((h) => h.finished));
        hs.forEach((h, i) => expect(Math.abs((other[i]?.logProb ?? NaN) - h.logProb)).toBeLessThanOrEqual(1e-5));
        finishedSeen += hs.filter((h) => h.finished).length;
      }
    }
    expect(finishedSeen).toBeGreaterThan(0); // the search met <eos>, not only maxLength
  });

  it("steps as SeqLab's decoder session does, each stream continuing from the state of the parent it is given", async () => {
    for (const [, config] of configs) {
      const m = model(config, 4);
      // token-dependent states: without its parent's state a stream's logits differ
      for (const p of m.params) if (p.name.startsWith('decoder.')) p.data.forEach((v, i) => (p.data[i] = v * 3));
      const pair = await openPair(m);
      opened.push(pair);
      const source = randomSource(new Rng(9), m, [4, 3]);
      const K = 3,
        B = source.B * K;
      const buffer =
        source.input.kind === 'tokens'
          ? { kind: 'tokens' as const, vocab: m.encoder.embedding?.numEmbeddings ?? 0, ids: source.input.ids }
          : { kind: 'dense' as const, features: source.input.features, x: source.input.x };
      const ours = m.session(buffer, source.S, source.B, source.lengths, K);
      const theirs = await pair.tokenSession(source, K);
      expect(theirs.batchSize).toBe(B);
      const rng = new Rng(3);
      for (let t = 0; t < 5; t++) {
        const ids = Int32Array.from({ length: B }, () => rng.int(V));
        const expected = Float32Array.from(ours.step(ids));
        const actual = await theirs.step(ids);
        expected.forEach((v, i) => expect(Math.abs(v - (actual[i] ?? NaN))).toBeLessThanOrEqual(1e-5));
        // each stream continues from a stream of its own source (beams of one search share the memory)
        const parents = Int32Array.from({ length: B }, (_, r) => Math.floor(r / K) * K + rng.int(K));
        ours.reorder(parents);
        theirs.reorder(parents);
      }
    }
  });

  it("with width 1 is the pair's greedy generation, and the best hypothesis's attention rows are those greedy wrote", async () => {
    const [, config] = configs[0] ?? [];
    if (config === undefined) throw new Error('no config');
    const m = model(config, 8);
    const pair = await openPair(m);
    opened.push(pair);
    const source = randomSource(new Rng(2), m, [6]);
    const greedy = await generateWithOnnx(pair, source, { start: BOS_ID, end: EOS_ID, maxLength: 8, strategy: { kind: 'greedy' } });
    const [best] = (await beamSearchWithOnnx(pair, source, { beamWidth: 1, start: BOS_ID, end: EOS_ID, maxLength: 8 }))[0] ?? [];
    if (best === undefined) throw new Error('no hypothesis');
    expect(Array.from(best.tokens)).toEqual(Array.from(greedy.tokens[0] ?? []));
    expect(best.finished).toBe(greedy.finished[0]);
    const rows = await attentionOf(pair, source, best.tokens, BOS_ID);
    const expected = greedy.attention?.[0];
    if (rows === null || expected === undefined) throw new Error('attention expected');
    expect(rows.length).toBe(expected.length);
    rows.forEach((a, i) => expect(Math.abs(a - (expected[i] ?? NaN))).toBeLessThanOrEqual(1e-6));
  });
});
