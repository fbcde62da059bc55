// CellStepper: stepping a cell one step at a time (and backpropagating step by step) gives exactly
// what the whole-sequence recurrent layer gives, for every cell; shared parameters; argument checks.

import { describe, expect, it } from 'vitest';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';
import { CellStepper } from '../../../../core/common/nn/cell-stepper';
import { createRecurrentLayer } from '../../../../core/common/nn/recurrent-factory';
import { zeroGrads } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';
import { dot, expectGradient, randomArray } from './gradcheck';

const CELLS: CellName[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('CellStepper', () => {
  it.each(CELLS)('%s: steps and step-wise BPTT equal the recurrent layer (float64)', (cell) => {
    const T = 5,
      B = 3,
      I = 4,
      H = 3;
    const rng = new Rng(7);
    const lstm = cell === 'lstm';
    const layer = createRecurrentLayer(cell, { inputSize: I, hiddenSize: H, dtype: 'float64' });
    const stepper = new CellStepper(cell, { inputSize: I, hiddenSize: H, dtype: 'float64', namePrefix: 'dec.' });
    expect(stepper.params.map((p) => p.name)).toEqual(['dec.weight_ih', 'dec.weight_hh', 'dec.bias_ih', 'dec.bias_hh']);
    layer.params.forEach((p, i) => {
      p.data.set(randomArray(rng, p.data.length, -0.6, 0.6));
      stepper.params[i]!.data.set(p.data);
    });
    const x = randomArray(rng, T * B * I);
    const h0 = randomArray(rng, B * H, -0.5, 0.5);
    const c0 = lstm ? randomArray(rng, B * H, -0.5, 0.5) : undefined;
    const dy = randomArray(rng, T * B * H);
    const dhN = randomArray(rng, B * H);
    const dcN = lstm ? randomArray(rng, B * H) : undefined;

    zeroGrads(layer.params);
    const ref = layer.forward(x, T, B, { h0, c0 });
    const refY = Float64Array.from(ref.y);
    const refBack = layer.backward(ref.cache, { dy, dhN, dcN });

    zeroGrads(stepper.params);
    stepper.begin(B, T, h0, c0 ?? null);
    for (let t = 0; t < T; t++) stepper.step(x, t * B * I);
    expect(maxDiff(stepper.outputs(), refY)).toBeLessThan(1e-14);
    expect(maxDiff(stepper.h(T), ref.hN)).toBeLessThan(1e-14);
    if (lstm) expect(maxDiff(stepper.c(T)!, ref.cN!)).toBeLessThan(1e-14);
    stepper.beginBackward(dhN, dcN ?? null);
    const dx = new Float64Array(T * B * I);
    for (let t = T - 1; t >= 0; t--) dx.set(stepper.backwardStep(dy, t * B * H, H), t * B * I);
    const { dh0, dc0 } = stepper.endBackward();
    expect(maxDiff(dx, refBack.dx)).toBeLessThan(1e-13);
    expect(maxDiff(dh0, refBack.dh0)).toBeLessThan(1e-13);
    if (lstm) expect(maxDiff(dc0!, refBack.dc0!)).toBeLessThan(1e-13);
    layer.params.forEach((p, i) => expect(maxDiff(stepper.params[i]!.grad, p.grad), p.name).toBeLessThan(1e-12));
  });

  it('addHiddenGrad feeds gradient of h_{t-1} from outside (finite differences through a feedback loop)', () => {
    // x_t depends on h_{t-1} through a fixed matrix M (x_t = M h_{t-1} + u_t), as a decoder's input does.
    for (const cell of CELLS.filter((c) => c !== 'rnn_relu')) {
      const T = 3,
        B = 2,
        I = 3,
        H = 2;
      const rng = new Rng(11);
      const stepper = new CellStepper(cell, { inputSize: I, hiddenSize: H, dtype: 'float64' });
      for (const p of stepper.params) p.data.set(randomArray(rng, p.data.length, -0.7, 0.7));
      const M = randomArray(rng, I * H);
      const u = randomArray(rng, T * B * I);
      const h0 = randomArray(rng, B * H, -0.5, 0.5);
      const r = randomArray(rng, T * B * H);
      const xs = new Float64Array(T * B * I);
      const run = (): number => {
        stepper.begin(B, T, h0, null);
        for (let t = 0; t < T; t++) {
          const h = stepper.h(t);
          for (let b = 0; b < B; b++)
            for (let i = 0; i < I; i++) {
              let s = u[(t * B + b) * I + i]!;
              for (let j = 0; j < H; j++) s += M[i * H + j]! * h[b * H + j]!;
              xs[(t * B + b) * I + i] = s;
            }
          stepper.step(xs, t * B * I);
        }
        return dot(stepper.outputs(), r);
      };
      zeroGrads(stepper.params);
      run();
      stepper.beginBackward(null, null);
      const du = new Float64Array(T * B * I);
      for (let t = T - 1; t >= 0; t--) {
        const dx = stepper.backwardStep(r, t * B * H, H);
        du.set(dx, t * B * I);
        const dh = new Float64Array(B * H); // dx · M
        for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) for (let i = 0; i < I; i++) dh[b * H + j]! += dx[b * I + i]! * M[i * H + j]!;
        stepper.addHiddenGrad(dh, 0, H);
      }
      const { dh0 } = stepper.endBackward();
      const dh0Copy = Float64Array.from(dh0);
      const grads = stepper.params.map((p) => Float64Array.from(p.grad));
      stepper.params.forEach((p, i) => expectGradient(`${cell} ${p.name}`, run, p.data, grads[i]!));
      expectGradient(`${cell} u`, run, u, du);
      expectGradient(`${cell} h0`, run, h0, dh0Copy);
    }
  });

  it('shares parameters with another stepper and checks its arguments', () => {
    const a = new CellStepper('gru', { inputSize: 2, hiddenSize: 3 });
    const b = new CellStepper('gru', { inputSize: 2, hiddenSize: 3 }, a);
    expect(b.params).toBe(a.params);
    expect(() => new CellStepper('lstm', { inputSize: 2, hiddenSize: 3 }, a)).toThrow(/another configuration/);
    a.begin(2, 1, null, null);
    a.step(new Float32Array(4), 0);
    expect(() => a.step(new Float32Array(4), 0)).toThrow(/all 1 steps reserved/);
    expect(() => a.begin(2, 1, null, new Float32Array(6))).toThrow(/c0 is only for LSTM/);
    expect(() => a.begin(2, 1, new Float32Array(5), null)).toThrow(/h0 \[B, H\]/);
    a.begin(2, 2, null, null);
    a.step(new Float32Array(4), 0);
    a.beginBackward(null, null);
    expect(() => a.endBackward()).toThrow(/not differentiated/);
  });
});
