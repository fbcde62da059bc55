// Shared finite-difference suite for the recurrent cells: every cell × {uni, bi} × {1, 2 layers}
// × {fixed, variable lengths} × {zero, given h0 (c0)} checks ∂L/∂ every parameter, x, h0, c0 in
// float64 against central differences, with L = Σ y∘ry + Σ hN∘rh (+ Σ cN∘rc).

import { describe, it } from 'vitest';
import type { CellName } from '../../../../core/common/nn/recurrent-cell';
import type { RecurrentLayer } from '../../../../core/common/nn/recurrent';
import { createRecurrentLayer } from '../../../../core/common/nn/recurrent-factory';
import { zeroGrads } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';
import { dot, expectGradient, randomArray } from './gradcheck';

export interface Problem {
  layer: RecurrentLayer;
  T: number;
  B: number;
  x: Float64Array;
  lengths?: number[] | undefined;
  h0?: Float64Array | undefined;
  c0?: Float64Array | undefined;
  ry: Float64Array;
  rh: Float64Array;
  rc?: Float64Array | undefined;
}

/** A small seeded problem; lengths [T, 1, T-1] when variable (a full row, a length-1 row, a shorter one). */
export function makeProblem(cell: CellName, opts: { bidirectional: boolean; numLayers: number; variable: boolean; withState: boolean; seed: number }): Problem {
  const T = 4,
    B = 3,
    I = 3,
    H = 3;
  const rng = new Rng(opts.seed);
  const layer = createRecurrentLayer(cell, { inputSize: I, hiddenSize: H, numLayers: opts.numLayers, bidirectional: opts.bidirectional, dtype: 'float64' });
  for (const p of layer.params) p.data.set(randomArray(rng, p.data.length, -0.7, 0.7));
  const D = opts.bidirectional ? 2 : 1;
  const nState = opts.numLayers * D * B * H;
  const lstm = cell === 'lstm';
  return {
    layer,
    T,
    B,
    x: randomArray(rng, T * B * I),
    lengths: opts.variable ? [T, 1, T - 1] : undefined,
    h0: opts.withState ? randomArray(rng, nState, -0.5, 0.5) : undefined,
    c0: opts.withState && lstm ? randomArray(rng, nState, -0.5, 0.5) : undefined,
    ry: randomArray(rng, T * B * D * H),
    rh: randomArray(rng, nState),
    rc: lstm ? randomArray(rng, nState) : undefined,
  };
}

export function lossOf(p: Problem): number {
  const out = p.layer.forward(p.x, p.T, p.B, { lengths: p.lengths, h0: p.h0, c0: p.c0 });
  return dot(out.y, p.ry) + dot(out.hN, p.rh) + (out.cN && p.rc ? dot(out.cN, p.rc) : 0);
}

/** Analytic gradients, copied out of the layer's workspace. */
export function analyticGrads(p: Problem): { params: Float64Array[]; dx: Float64Array; dh0: Float64Array; dc0?: Float64Array | undefined } {
  zeroGrads(p.layer.params);
  const out = p.layer.forward(p.x, p.T, p.B, { lengths: p.lengths, h0: p.h0, c0: p.c0 });
  const g = p.layer.backward(out.cache, { dy: p.ry, dhN: p.rh, dcN: p.rc });
  return {
    params: p.layer.params.map((q) => Float64Array.from(q.grad)),
    dx: Float64Array.from(g.dx),
    dh0: Float64Array.from(g.dh0),
    dc0: g.dc0 ? Float64Array.from(g.dc0) : undefined,
  };
}

export function describeGradientChecks(cell: CellName): void {
  describe(`${cell}: float64 central differences`, () => {
    let seed = 100;
    for (const bidirectional of [false, true]) {
      for (const numLayers of [1, 2]) {
        for (const variable of [false, true]) {
          for (const withState of [false, true]) {
            const opts = { bidirectional, numLayers, variable, withState, seed: seed++ };
            const title = `${bidirectional ? 'bi' : 'uni'} L=${numLayers} ${variable ? 'variable' : 'fixed'} lengths, ${withState ? 'given' : 'zero'} initial state`;
            it(title, () => {
              const p = makeProblem(cell, opts);
              const g = analyticGrads(p);
              const loss = (): number => lossOf(p);
              p.layer.params.forEach((q, i) => expectGradient(q.name, loss, q.data, g.params[i]!));
              expectGradient('x', loss, p.x, g.dx);
              if (p.h0) expectGradient('h0', loss, p.h0, g.dh0);
              if (p.c0 && g.dc0) expectGradient('c0', loss, p.c0, g.dc0);
            });
          }
        }
      }
    }
  });
}
