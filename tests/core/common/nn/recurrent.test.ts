// The stacked recurrent layer, cell-independent behaviour: padding never leaks, carried state
// chunks exactly, dropout is deterministic, gradient norms per step, workspace reuse, and errors.

import { describe, expect, it } from 'vitest';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';
import type { Kernels } from '../../../../core/common/nn/kernels';
import { createRecurrentLayer } from '../../../../core/common/nn/recurrent-factory';
import { jsKernels } from '../../../../core/common/nn/kernels-js';
import { LSTM } from '../../../../core/common/nn/lstm';
import { GRU } from '../../../../core/common/nn/gru';
import { zeroGrads } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';
import { analyticGrads, makeProblem } from './recurrent-gradcheck';
import { dot, expectGradient, randomArray } from './gradcheck';

const CELLS: CellName[] = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'];
const copy = (a: ArrayLike<number>): number[] => Array.from(a);

describe.each(CELLS)('%s: variable-length batches', (cell) => {
  it('padded inputs and padded dy change nothing, and y and dx are exactly 0 there', () => {
    const p = makeProblem(cell, { bidirectional: true, numLayers: 2, variable: true, withState: true, seed: 7 });
    const run = () => {
      zeroGrads(p.layer.params);
      const f = p.layer.forward(p.x, p.T, p.B, { lengths: p.lengths, h0: p.h0, c0: p.c0 });
      const out = { y: copy(f.y), hN: copy(f.hN), cN: f.cN ? copy(f.cN) : [] };
      const g = p.layer.backward(f.cache, { dy: p.ry, dhN: p.rh, dcN: p.rc });
      return { ...out, dx: copy(g.dx), dh0: copy(g.dh0), params: p.layer.params.map((q) => copy(q.grad)) };
    };
    const before = run();
    const I = p.x.length / (p.T * p.B),
      DH = p.ry.length / (p.T * p.B);
    const lengths = p.lengths!;
    let padded = 0;
    for (let t = 0; t < p.T; t++) {
      for (let b = 0; b < p.B; b++) {
        if (t < lengths[b]!) continue;
        padded++;
        for (let j = 0; j < I; j++) {
          expect(before.dx[(t * p.B + b) * I + j]).toBe(0);
          p.x[(t * p.B + b) * I + j] = 100 + j; // huge padding values would show any leak
        }
        for (let j = 0; j < DH; j++) {
          expect(before.y[(t * p.B + b) * DH + j]).toBe(0);
          p.ry[(t * p.B + b) * DH + j] = -50;
        }
      }
    }
    expect(padded).toBeGreaterThan(0);
    expect(run()).toEqual(before);
  });

  it('equals running each sequence alone on its valid steps', () => {
    const p = makeProblem(cell, { bidirectional: true, numLayers: 2, variable: true, withState: true, seed: 8 });
    const batch = p.layer.forward(p.x, p.T, p.B, { lengths: p.lengths, h0: p.h0, c0: p.c0 });
    const y = copy(batch.y),
      hN = copy(batch.hN);
    const I = p.x.length / (p.T * p.B),
      DH = p.ry.length / (p.T * p.B),
      H = p.layer.hiddenSize,
      S = p.h0!.length / (p.B * H);
    for (let b = 0; b < p.B; b++) {
      const n = p.lengths![b]!;
      const x = new Float64Array(n * I),
        h0 = new Float64Array(S * H),
        c0 = new Float64Array(S * H);
      for (let t = 0; t < n; t++) x.set(p.x.subarray((t * p.B + b) * I, (t * p.B + b + 1) * I), t * I);
      for (let s = 0; s < S; s++) {
        h0.set(p.h0!.subarray((s * p.B + b) * H, (s * p.B + b + 1) * H), s * H);
        if (p.c0) c0.set(p.c0.subarray((s * p.B + b) * H, (s * p.B + b + 1) * H), s * H);
      }
      const alone = p.layer.forward(x, n, 1, { h0, c0: p.c0 ? c0 : undefined });
      for (let t = 0; t < n; t++) {
        for (let j = 0; j < DH; j++) expect(y[(t * p.B + b) * DH + j]).toBeCloseTo(alone.y[t * DH + j]!, 14);
      }
      for (let s = 0; s < S; s++) {
        for (let j = 0; j < H; j++) expect(hN[(s * p.B + b) * H + j]).toBeCloseTo(alone.hN[s * H + j]!, 14);
      }
    }
  });

  it('a row of length 0 outputs zeros, keeps h0 as hN and passes dhN to dh0', () => {
    const p = makeProblem(cell, { bidirectional: false, numLayers: 1, variable: false, withState: true, seed: 9 });
    const H = p.layer.hiddenSize;
    const f = p.layer.forward(p.x, p.T, p.B, { lengths: [p.T, 0, 2], h0: p.h0, c0: p.c0 });
    for (let t = 0; t < p.T; t++) for (let j = 0; j < H; j++) expect(f.y[(t * p.B + 1) * H + j]).toBe(0);
    expect(copy(f.hN.subarray(H, 2 * H))).toEqual(copy(p.h0!.subarray(H, 2 * H)));
    const g = p.layer.backward(f.cache, { dy: p.ry, dhN: p.rh, dcN: p.rc });
    expect(copy(g.dh0.subarray(H, 2 * H))).toEqual(copy(p.rh.subarray(H, 2 * H)));
  });
});

