// One-to-many models: the exported condition graph and decoder-step graph, run in onnxruntime-node,
// match SeqLab's float32 ConditionedModel / DecoderSession to ≤ 1e-5 — initial state, and at every
// step the values (or logits and probabilities) and the state — over decoder cells {lstm, gru, rnn_tanh,
// rnn_relu}, class and feature conditions, value and token outputs, batch 1 and 4. Unrolled free-running
// through onnxruntime (each output fed back as the next input), they give SeqLab's own unroll: the same
// values, the same greedy tokens and the same seeded samples — also for a model trained briefly on
// waveform-generation, whose export parity cases pass.

import { afterAll, describe, expect, it } from 'vitest';
import type { Condition, ConditionedBatch } from '../../../../../core/common/data/batch';
import { exportConditionedOnnx } from '../../../../../core/common/onnx/conditioned/conditioned-export';
import { compareConditionedTrace, conditionedParityCases, conditionedTrace } from '../../../../../core/common/onnx/conditioned/conditioned-parity';
import { maxAbsDiff } from '../../../../../core/common/onnx/parity';
import { Rng } from '../../../../../core/common/random/rng';
import type { ConditionedModelConfig } from '../../../../../core/common/models/conditioned/conditioned-model';
import { ConditionedModel } from '../../../../../core/common/models/conditioned/conditioned-model';
import { unrollConditioned } from '../../../../../core/common/models/conditioned/conditioned-unroll';
import { DecoderTrainer } from '../../../../../core/common/models/decoder/decoder-trainer';
import { initialiseConditioned } from '../../../../../core/common/models/conditioned/init';
import { createTask } from '../../../../../core/common/tasks/registry';
import { Adam } from '../../../../../core/common/train/optim/adam';
import { constantLr } from '../../../../../core/common/train/schedules';
import { OnnxConditioned } from '../../../../../core/node/models/conditioned/conditioned-onnx';
import { unrollWithOnnx } from '../../../../../core/node/models/conditioned/conditioned-onnx-unroll';

const TOLERANCE = 1e-5;
/** Random-init models here stay within an absolute bound, stricter than the export's own criterion. */
const ABSOLUTE = { atol: TOLERANCE, rtol: 0 };
const STEPS = 8;
const V = 7;

const cases: Array<{ name: string; config: ConditionedModelConfig }> = [
  {
    name: 'lstm, class condition → values',
    config: { condition: { kind: 'class', classes: 4 }, decoderInput: { kind: 'dense', features: 1 }, outputSize: 1, cell: 'lstm', hiddenSize: 6 },
  },
  {
    name: 'gru, class condition → 2 values',
    config: { condition: { kind: 'class', classes: 3 }, decoderInput: { kind: 'dense', features: 2 }, outputSize: 2, cell: 'gru', hiddenSize: 5 },
  },
  {
    name: 'rnn_tanh, feature condition → 2 values',
    config: { condition: { kind: 'dense', features: 3 }, decoderInput: { kind: 'dense', features: 2 }, outputSize: 2, cell: 'rnn_tanh', hiddenSize: 6 },
  },
  {
    name: 'rnn_relu, feature condition → values',
    config: { condition: { kind: 'dense', features: 2 }, decoderInput: { kind: 'dense', features: 1 }, outputSize: 1, cell: 'rnn_relu', hiddenSize: 4 },
  },
  {
    name: 'lstm, feature condition → tokens',
    config: {
      condition: { kind: 'dense', features: 3 },
      decoderInput: { kind: 'tokens', vocab: V, embeddingDim: 4 },
      outputSize: V,
      cell: 'lstm',
      hiddenSize: 6,
    },
  },
  {
    name: 'gru, class condition → tokens',
    config: {
      condition: { kind: 'class', classes: 5 },
      decoderInput: { kind: 'tokens', vocab: V, embeddingDim: 3 },
      outputSize: V,
      cell: 'gru',
      hiddenSize: 5,
    },
  },
  {
    name: 'rnn_tanh, class condition → tokens',
    config: {
      condition: { kind: 'class', classes: 3 },
      decoderInput: { kind: 'tokens', vocab: V, embeddingDim: 3 },
      outputSize: V,
      cell: 'rnn_tanh',
      hiddenSize: 6,
    },
  },
];

