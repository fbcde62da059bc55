// Whole exported models (input layer → recurrent stack → head) in onnxruntime-node against a plain
// float64 reference forward, and the model's self-description: opset, IR, dynamic dims, metadata.

import { describe, expect, it } from 'vitest';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';
import type { ExportableInput, ExportableModel, WeightArray } from '../../../../core/common/onnx/exportable-model';
import { GATE_BLOCKS, recurrentInputSize, recurrentParamShapes } from '../../../../core/common/onnx/exportable-model';
import type { GraphDescription } from '../../../../core/common/onnx/model-builder';
import { GRAPH_METADATA_KEY, ONNX_IO, ONNX_IR_VERSION, ONNX_OPSET, exportOnnxModel } from '../../../../core/common/onnx/model-builder';
import { decodeModel, readMetadata } from '../../../../core/common/onnx/proto';
import { Rng } from '../../../../core/common/random/rng';
import type { OnnxTensor } from '../../../../core/node/onnx/session';
import { f32, floats, i64, maxAbsDiff, openSession } from './onnx-test-helpers';
import { referenceForward } from './reference-forward';

const TOLERANCE = 1e-5;

function uniform(rng: Rng, n: number, bound = 0.5): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(-bound, bound));
}

interface Config {
  readonly name: string;
  readonly input: 'embedding' | 'dense' | 'features';
  readonly cell: CellName;
  readonly H: number;
  readonly L: number;
  readonly bidirectional: boolean;
  readonly head: 'softmax' | 'linear' | 'none';
  /** Head on the top layer's final states ([B, O]) instead of every step. */
  readonly finalState?: boolean;
  /** Head without bias. */
  readonly noBias?: boolean;
  readonly lengths?: readonly number[];
}

/** A model with seeded random weights: V = 7 tokens, I = 3 features, dense input to 4, head of 5. */
function randomModel(c: Config, rng: Rng): ExportableModel {
  const input: ExportableInput =
    c.input === 'embedding'
      ? { kind: 'embedding', vocabSize: 7, dim: 3, weight: uniform(rng, 21, 1) }
      : c.input === 'dense'
        ? { kind: 'dense', inFeatures: 3, outFeatures: 4, weight: uniform(rng, 12), bias: uniform(rng, 4) }
        : { kind: 'features', features: 3 };
  const stack = { cell: c.cell, hiddenSize: c.H, numLayers: c.L, bidirectional: c.bidirectional, params: {} as Record<string, WeightArray> };
  for (const [name, dims] of recurrentParamShapes(stack, recurrentInputSize(input)))
    stack.params[name] = uniform(
      rng,
      dims.reduce((a, b) => a * b, 1),
    );
  const DH = (c.bidirectional ? 2 : 1) * c.H;
  const head =
    c.head === 'none'
      ? undefined
      : {
          outFeatures: 5,
          weight: uniform(rng, 5 * DH, 1),
          ...(c.noBias ? {} : { bias: uniform(rng, 5) }),
          softmax: c.head === 'softmax',
          readout: c.finalState ? ('final-state' as const) : ('every-step' as const),
        };
  return { input, recurrent: stack, ...(head ? { head } : {}) };
}

const CONFIGS: Config[] = [
  { name: 'char LM: embedding → 2-layer LSTM → softmax', input: 'embedding', cell: 'lstm', H: 4, L: 2, bidirectional: false, head: 'softmax' },
  {
    name: 'embedding → bi GRU → softmax, variable lengths',
    input: 'embedding',
    cell: 'gru',
    H: 3,
    L: 2,
    bidirectional: true,
    head: 'softmax',
    lengths: [4, 1, 2],
  },
  {
    name: 'dense → bi LSTM → linear head, variable lengths',
    input: 'dense',
    cell: 'lstm',
    H: 3,
    L: 1,
    bidirectional: true,
    head: 'linear',
    lengths: [2, 4, 3],
  },
  { name: 'dense → rnn_relu → softmax', input: 'dense', cell: 'rnn_relu', H: 5, L: 2, bidirectional: false, head: 'softmax' },
  { name: 'features → rnn_tanh bi, no head', input: 'features', cell: 'rnn_tanh', H: 2, L: 2, bidirectional: true, head: 'none', lengths: [3, 4, 1] },
  {
    name: 'classifier: embedding → 2-layer bi LSTM final states → softmax, variable lengths',
    input: 'embedding',
    cell: 'lstm',
    H: 3,
    L: 2,
    bidirectional: true,
    head: 'softmax',
    finalState: true,
    lengths: [2, 4, 1],
  },
  {
    name: 'regressor: features → GRU final state → linear head without bias',
    input: 'features',
    cell: 'gru',
    H: 4,
    L: 1,
    bidirectional: false,
    head: 'linear',
    finalState: true,
    noBias: true,
  },
];