describe.each(CELLS)('%s: truncated BPTT with carried state', (cell) => {
  it('two calls carrying hN (cN) equal one call, forward and backward', () => {
    const T = 6,
      B = 3,
      I = 2,
      H = 3,
      L = 2,
      split = 4;
    const rng = new Rng(11);
    const layer = createRecurrentLayer(cell, { inputSize: I, hiddenSize: H, numLayers: L, dtype: 'float64' });
    for (const q of layer.params) q.data.set(randomArray(rng, q.data.length, -0.7, 0.7));
    const x = randomArray(rng, T * B * I),
      dy = randomArray(rng, T * B * H);
    const h0 = randomArray(rng, L * B * H),
      c0 = cell === 'lstm' ? randomArray(rng, L * B * H) : undefined;
    const lengths = [6, 3, 5]; // row 1 ends inside the first chunk: its second chunk has length 0

    zeroGrads(layer.params);
    const full = layer.forward(x, T, B, { lengths, h0, c0 });
    const yFull = copy(full.y),
      hNFull = copy(full.hN),
      cNFull = full.cN ? copy(full.cN) : [];
    const gFull = layer.backward(full.cache, { dy });
    const dxFull = copy(gFull.dx),
      dh0Full = copy(gFull.dh0);
    const gradFull = layer.params.map((q) => copy(q.grad));

    zeroGrads(layer.params);
    const len1 = lengths.map((n) => Math.min(n, split)),
      len2 = lengths.map((n) => Math.max(0, n - split));
    const first = layer.forward(x.subarray(0, split * B * I), split, B, { lengths: len1, h0, c0 });
    const y1 = copy(first.y);
    // hN / cN are passed back as they come, without a copy: the layer must allow that aliasing.
    const second = layer.forward(x.subarray(split * B * I), T - split, B, { lengths: len2, h0: first.hN, c0: first.cN });
    expect([...y1, ...copy(second.y)]).toEqual(yFull);
    expect(copy(second.hN)).toEqual(hNFull);
    if (cell === 'lstm') expect(copy(second.cN!)).toEqual(cNFull);

    // Backward of the second chunk, then its dh0 (dc0) as the first chunk's dhN (dcN): exact BPTT.
    const g2 = layer.backward(second.cache, { dy: dy.subarray(split * B * H) });
    const dx2 = copy(g2.dx);
    const again = layer.forward(x.subarray(0, split * B * I), split, B, { lengths: len1, h0, c0 });
    const g1 = layer.backward(again.cache, { dy: dy.subarray(0, split * B * H), dhN: g2.dh0, dcN: g2.dc0 });
    const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 13));
    close([...copy(g1.dx), ...dx2], dxFull);
    close(copy(g1.dh0), dh0Full);
    layer.params.forEach((q, i) => close(copy(q.grad), gradFull[i]!));
  });
});