/** Largest |Δ| per case family, printed at the end for the record. */
const worst = new Map<string, number>();
const record = (family: string, d: number): void => void worst.set(family, Math.max(worst.get(family) ?? 0, d));
afterAll(() => {
  console.log([...worst].map(([k, v]) => `${k.padEnd(64)} max|Δ| ${v.toExponential(2)}`).join('\n'));
});

/** PyTorch's initialisation, then spread a little so gates and states leave their linear range. */
function seededModel(config: ConditionedModelConfig, seed: number): ConditionedModel {
  const model = new ConditionedModel(config);
  const rng = new Rng(seed);
  initialiseConditioned(model, rng);
  for (const p of model.params) for (let j = 0; j < p.data.length; j++) p.data[j] = (p.data[j] as number) * 1.5 + rng.uniform(-0.1, 0.1);
  return model;
}

function randomCondition(rng: Rng, config: ConditionedModelConfig, B: number): Condition {
  const c = config.condition;
  if (c.kind === 'class') return { kind: 'class', classes: c.classes, ids: Int32Array.from({ length: B }, (_, b) => (b + rng.int(c.classes)) % c.classes) };
  return { kind: 'dense', features: c.features, values: Float32Array.from({ length: B * c.features }, () => rng.uniform(-1.5, 1.5)) };
}

async function openPair(model: ConditionedModel, start = 1): Promise<OnnxConditioned> {
  const tokens = model.decoder.embedding !== null ? { start, end: 2 } : undefined;
  const bytes = exportConditionedOnnx(model, tokens ? { tokens } : {});
  const opened = await OnnxConditioned.open(bytes.condition, bytes.step);
  if (!opened.ok) throw new Error(opened.message);
  return opened.pair;
}

