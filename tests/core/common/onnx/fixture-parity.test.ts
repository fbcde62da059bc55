// Exported recurrent stacks run in onnxruntime-node against every recurrent JSON fixture
// (PyTorch float64): y, Y_h, Y_c within 1e-5 for every cell, direction, layer count, fixed and
// variable lengths, with the fixtures' non-zero initial states; zero states checked separately.

import { afterAll, describe, expect, it } from 'vitest';
import { ONNX_IO } from '../../../../core/common/onnx/model-builder';
import type { RecurrentFixture } from '../../../../core/common/nn/fixture';
import type { OnnxTensor } from '../../../../core/node/onnx/session';
import { exportAndOpen, f32, fixtureModel, floats, i64, loadRecurrentFixtures, maxAbsDiff } from './onnx-test-helpers';

const TOLERANCE = 1e-5;
const fixtures = loadRecurrentFixtures();

/** Largest error per group "cell L=… uni|bi fixed|var", printed once at the end for the record. */
const worst = new Map<string, number>();
function record(f: RecurrentFixture, err: number): void {
  const key = `${f.cell}${f.name.includes('irnn') ? ' (IRNN)' : ''} L=${f.numLayers} ${f.bidirectional ? 'bi' : 'uni'} ${f.lengths ? 'var' : 'fixed'}`;
  worst.set(key, Math.max(worst.get(key) ?? 0, err));
}
afterAll(() => {
  console.log([...worst].map(([k, v]) => `${k.padEnd(28)} max|Δ| ${v.toExponential(2)}`).join('\n'));
});

function feeds(f: RecurrentFixture, lengths: readonly number[] | null): Record<string, OnnxTensor> {
  const stateDims = f.h0.shape;
  const out: Record<string, OnnxTensor> = {
    [ONNX_IO.x]: f32(f.x.data, f.x.shape),
    [ONNX_IO.initialH]: f32(f.h0.data, stateDims),
  };
  if (f.c0) out[ONNX_IO.initialC] = f32(f.c0.data, stateDims);
  if (lengths) out[ONNX_IO.sequenceLens] = i64(lengths);
  return out;
}

describe('ONNX export matches the PyTorch fixtures in onnxruntime', () => {
  it('finds every recurrent fixture', () => {
    // 4 cells × (3 fixed + 2 variable-length) + the IRNN case.
    expect(fixtures.length).toBe(21);
  });

  for (const f of fixtures) {
    it(`${f.name}`, async () => {
      const session = await exportAndOpen(fixtureModel(f), { sequenceLens: f.lengths !== null });
      const out = await session.run(feeds(f, f.lengths));
      await session.close();
      expect(out[ONNX_IO.y]?.dims).toEqual(f.y.shape);
      expect(out[ONNX_IO.yH]?.dims).toEqual(f.hN.shape);
      let err = Math.max(maxAbsDiff(floats(out[ONNX_IO.y]), f.y.data), maxAbsDiff(floats(out[ONNX_IO.yH]), f.hN.data));
      if (f.cN) err = Math.max(err, maxAbsDiff(floats(out[ONNX_IO.yC]), f.cN.data));
      record(f, err);
      expect(err).toBeLessThanOrEqual(TOLERANCE);
      // Padded steps are exactly 0 in y (every direction), as in the fixtures.
      const y = floats(out[ONNX_IO.y]);
      const row = f.y.shape[2] as number;
      f.lengths?.forEach((len, b) => {
        for (let t = len; t < f.seqLen; t++) {
          const at = (t * f.batch + b) * row;
          expect(
            y.subarray(at, at + row).every((v) => v === 0),
            `${f.name} t=${t} b=${b}`,
          ).toBe(true);
        }
      });
    });
  }

  it('a fixed-length fixture through sequence_lens = T gives the same numbers', async () => {
    for (const f of fixtures.filter((x) => x.lengths === null && x.numLayers === 1)) {
      const session = await exportAndOpen(fixtureModel(f), { sequenceLens: true });
      const out = await session.run(feeds(f, Array<number>(f.batch).fill(f.seqLen)));
      await session.close();
      expect(maxAbsDiff(floats(out[ONNX_IO.y]), f.y.data), f.name).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(floats(out[ONNX_IO.yH]), f.hN.data), f.name).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('without carried state the graph starts from zeros, as feeding zero initial_h / initial_c does', async () => {
    for (const f of fixtures.filter((x) => x.numLayers === 2)) {
      const lens = { sequenceLens: f.lengths !== null };
      const stateless = await exportAndOpen(fixtureModel(f), { ...lens, carriedState: false });
      const stateful = await exportAndOpen(fixtureModel(f), lens);
      expect(stateless.inputNames).not.toContain(ONNX_IO.initialH);
      expect(stateless.outputNames).toEqual([ONNX_IO.y]);
      const zeroFeeds = feeds(f, f.lengths);
      zeroFeeds[ONNX_IO.initialH] = f32(new Float32Array(f.h0.data.length), f.h0.shape);
      if (f.c0) zeroFeeds[ONNX_IO.initialC] = f32(new Float32Array(f.c0.data.length), f.c0.shape);
      const a = await stateless.run({ [ONNX_IO.x]: zeroFeeds[ONNX_IO.x] as OnnxTensor, ...(f.lengths ? { [ONNX_IO.sequenceLens]: i64(f.lengths) } : {}) });
      const b = await stateful.run(zeroFeeds);
      await stateless.close();
      await stateful.close();
      expect(maxAbsDiff(floats(a[ONNX_IO.y]), floats(b[ONNX_IO.y])), f.name).toBe(0);
    }
  });
});
