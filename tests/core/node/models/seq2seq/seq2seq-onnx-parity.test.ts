// Issue 7, encoder–decoders: the exported encoder graph and decoder-step graph, run in onnxruntime-node,
// match SeqLab's float32 forward to ≤ 1e-5 — encoder outputs, initial state, and at every step the
// logits, probabilities, state and attention weights — over encoder cells {lstm, gru, rnn_tanh} ×
// {uni, bi} × {1, 2 layers} (each axis covered, not the full product), every decoder cell, with and
// without attention (score bias on / off, context into the output layer or not), copy and linear
// bridges, token and dense sources, batch 1 and 4 with variable source lengths. Greedy generation
// through the ONNX loop gives exactly SeqLab's `generate` tokens; a seeded top-k run the same draws.

import { afterAll, describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID } from '../../../../../core/common/data/vocabulary';
import { compareSeq2SeqTrace, seq2seqTrace } from '../../../../../core/common/onnx/seq2seq/seq2seq-parity';
import { Rng } from '../../../../../core/common/random/rng';
import type { Seq2SeqConfig } from '../../../../../core/common/models/seq2seq/seq2seq-model';
import { exportSeq2SeqOnnx } from '../../../../../core/common/onnx/seq2seq/seq2seq-export';
import { OnnxSeq2Seq } from '../../../../../core/node/models/seq2seq/seq2seq-onnx';
import { generateWithOnnx } from '../../../../../core/node/models/seq2seq/seq2seq-onnx-generate';
import { seededModel } from '../../../common/models/seq2seq/seq2seq-helpers';
import { openPair, randomSource, seqlabGenerate } from './seq2seq-onnx-helpers';

const TOLERANCE = 1e-5;
/** Random-init models here stay within an absolute bound, stricter than the export's own criterion. */
const ABSOLUTE = { atol: TOLERANCE, rtol: 0 };
const V = 11;
const tokens = { kind: 'tokens', vocab: 9 } as const;

interface Case {
  readonly name: string;
  readonly config: Seq2SeqConfig;
  readonly bridge: 'copy' | 'linear';
}

const cases: Case[] = [
  {
    name: 'lstm uni L1 → lstm, copy (h and c), attention',
    bridge: 'copy',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'lstm', hiddenSize: 6, embeddingDim: 4 },
      decoder: { cell: 'lstm', hiddenSize: 6, embeddingDim: 5 },
      attention: { size: 5 },
    },
  },
  {
    name: 'lstm bi L2 → lstm, linear (c0 = 0), attention without score bias',
    bridge: 'linear',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'lstm', hiddenSize: 4, numLayers: 2, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'lstm', hiddenSize: 7, embeddingDim: 4 },
      attention: { size: 4, bias: false },
    },
  },
  {
    name: 'gru uni L2 → gru, copy, no attention',
    bridge: 'copy',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 6, numLayers: 2, embeddingDim: 4 },
      decoder: { cell: 'gru', hiddenSize: 6, embeddingDim: 3 },
    },
  },
  {
    name: 'gru bi L1 → gru, linear, attention into the cell only',
    bridge: 'linear',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 4, bidirectional: true, embeddingDim: 4 },
      decoder: { cell: 'gru', hiddenSize: 6, embeddingDim: 4 },
      attention: { size: 5, contextToOutput: false },
    },
  },
  {
    name: 'rnn_tanh uni L1 → rnn_tanh, linear by choice, attention',
    bridge: 'linear',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'rnn_tanh', hiddenSize: 6, embeddingDim: 4 },
      decoder: { cell: 'rnn_tanh', hiddenSize: 6, embeddingDim: 4 },
      attention: { size: 3 },
      bridge: 'linear',
    },
  },
  {
    name: 'rnn_tanh bi L2 → rnn_relu, linear, no attention',
    bridge: 'linear',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'rnn_tanh', hiddenSize: 4, numLayers: 2, bidirectional: true, embeddingDim: 3 },
      decoder: { cell: 'rnn_relu', hiddenSize: 7, embeddingDim: 4 },
    },
  },
  {
    name: 'lstm uni L1 → gru, copy (h only), attention',
    bridge: 'copy',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 3 },
      decoder: { cell: 'gru', hiddenSize: 5, embeddingDim: 3 },
      attention: { size: 4 },
    },
  },
  {
    name: 'gru uni L1 → lstm, copy (c0 = 0), no attention',
    bridge: 'copy',
    config: {
      source: tokens,
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 5, embeddingDim: 3 },
      decoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 3 },
    },
  },
  {
    name: 'dense source, gru bi L1 → lstm, linear, attention',
    bridge: 'linear',
    config: {
      source: { kind: 'dense', features: 3 },
      targetVocab: V,
      encoder: { cell: 'gru', hiddenSize: 4, bidirectional: true },
      decoder: { cell: 'lstm', hiddenSize: 5, embeddingDim: 4 },
      attention: { size: 4 },
    },
  },
];

const BATCHES: readonly (readonly number[])[] = [[5], [6, 3, 1, 5]];
const STEPS = 7;