describe('exported models match a plain reference forward in onnxruntime', () => {
  for (const c of CONFIGS) {
    it(c.name, async () => {
      const rng = new Rng(11);
      const model = randomModel(c, rng);
      const T = 4;
      const B = 3;
      const D = c.bidirectional ? 2 : 1;
      const stateDims = [c.L * D, B, c.H];
      const ids = Array.from({ length: T * B }, () => rng.int(7));
      const x = uniform(rng, T * B * 3, 1);
      const h0 = uniform(rng, c.L * D * B * c.H);
      const c0 = uniform(rng, c.L * D * B * c.H);
      const feeds: Record<string, OnnxTensor> = {
        [c.input === 'embedding' ? ONNX_IO.ids : ONNX_IO.x]:
          c.input === 'embedding' ? { data: BigInt64Array.from(ids, BigInt), dims: [T, B] } : f32(x, [T, B, 3]),
        [ONNX_IO.initialH]: f32(h0, stateDims),
        ...(c.cell === 'lstm' ? { [ONNX_IO.initialC]: f32(c0, stateDims) } : {}),
        ...(c.lengths ? { [ONNX_IO.sequenceLens]: i64(c.lengths) } : {}),
      };
      const session = await openSession(exportOnnxModel(model, { sequenceLens: c.lengths !== undefined }));
      const out = await session.run(feeds);
      await session.close();
      const ref = referenceForward(model, { T, B, ids, x, h0, c0, ...(c.lengths ? { lengths: c.lengths } : {}) });
      expect(out[ONNX_IO.y]?.dims).toEqual(c.finalState ? [B, 5] : [T, B, c.head === 'none' ? D * c.H : 5]);
      expect(maxAbsDiff(floats(out[ONNX_IO.y]), ref.y)).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(floats(out[ONNX_IO.yH]), ref.hN)).toBeLessThanOrEqual(TOLERANCE);
      if (c.cell === 'lstm') expect(maxAbsDiff(floats(out[ONNX_IO.yC]), ref.cN)).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('carries state: two halves fed through Y_h / Y_c give the whole sequence', async () => {
    const c = CONFIGS[0] as Config;
    const rng = new Rng(5);
    const model = randomModel(c, rng);
    const session = await openSession(exportOnnxModel(model));
    const B = 2;
    const ids = Array.from({ length: 6 * B }, () => rng.int(7));
    const feed = (part: number[], h: OnnxTensor, cs: OnnxTensor): Record<string, OnnxTensor> => ({
      [ONNX_IO.ids]: { data: BigInt64Array.from(part, BigInt), dims: [part.length / B, B] },
      [ONNX_IO.initialH]: h,
      [ONNX_IO.initialC]: cs,
    });
    const zeros = f32(new Float32Array(c.L * B * c.H), [c.L, B, c.H]);
    const whole = await session.run(feed(ids, zeros, zeros));
    const first = await session.run(feed(ids.slice(0, 3 * B), zeros, zeros));
    const second = await session.run(feed(ids.slice(3 * B), first[ONNX_IO.yH] as OnnxTensor, first[ONNX_IO.yC] as OnnxTensor));
    await session.close();
    expect(maxAbsDiff(floats(second[ONNX_IO.y]), floats(whole[ONNX_IO.y]).subarray(3 * B * 5))).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(floats(second[ONNX_IO.yH]), floats(whole[ONNX_IO.yH]))).toBeLessThanOrEqual(1e-6);
  });
});

describe('the exported model describes itself', () => {
  const model: ExportableModel = {
    ...randomModel(CONFIGS[0] as Config, new Rng(3)),
    metadata: {
      task: 'char-lm',
      vocabulary: JSON.stringify(['a', 'b', 'é', '😀', ' ', '\n', '<unk>']),
      'seqlab.version': '0.1.0',
      'seqlab.run_id': 'run-42',
    },
  };
  const bytes = exportOnnxModel(model, { sequenceLens: true, producerVersion: '0.1.0' });

  it('round-trips metadata_props and adds the graph description', () => {
    const meta = readMetadata(bytes);
    for (const [key, value] of Object.entries(model.metadata ?? {})) expect(meta[key]).toBe(value);
    const graph = JSON.parse(meta[GRAPH_METADATA_KEY] ?? '') as GraphDescription;
    expect(graph).toMatchObject({
      format: 1,
      cell: 'lstm',
      hiddenSize: 4,
      numLayers: 2,
      bidirectional: false,
      outputSize: 5,
      input: { kind: 'embedding', features: null, vocabSize: 7 },
      head: { outFeatures: 5, softmax: true, bias: true, readout: 'every-step' },
      inputs: ['ids', 'sequence_lens', 'initial_h', 'initial_c'],
      outputs: ['y', 'Y_h', 'Y_c'],
    });
  });

  it('declares opset, IR version, producer and dynamic batch / sequence axes', async () => {
    const m = decodeModel(bytes);
    expect(Number(m.irVersion)).toBe(ONNX_IR_VERSION);
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    expect([m.producerName, m.producerVersion]).toEqual(['SeqLab', '0.1.0']);
    const dims = (name: string): string[] =>
      (m.graph?.input ?? [])
        .concat(m.graph?.output ?? [])
        .find((v) => v.name === name)
        ?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || String(d.dimValue)) ?? [];
    expect(dims('ids')).toEqual(['seq_len', 'batch']);
    expect(dims('sequence_lens')).toEqual(['batch']);
    expect(dims('initial_h')).toEqual(['2', 'batch', '4']);
    expect(dims('y')).toEqual(['seq_len', 'batch', '5']);
    const ops = (m.graph?.node ?? []).map((n) => n.opType);
    expect(ops.filter((op) => op === 'LSTM')).toHaveLength(2);
    const session = await openSession(bytes);
    expect(session.inputNames).toEqual(['ids', 'sequence_lens', 'initial_h', 'initial_c']);
    await session.close();
  });

  it('refuses reserved metadata keys and inconsistent weights', () => {
    expect(() => exportOnnxModel({ ...model, metadata: { [GRAPH_METADATA_KEY]: '{}' } })).toThrow(/reserved/);
    const params = { ...model.recurrent.params, weight_hh_l1: new Float32Array(3) };
    expect(() => exportOnnxModel({ ...model, recurrent: { ...model.recurrent, params } })).toThrow(/weight_hh_l1 must be \[16, 4\]/);
    const extra = { ...model.recurrent.params, weight_ih_l2: new Float32Array(1) };
    expect(() => exportOnnxModel({ ...model, recurrent: { ...model.recurrent, params: extra } })).toThrow(/weight_ih_l2 is not a parameter/);
    expect(GATE_BLOCKS.lstm).toBe(4);
  });
});
