// Recording forwards (the explorer's source of states and gates): the recorded values are the forward
// pass's own, element for element (===, never "close"): h_t against the layer's outputs y and final states,
// every gate against its activation function applied to the recorded pre-activation, and c_t / h_t against
// the cell's update written out again. Recording changes nothing the forward returns.

import { describe, expect, it } from 'vitest';
import type { CellName } from '../../../../core/common/nn/cell-names';
import type { Kernels } from '../../../../core/common/nn/kernels';
import type { FloatArray } from '../../../../core/common/nn/param';
import type { DirectionInternals } from '../../../../core/common/nn/recorded-internals';
import { CELLS as CELLS_BY_NAME, CellStepper } from '../../../../core/common/nn/cell-stepper';
import { jsKernels } from '../../../../core/common/nn/kernels-js';
import { createWasmKernelsSync } from '../../../../core/common/nn/kernels-wasm';
import { createRecurrentLayer } from '../../../../core/common/nn/recurrent-factory';
import { Rng } from '../../../../core/common/random/rng';
import { randomArray } from './gradcheck';

const CELLS: CellName[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];
const KERNELS: [string, Kernels][] = [
  ['js', jsKernels],
  ['wasm', createWasmKernelsSync()],
];

/** Fails at the first element where a !== b, naming it. */
function expectIdentical(label: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length, `${label}: length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) expect.fail(`${label}[${i}]: ${a[i]} !== ${b[i]}`);
}

const f32 = (a: ArrayLike<number>): Float32Array => Float32Array.from(a);

/** Applies the activation the cell declares for each gate block to the recorded pre-activations, with the layer's kernels. */
function recomputeGates(cell: CellName, k: Kernels, d: DirectionInternals, rows: number, H: number): Float32Array {
  const G = d.gates.length / rows;
  const out = new Float32Array(rows * G);
  const pre = f32(d.preActivations);
  CELLS_BY_NAME[cell].gateActivations.forEach((act, j) => k[act](rows, H, pre, j * H, G, out, j * H, G));
  return out;
}

/** c_t = f ∘ c_{t-1} + i ∘ g and h_t = o ∘ tanh(c_t) (LSTM), h_t = (1 - z) ∘ n + z ∘ h_{t-1} (GRU), h_t = act (RNN), from the record. */
function recomputeStates(cell: CellName, k: Kernels, d: DirectionInternals, T: number, B: number, H: number, h0: FloatArray, c0: FloatArray) {
  const G = d.gates.length / (T * B);
  const h = new Float32Array(T * B * H);
  const c = new Float32Array(T * B * H);
  const tanhC = new Float32Array(B * H);
  for (let s = 0; s < T; s++) {
    const t = d.reverse ? T - 1 - s : s;
    const prevT = d.reverse ? t + 1 : t - 1;
    const first = d.reverse ? t === T - 1 : t === 0;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const row = (t * B + b) * G;
        const at = (t * B + b) * H + j;
        const hPrev = first ? h0[b * H + j]! : d.h[(prevT * B + b) * H + j]!;
        if (cell === 'lstm') {
          const cPrev = first ? c0[b * H + j]! : (d.c as FloatArray)[(prevT * B + b) * H + j]!;
          c[at] = d.gates[row + H + j]! * cPrev + d.gates[row + j]! * d.gates[row + 2 * H + j]!;
        } else if (cell === 'gru') {
          const z = d.gates[row + H + j]!;
          h[at] = (1 - z) * d.gates[row + 2 * H + j]! + z * hPrev;
        } else {
          h[at] = d.gates[row + j]!;
        }
      }
    }
    if (cell === 'lstm') {
      k.tanh(B, H, c, t * B * H, H, tanhC, 0, H);
      k.mul(B, H, d.gates, t * B * G + 3 * H, G, tanhC, 0, H, h, t * B * H, H);
    }
  }
  return { h, c };
}

describe.each(KERNELS)('%s kernels', (_name, kernels) => {
  describe.each(CELLS)('%s: a recording forward', (cell) => {
    for (const [numLayers, bidirectional] of [
      [1, false],
      [2, true],
    ] as const) {
      it(`L=${numLayers} ${bidirectional ? 'bidirectional' : 'unidirectional'}: h_t, c_t and every gate are the forward's own values`, () => {
        const T = 5,
          B = 2,
          I = 3,
          H = 4,
          D = bidirectional ? 2 : 1;
        const rng = new Rng(11 + numLayers);
        const layer = createRecurrentLayer(cell, { inputSize: I, hiddenSize: H, numLayers, bidirectional, kernels });
        for (const p of layer.params) p.data.set(randomArray(rng, p.data.length, -0.8, 0.8));
        const x = f32(randomArray(rng, T * B * I, -1.5, 1.5));
        const nState = numLayers * D * B * H;
        const h0 = f32(randomArray(rng, nState, -0.5, 0.5));
        const c0 = cell === 'lstm' ? f32(randomArray(rng, nState, -0.5, 0.5)) : undefined;

        const plain = layer.forward(x, T, B, { h0, c0 });
        const plainY = f32(plain.y),
          plainHN = f32(plain.hN);
        const recorded = layer.forward(x, T, B, { h0, c0, record: true });
        expectIdentical('y with recording', recorded.y, plainY);
        expectIdentical('hN with recording', recorded.hN, plainHN);
        expect(plain.internals).toBeUndefined();
        const internals = recorded.internals;
        if (internals === undefined) throw new Error('no internals recorded');
        expect(internals.gateOrder).toEqual(layer.cell.gateOrder);
        expect(internals.directions).toHaveLength(numLayers * D);

        internals.directions.forEach((d, i) => {
          const k = Math.floor(i / D);
          const where = `layer ${k}${d.reverse ? ' reverse' : ''}`;
          expect(d.layer).toBe(k);
          // The top layer's h_t is the layer's output y[t, b, dir block]; every layer's final h is hN.
          if (k === numLayers - 1) {
            const fromY = new Float32Array(T * B * H);
            kernels.copy(T * B, H, recorded.y, (d.reverse ? 1 : 0) * H, D * H, fromY, 0, H);
            expectIdentical(`${where} h vs y`, d.h, fromY);
          }
          const tLast = d.reverse ? 0 : T - 1;
          expectIdentical(
            `${where} h at the last step vs hN`,
            d.h.subarray(tLast * B * H, (tLast + 1) * B * H),
            recorded.hN.subarray(i * B * H, (i + 1) * B * H),
          );
          expectIdentical(`${where} gates vs act(pre-activations)`, d.gates, recomputeGates(cell, kernels, d, T * B, H));
          const again = recomputeStates(cell, kernels, d, T, B, H, h0.subarray(i * B * H), (c0 ?? new Float32Array(nState)).subarray(i * B * H));
          expectIdentical(`${where} h_t from the recorded gates`, d.h, again.h);
          if (cell === 'lstm') {
            expectIdentical(`${where} c_t from the recorded gates`, d.c as FloatArray, again.c);
            expectIdentical(
              `${where} final c vs cN`,
              (d.c as FloatArray).subarray(tLast * B * H, (tLast + 1) * B * H),
              (recorded.cN as FloatArray).subarray(i * B * H, (i + 1) * B * H),
            );
          } else {
            expect(d.c).toBeNull();
          }
        });
      });
    }

    it('variable lengths: at valid steps the recorded top-layer h_t is y; a padded step carries the last valid state', () => {
      const T = 4,
        B = 3,
        I = 2,
        H = 3;
      const rng = new Rng(5);
      const layer = createRecurrentLayer(cell, { inputSize: I, hiddenSize: H, bidirectional: true, kernels });
      for (const p of layer.params) p.data.set(randomArray(rng, p.data.length, -0.8, 0.8));
      const x = f32(randomArray(rng, T * B * I));
      const lengths = [T, 1, T - 1];
      const r = layer.forward(x, T, B, { lengths, record: true });
      const [fwd, rev] = r.internals?.directions ?? [];
      if (fwd === undefined || rev === undefined) throw new Error('two directions expected');
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < lengths[b]!; t++) {
          for (const [d, col] of [
            [fwd, 0],
            [rev, H],
          ] as const) {
            expectIdentical(
              `b=${b} t=${t}`,
              d.h.subarray((t * B + b) * H, (t * B + b + 1) * H),
              r.y.subarray((t * B + b) * 2 * H + col, (t * B + b) * 2 * H + col + H),
            );
          }
        }
        for (let t = lengths[b]!; t < T; t++) {
          const last = lengths[b]! - 1;
          expectIdentical(
            `b=${b} padded t=${t}`,
            fwd.h.subarray((t * B + b) * H, (t * B + b + 1) * H),
            fwd.h.subarray((last * B + b) * H, (last * B + b + 1) * H),
          );
        }
      }
    });

    it('a recording CellStepper keeps h_t and the gates of each step it took', () => {
      const T = 3,
        B = 2,
        I = 3,
        H = 4;
      const rng = new Rng(9);
      const stepper = new CellStepper(cell, { inputSize: I, hiddenSize: H, kernels });
      for (const p of stepper.params) p.data.set(randomArray(rng, p.data.length, -0.8, 0.8));
      const x = f32(randomArray(rng, T * B * I));
      stepper.begin(B, T, null, null, true);
      for (let t = 0; t < T; t++) stepper.step(x, t * B * I);
      const d = stepper.recorded();
      expectIdentical('h_t vs the stepper outputs', d.h, stepper.outputs());
      expectIdentical('gates vs act(pre-activations)', d.gates, recomputeGates(cell, kernels, d, T * B, H));
    });
  });
});