/** Largest |Δ| per case family over both batches, printed at the end for the record. */
const worst = new Map<string, number>();
afterAll(() => {
  console.log([...worst].map(([k, v]) => `${k.padEnd(72)} max|Δ| ${v.toExponential(2)}`).join('\n'));
});

describe('seq2seq ONNX export: encoder graph + decoder-step graph against SeqLab', () => {
  cases.forEach((c, i) => {
    it(c.name, async () => {
      const model = seededModel(c.config, 100 + i);
      expect(model.bridge.mode).toBe(c.bridge);
      const pair = await openPair(model);
      try {
        const rng = new Rng(200 + i);
        for (const lengths of BATCHES) {
          const source = randomSource(rng, model, lengths);
          const expected = seq2seqTrace(model, source, STEPS);
          const actual = await pair.trace(source, expected.tokens);
          const result = compareSeq2SeqTrace({ name: c.name, source, variableLengths: lengths.length > 1, expected }, actual, ABSOLUTE);
          worst.set(c.name, Math.max(worst.get(c.name) ?? 0, result.maxAbsDiff));
          expect(
            Object.values(result.outputs).map((o) => o.maxAbsDiff),
            `B=${lengths.length}`,
          ).toSatisfy((d: number[]) => d.every((x) => x <= TOLERANCE));
          expect(result.pass).toBe(true);
          expect(Object.keys(result.outputs).sort()).toEqual(
            [
              'memory',
              'h0',
              'logits',
              'probs',
              'h_next',
              ...(c.config.decoder.cell === 'lstm' ? ['c0', 'c_next'] : []),
              ...(c.config.attention ? ['attention'] : []),
            ].sort(),
          );
          // Padded source steps: memory and attention exactly 0.
          const { S, B } = source;
          const He = model.encoder.outputSize;
          for (let s = 0; s < S; s++) {
            for (let b = 0; b < B; b++) {
              if (s < (lengths[b] as number)) continue;
              for (let j = 0; j < He; j++) expect(actual.memory[(s * B + b) * He + j]).toBe(0);
              for (const step of actual.steps) if (step.attention) expect(step.attention[b * S + s]).toBe(0);
            }
          }

          // Greedy generation: the ONNX loop picks exactly SeqLab's tokens, and gives one attention row per token.
          const opts = { start: BOS_ID, end: EOS_ID, maxLength: 12, strategy: { kind: 'greedy' } as const };
          const ours = seqlabGenerate(model, source, opts);
          const onnx = await generateWithOnnx(pair, source, opts);
          expect(onnx.tokens.map((t) => Array.from(t))).toEqual(ours.tokens.map((t) => Array.from(t)));
          expect(onnx.finished).toEqual(ours.finished);
          if (c.config.attention) {
            expect(onnx.attention?.map((a) => a.length)).toEqual(ours.tokens.map((t) => t.length * S));
          } else {
            expect(onnx.attention).toBeNull();
          }
        }
      } finally {
        await pair.close();
      }
    });
  });

  it('samples the same tokens as SeqLab at a temperature with top-k, from the same seed', async () => {
    const c = cases[0] as Case;
    const model = seededModel(c.config, 100);
    const pair = await openPair(model);
    try {
      const source = randomSource(new Rng(9), model, [6, 2, 4]);
      for (const strategy of [
        { kind: 'sample', temperature: 1.5 },
        { kind: 'sample', temperature: 0.8, topK: 3 },
      ] as const) {
        const opts = { start: BOS_ID, end: EOS_ID, maxLength: 10, strategy };
        const ours = seqlabGenerate(model, source, { ...opts, rng: new Rng(17) });
        const onnx = await generateWithOnnx(pair, source, { ...opts, rng: new Rng(17) });
        expect(onnx.tokens.map((t) => Array.from(t))).toEqual(ours.tokens.map((t) => Array.from(t)));
      }
    } finally {
      await pair.close();
    }
  });

  it('refuses to pair graphs of different exports, swapped graphs, and files that are not a pair', async () => {
    const a = exportSeq2SeqOnnx(seededModel(cases[2]!.config, 1));
    const b = exportSeq2SeqOnnx(seededModel(cases[2]!.config, 2));
    const refused = async (encoder: string | Uint8Array, step: string | Uint8Array): Promise<string> => {
      const r = await OnnxSeq2Seq.open(encoder, step);
      if (r.ok) {
        await r.pair.close();
        throw new Error('expected a refusal');
      }
      return `${r.code}: ${r.message}`;
    };
    expect(await refused(a.encoder, b.step)).toMatch(/^not-seqlab: .*different exports/);
    expect(await refused(a.step, a.encoder)).toMatch(/^not-seqlab: .*not the encoder/);
    expect(await refused('/nonexistent/encoder.onnx', a.step)).toMatch(/^model-unreadable: Could not read \/nonexistent\/encoder.onnx/);
    expect(await refused(Uint8Array.of(1, 2, 3), a.step)).toMatch(/^(model-unreadable|not-seqlab): the encoder graph/);
  });
});