describe('dropout between layers', () => {
  const build = () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 3, dropout: 0.5, dtype: 'float64' });
    const rng = new Rng(3);
    for (const q of lstm.params) q.data.set(randomArray(rng, q.data.length, -0.5, 0.5));
    return { lstm, x: randomArray(rng, 5 * 2 * 3), dy: randomArray(rng, 5 * 2 * 4) };
  };

  it('is deterministic for a seed, differs across seeds, and is off outside training', () => {
    const { lstm, x } = build();
    const y = (opts: { training?: boolean; seed?: number }) =>
      copy(lstm.forward(x, 5, 2, { training: opts.training, rng: opts.seed === undefined ? undefined : new Rng(opts.seed) }).y);
    const eval1 = y({});
    expect(y({ training: true, seed: 1 })).toEqual(y({ training: true, seed: 1 }));
    expect(y({ training: true, seed: 1 })).not.toEqual(y({ training: true, seed: 2 }));
    expect(y({ training: true, seed: 1 })).not.toEqual(eval1);
    expect(y({ training: false, seed: 1 })).toEqual(eval1);
    const plain = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 3, dtype: 'float64' });
    plain.params.forEach((q, i) => q.data.set(lstm.params[i]!.data));
    expect(copy(plain.forward(x, 5, 2).y)).toEqual(eval1);
  });

  it('backward matches central differences under a fixed mask', () => {
    const { lstm, x, dy } = build();
    const loss = () => {
      return dot(lstm.forward(x, 5, 2, { training: true, rng: new Rng(42) }).y, dy);
    };
    zeroGrads(lstm.params);
    const f = lstm.forward(x, 5, 2, { training: true, rng: new Rng(42) });
    const dx = copy(lstm.backward(f.cache, { dy }).dx);
    expectGradient('x', loss, x, dx);
    expectGradient(lstm.params[0]!.name, loss, lstm.params[0]!.data, copy(lstm.params[0]!.grad));
  });

  it('needs an rng when training', () => {
    const { lstm, x } = build();
    expect(() => lstm.forward(x, 5, 2, { training: true })).toThrow(/needs opts.rng/);
  });
});

describe('per-step gradient norms ‖∂L/∂h_t‖', () => {
  it('equal the gradient reaching h_t, measured by splitting the sequence at t', () => {
    const T = 5,
      B = 2,
      I = 2,
      H = 3;
    const rng = new Rng(5);
    const gru = new GRU({ inputSize: I, hiddenSize: H, dtype: 'float64' });
    for (const q of gru.params) q.data.set(randomArray(rng, q.data.length, -0.7, 0.7));
    const x = randomArray(rng, T * B * I),
      dy = randomArray(rng, T * B * H),
      dhN = randomArray(rng, B * H);
    const f = gru.forward(x, T, B);
    const norms = Float64Array.from(gru.backward(f.cache, { dy, dhN }, { hGradNorms: true }).hGradNorms!);
    expect(norms.length).toBe(T);
    for (let t = 0; t < T; t++) {
      // ∂L/∂h_t = dy_t + (∂L/∂h0 of the run over steps t+1..T-1 started from h_t), or dy_{T-1} + dhN.
      let carried = dhN;
      if (t < T - 1) {
        const head = gru.forward(x.subarray(0, (t + 1) * B * I), t + 1, B);
        const ht = Float64Array.from(head.hN);
        const tail = gru.forward(x.subarray((t + 1) * B * I), T - t - 1, B, { h0: ht });
        carried = Float64Array.from(gru.backward(tail.cache, { dy: dy.subarray((t + 1) * B * H), dhN }).dh0);
      }
      let sq = 0;
      for (let i = 0; i < B * H; i++) sq += (dy[t * B * H + i]! + carried[i]!) ** 2;
      expect(norms[t]).toBeCloseTo(Math.sqrt(sq), 12);
    }
  });

  it('are reported per layer and direction as [L*D, T] and only on request', () => {
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 2, numLayers: 2, bidirectional: true, dtype: 'float64' });
    const rng = new Rng(1);
    for (const q of lstm.params) q.data.set(randomArray(rng, q.data.length));
    const f = lstm.forward(randomArray(rng, 3 * 2 * 2), 3, 2);
    expect(lstm.backward(f.cache, { dy: randomArray(rng, 3 * 2 * 4) }).hGradNorms).toBeUndefined();
    const norms = lstm.backward(f.cache, { dy: randomArray(rng, 3 * 2 * 4) }, { hGradNorms: true }).hGradNorms!;
    expect(norms.length).toBe(4 * 3);
    expect(Array.from(norms).every((v) => v > 0)).toBe(true);
  });
});

