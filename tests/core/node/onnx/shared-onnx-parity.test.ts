// SeqLab's export of a fixture's weights and the shared PyTorch-exported .onnx of the same layer
// give the same outputs in onnxruntime-node (≤ 1e-6) on the fixture's inputs and on seeded random
// inputs at other batch sizes and lengths (the dynamic axes), with and without sequence_lens.

import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ONNX_IO } from '../../../../core/common/onnx/model-builder';
import { Rng } from '../../../../core/common/random/rng';
import type { OnnxTensor } from '../../../../core/node/onnx/session';
import { TORCH_FIXTURES, exportAndOpen, f32, fixtureModel, floats, i64, loadFixture, maxAbsDiff, openSession } from '../../common/onnx/onnx-test-helpers';

const TOLERANCE = 1e-6;
const models = readdirSync(TORCH_FIXTURES)
  .filter((f) => f.endsWith('.onnx'))
  .sort();

/** Largest |Δ| over all cases per model, printed at the end for the record. */
const worst = new Map<string, number>();
afterAll(() => {
  console.log([...worst].map(([k, v]) => `${k.padEnd(36)} max|Δ| ${v.toExponential(2)}`).join('\n'));
});

interface Case {
  readonly T: number;
  readonly B: number;
  readonly x: Float32Array;
  readonly h0: Float32Array;
  readonly c0: Float32Array;
  readonly lengths: number[] | null;
}

/** Uniform inputs as the fixtures draw them: x in [-1, 1], states in [-0.5, 0.5], lengths in 1..T with one = T. */
function randomCase(rng: Rng, T: number, B: number, I: number, stateSize: number, variable: boolean): Case {
  const fill = (n: number, bound: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-bound, bound));
  const lengths = variable ? Array.from({ length: B }, (_, b) => (b === 0 ? T : 1 + rng.int(T))) : null;
  return { T, B, x: fill(T * B * I, 1), h0: fill(stateSize * B, 0.5), c0: fill(stateSize * B, 0.5), lengths };
}

describe('shared .onnx fixtures and our exports agree in onnxruntime', () => {
  it('finds the shared models', () => {
    // 4 cells × (uni + bi) + lstm and gru with sequence_lens.
    expect(models.length).toBe(10);
  });

  for (const file of models) {
    it(file, async () => {
      const f = loadFixture(file.replace(/\.onnx$/, ''));
      const variable = f.lengths !== null;
      const lstm = f.cell === 'lstm';
      const D = f.bidirectional ? 2 : 1;
      const H = f.hiddenSize;
      const theirs = await openSession(TORCH_FIXTURES + file);
      const ours = await exportAndOpen(fixtureModel(f), { sequenceLens: variable });
      const rng = new Rng(7);
      const cases: Case[] = [
        {
          T: f.seqLen,
          B: f.batch,
          x: Float32Array.from(f.x.data),
          h0: Float32Array.from(f.h0.data),
          c0: Float32Array.from(f.c0?.data ?? []),
          lengths: f.lengths ? [...f.lengths] : null,
        },
        randomCase(rng, 1, 1, f.inputSize, D * H, variable),
        randomCase(rng, 3, 1, f.inputSize, D * H, variable),
        randomCase(rng, 9, 5, f.inputSize, D * H, variable),
      ];
      for (const c of cases) {
        const where = `${file} T=${c.T} B=${c.B}`;
        const x = f32(c.x, [c.T, c.B, f.inputSize]);
        const h0 = f32(c.h0, [D, c.B, H]);
        const c0 = f32(c.c0, [D, c.B, H]);
        const theirFeeds: Record<string, OnnxTensor> = { x, h0, ...(lstm ? { c0 } : {}), ...(c.lengths ? { sequence_lens: i64(c.lengths) } : {}) };
        const ourFeeds: Record<string, OnnxTensor> = {
          [ONNX_IO.x]: x,
          [ONNX_IO.initialH]: h0,
          ...(lstm ? { [ONNX_IO.initialC]: c0 } : {}),
          ...(c.lengths ? { [ONNX_IO.sequenceLens]: i64(c.lengths) } : {}),
        };
        const a = await theirs.run(theirFeeds);
        const b = await ours.run(ourFeeds);
        expect(b[ONNX_IO.y]?.dims, where).toEqual([c.T, c.B, D * H]);
        const err = Math.max(
          maxAbsDiff(floats(a.y), floats(b[ONNX_IO.y])),
          maxAbsDiff(floats(a.h_n), floats(b[ONNX_IO.yH])),
          lstm ? maxAbsDiff(floats(a.c_n), floats(b[ONNX_IO.yC])) : 0,
        );
        worst.set(file, Math.max(worst.get(file) ?? 0, err));
        expect(err, where).toBeLessThanOrEqual(TOLERANCE);
      }
      await theirs.close();
      await ours.close();
    });
  }
});