describe('one-to-many ONNX export: condition graph + decoder-step graph against SeqLab', () => {
  cases.forEach((c, i) => {
    it(c.name, async () => {
      const model = seededModel(c.config, 300 + i);
      const pair = await openPair(model);
      const tokens = c.config.decoderInput.kind === 'tokens';
      const family = `step trace: ${c.config.condition.kind} condition → ${tokens ? 'tokens' : 'values'}`;
      try {
        const rng = new Rng(400 + i);
        for (const B of [1, 4]) {
          const condition = randomCondition(rng, c.config, B);
          const expected = conditionedTrace(model, condition, B, STEPS, 1);
          const actual = await pair.trace(condition, B, expected.inputs);
          const result = compareConditionedTrace({ name: c.name, condition, B, expected }, actual, ABSOLUTE);
          record(family, result.maxAbsDiff);
          record(`step trace: ${c.config.cell}`, result.maxAbsDiff);
          expect(
            Object.values(result.outputs).map((o) => o.maxAbsDiff),
            `B=${B}`,
          ).toSatisfy((d: number[]) => d.every((x) => x <= TOLERANCE));
          expect(result.pass).toBe(true);
          const lstm = c.config.cell === 'lstm';
          expect(Object.keys(result.outputs).sort()).toEqual(
            ['h0', 'h_next', ...(tokens ? ['logits', 'probs'] : ['values']), ...(lstm ? ['c0', 'c_next'] : [])].sort(),
          );
          if (lstm) expect(Array.from(actual.c0 ?? [])).toEqual(new Array(B * c.config.hiddenSize).fill(0));

          // Free-running through onnxruntime, its own outputs fed back: SeqLab's unroll.
          const strategy = { kind: 'greedy' } as const;
          const opts = { length: 12, ...(tokens ? { tokens: { start: 1, end: 2, strategy } } : {}) };
          const ours = unrollConditioned(model, condition, B, opts);
          const onnx = await unrollWithOnnx(pair, condition, B, opts);
          if (ours.kind === 'values' && onnx.kind === 'values') {
            const d = maxAbsDiff(ours.values, onnx.values);
            record(`free-running unroll: ${c.config.condition.kind} condition → values`, d);
            expect(d).toBeLessThanOrEqual(TOLERANCE);
            expect(onnx.values.length).toBe(12 * B * c.config.outputSize);
          } else if (ours.kind === 'tokens' && onnx.kind === 'tokens') {
            expect(onnx.tokens.map((t) => Array.from(t))).toEqual(ours.tokens.map((t) => Array.from(t)));
            expect(onnx.finished).toEqual(ours.finished);
          } else {
            throw new Error(`the unrolls differ in kind: ${ours.kind} and ${onnx.kind}`);
          }
        }
      } finally {
        await pair.close();
      }
    });
  });

  it('samples the same tokens as SeqLab at a temperature with top-k, from the same seed', async () => {
    const config = (cases[5] as (typeof cases)[number]).config;
    const model = seededModel(config, 50);
    const pair = await openPair(model);
    try {
      const condition = randomCondition(new Rng(9), config, 3);
      for (const strategy of [
        { kind: 'sample', temperature: 1.5 },
        { kind: 'sample', temperature: 0.8, topK: 3 },
      ] as const) {
        const ours = unrollConditioned(model, condition, 3, { length: 10, tokens: { start: 1, end: 2, strategy, rng: new Rng(17) } });
        const onnx = await unrollWithOnnx(pair, condition, 3, { length: 10, tokens: { start: 1, end: 2, strategy, rng: new Rng(17) } });
        expect(onnx).toEqual(ours);
      }
    } finally {
      await pair.close();
    }
  });

  it('unrolls a model trained briefly on waveform-generation as SeqLab does, and its export parity cases pass', async () => {
    const task = createTask('waveform-generation', { classes: 4, length: 40, period: 20 });
    if (!task.ok) throw new Error('waveform-generation');
    const model = new ConditionedModel({
      condition: { kind: 'class', classes: 4 },
      decoderInput: { kind: 'dense', features: 1 },
      outputSize: 1,
      cell: 'lstm',
      hiddenSize: 12,
    });
    initialiseConditioned(model, new Rng(61));
    const trainer = new DecoderTrainer({ model, optimizer: new Adam({}), schedule: constantLr(1e-2), clip: { kind: 'norm', max: 1 } });
    const rng = new Rng(62);
    for (let step = 0; step < 60; step++) trainer.step(task.value.batch(rng, 8) as ConditionedBatch, step);
    const pair = await openPair(model);
    try {
      const condition: Condition = { kind: 'class', classes: 4, ids: Int32Array.of(0, 1, 2, 3) };
      const ours = unrollConditioned(model, condition, 4, { length: 40 });
      const onnx = await unrollWithOnnx(pair, condition, 4, { length: 40 });
      if (ours.kind !== 'values' || onnx.kind !== 'values') throw new Error('a waveform model writes values');
      const d = maxAbsDiff(ours.values, onnx.values);
      record('free-running unroll: trained waveform-generation (40 steps)', d);
      expect(d).toBeLessThanOrEqual(TOLERANCE);
      // the curves of different classes differ (the condition matters after training)
      const curve = (b: number): number[] => Array.from({ length: 40 }, (_, t) => onnx.values[t * 4 + b] as number);
      expect(maxAbsDiff(curve(0), curve(1))).toBeGreaterThan(0.1);

      for (const c of conditionedParityCases(model, task.value, { seed: 5 })) {
        const result = compareConditionedTrace(c, await pair.trace(c.condition, c.B, c.expected.inputs));
        record('export parity cases: trained waveform-generation', result.maxAbsDiff);
        expect(result).toMatchObject({ pass: true, steps: 40, initialState: 'condition' });
      }
    } finally {
      await pair.close();
    }
  });

  it("refuses to pair graphs of different exports, swapped graphs, and an encoder–decoder's files", async () => {
    const a = exportConditionedOnnx(seededModel((cases[1] as (typeof cases)[number]).config, 1));
    const b = exportConditionedOnnx(seededModel((cases[1] as (typeof cases)[number]).config, 2));
    const refused = async (condition: string | Uint8Array, step: string | Uint8Array): Promise<string> => {
      const r = await OnnxConditioned.open(condition, step);
      if (r.ok) {
        await r.pair.close();
        throw new Error('expected a refusal');
      }
      return `${r.code}: ${r.message}`;
    };
    expect(await refused(a.condition, b.step)).toMatch(/^not-seqlab: .*different exports/);
    expect(await refused(a.step, a.condition)).toMatch(/^not-seqlab: .*not the condition graph/);
    expect(await refused('/nonexistent/run.onnx', a.step)).toMatch(/^model-unreadable: Could not read \/nonexistent\/run.onnx/);
    expect(await refused(Uint8Array.of(1, 2, 3), a.step)).toMatch(/^(model-unreadable|not-seqlab): the condition graph/);
  });
});