describe('speed by design', () => {
  it('projects the inputs of all steps in one matmul and uses one fused product per step', () => {
    const calls: Record<string, number> = {};
    const counting = Object.fromEntries(
      Object.entries(jsKernels).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          calls[name] = (calls[name] ?? 0) + 1;
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
      ]),
    ) as unknown as Kernels;
    const T = 7;
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, kernels: counting });
    lstm.forward(new Float32Array(T * 2 * 3), T, 2);
    expect(calls.matmulNT).toBe(1 + T); // X·W_ihᵀ once, h·W_hhᵀ (all 4 gates) per step
    expect(calls.matmul ?? 0).toBe(0);
  });

  it('reuses its workspace for the same batch shape', () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4 });
    const x = new Float32Array(5 * 2 * 3).fill(0.1);
    const a = lstm.forward(x, 5, 2);
    const yBuffer = a.y.buffer,
      first = copy(a.y);
    const b = lstm.forward(x, 5, 2);
    expect(b.y.buffer).toBe(yBuffer);
    expect(copy(b.y)).toEqual(first);
    expect(lstm.forward(x.subarray(0, 3 * 2 * 3), 3, 2).y.buffer).toBe(yBuffer); // a smaller T fits too
  });
});

describe('entry checks', () => {
  const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2 });
  it('name the function and the shapes', () => {
    expect(() => lstm.forward(new Float32Array(29), 5, 2)).toThrow('LSTM.forward: x [T, B, I] must be [5, 2, 3] = 30 values, got 29');
    expect(() => lstm.forward(new Float32Array(30), 5, 2, { h0: new Float32Array(8) })).toThrow(/h0 \[L\*D, B, H\] must be \[2, 2, 4\]/);
    expect(() => lstm.forward(new Float64Array(30), 5, 2)).toThrow(/must be a Float32Array/);
    expect(() => lstm.forward(new Float32Array(30), 5, 2, { lengths: [5, 6] })).toThrow(/lengths\[1\] must be an integer in 0..5, got 6/);
    expect(() => new GRU({ inputSize: 3, hiddenSize: 4 }).forward(new Float32Array(30), 5, 2, { c0: new Float32Array(8) })).toThrow(/c0 is only for LSTM/);
    const f = lstm.forward(new Float32Array(30), 5, 2);
    expect(() => lstm.backward(f.cache, { dy: new Float32Array(3) })).toThrow(/LSTM.backward: dy \[T, B, D\*H\] must be \[5, 2, 4\]/);
  });

  it('refuse a stale cache', () => {
    const f = lstm.forward(new Float32Array(30), 5, 2);
    lstm.forward(new Float32Array(30), 5, 2);
    expect(() => lstm.backward(f.cache, {})).toThrow(/stale cache/);
  });
});

describe('float32 against float64', () => {
  it.each(CELLS)('%s: bi, 2 layers, variable lengths agree to float32 precision', (cell) => {
    const p = makeProblem(cell, { bidirectional: true, numLayers: 2, variable: true, withState: true, seed: 21 });
    const g64 = analyticGrads(p);
    const y64 = copy(p.layer.forward(p.x, p.T, p.B, { lengths: p.lengths, h0: p.h0, c0: p.c0 }).y);
    const l32 = createRecurrentLayer(cell, { inputSize: 3, hiddenSize: 3, numLayers: 2, bidirectional: true });
    l32.params.forEach((q, i) => q.data.set(p.layer.params[i]!.data));
    const f32 = (a?: Float64Array) => (a ? Float32Array.from(a) : undefined);
    const f = l32.forward(f32(p.x)!, p.T, p.B, { lengths: p.lengths, h0: f32(p.h0), c0: f32(p.c0) });
    copy(f.y).forEach((v, i) => expect(Math.abs(v - y64[i]!)).toBeLessThan(1e-6));
    const g = l32.backward(f.cache, { dy: f32(p.ry), dhN: f32(p.rh), dcN: f32(p.rc) });
    copy(g.dx).forEach((v, i) => expect(Math.abs(v - g64.dx[i]!)).toBeLessThan(1e-5));
  });
});
