// ‖∂L/∂c_t‖ of an LSTM (sampled beside ‖∂L/∂h_t‖): the whole gradient reaching the cell state at step t, through
// c_{t+1} and through h_t. Checked two ways that share nothing with the backward code under test: by central
// differences on a suffix of the sequence, and by the exact relation to ∂L/∂c0, which the gradient checks already prove.
//
// Both rest on one fact of the LSTM: c_t = f_t ∘ c_{t-1} + i_t ∘ g_t, with the gates computed from x_t and h_{t-1}
// only; so moving c_{t-1} by δ (h_{t-1} held) moves c_t by f_t ∘ δ and nothing else, and ∂L/∂c_{t-1} = f_t ∘ ∂L/∂c_t.
import { describe, expect, it } from 'vitest';
import { LSTM_GATE_ORDER } from '../../../../core/common/nn/lstm';
import { dot } from './gradcheck';
import { makeProblem, type Problem } from './recurrent-gradcheck';

const F = LSTM_GATE_ORDER.indexOf('f');

/** The sampled grids of the problem's full backward: ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖, [L*D, T] each, and ∂L/∂c0. */
function sampled(p: Problem) {
  const out = p.layer.forward(p.x, p.T, p.B, { lengths: p.lengths, h0: p.h0, c0: p.c0, record: true });
  const internals = out.internals;
  if (internals === undefined) throw new Error('the recording forward kept no internals');
  const g = p.layer.backward(out.cache, { dy: p.ry, dhN: p.rh, dcN: p.rc }, { hGradNorms: true });
  if (g.cGradNorms === undefined || g.dc0 === undefined) throw new Error('an LSTM backward with hGradNorms returned no ‖∂L/∂c_t‖ or dc0');
  return { internals, hNorms: Float64Array.from(g.hGradNorms ?? []), cNorms: Float64Array.from(g.cGradNorms), dc0: Float64Array.from(g.dc0) };
}

describe('‖∂L/∂c_t‖ of an LSTM', () => {
  it('equals the central difference of the loss over c_t, at a step in the middle of the sequence', () => {
    const p = makeProblem('lstm', { bidirectional: false, numLayers: 1, variable: false, withState: true, seed: 11 });
    const { T, B } = p;
    const H = p.layer.hiddenSize;
    const G = 4 * H;
    const I = p.layer.inputSize;
    const { internals, cNorms } = sampled(p);
    const dir = internals.directions[0];
    if (dir?.c == null) throw new Error('no recorded cell states');
    for (const t of [1, 2, 3]) {
      // The suffix t..T-1 started from the full run's (h_{t-1}, c_{t-1}): its loss is L minus a part that c_t cannot move.
      const h0 = dir.h.slice((t - 1) * B * H, t * B * H);
      const c0 = dir.c.slice((t - 1) * B * H, t * B * H);
      const x = p.x.slice(t * B * I);
      const ry = p.ry.slice(t * B * H);
      const suffixLoss = (c: Float64Array) => {
        const out = p.layer.forward(x, T - t, B, { h0, c0: c });
        return dot(out.y, ry) + dot(out.hN, p.rh) + (out.cN && p.rc ? dot(out.cN, p.rc) : 0);
      };
      let sq = 0;
      const delta = 1e-6;
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) {
          const i = b * H + j;
          const up = Float64Array.from(c0);
          const down = Float64Array.from(c0);
          up[i]! += delta;
          down[i]! -= delta;
          const dLdcPrev = (suffixLoss(up) - suffixLoss(down)) / (2 * delta);
          const f = dir.gates[t * B * G + b * G + F * H + j]!;
          sq += (dLdcPrev / f) ** 2;
        }
      }
      expect(cNorms[t]! / Math.sqrt(sq), `t = ${t}`).toBeCloseTo(1, 7);
    }
  });

  it('is ‖∂L/∂c0 / f‖ at the first step each direction takes, in stacked, bidirectional and padded batches', () => {
    for (const [bidirectional, numLayers, variable] of [
      [false, 1, false],
      [true, 1, false],
      [false, 2, true],
      [true, 2, false],
    ] as const) {
      const p = makeProblem('lstm', { bidirectional, numLayers, variable, withState: true, seed: 5 });
      const { T, B } = p;
      const H = p.layer.hiddenSize;
      const G = 4 * H;
      const { internals, cNorms, hNorms, dc0 } = sampled(p);
      expect(cNorms.length).toBe(hNorms.length);
      internals.directions.forEach((dir, row) => {
        // A forward direction starts at t = 0 in every row; the reverse one at t = T - 1 (fixed lengths only here).
        if (dir.reverse && variable) return;
        const t = dir.reverse ? T - 1 : 0;
        let sq = 0;
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < H; j++) {
            const f = dir.gates[t * B * G + b * G + F * H + j]!;
            sq += (dc0[row * B * H + b * H + j]! / f) ** 2;
          }
        }
        expect(cNorms[row * T + t]! / Math.sqrt(sq), `${bidirectional ? 'bi' : 'uni'} ${numLayers} layers, direction row ${row}`).toBeCloseTo(1, 10);
      });
    }
  });

  it('is not computed for cells without a cell state, nor when norms are not sampled', () => {
    const gru = makeProblem('gru', { bidirectional: false, numLayers: 1, variable: false, withState: false, seed: 1 });
    const out = gru.layer.forward(gru.x, gru.T, gru.B);
    expect(gru.layer.backward(out.cache, { dy: gru.ry, dhN: gru.rh }, { hGradNorms: true }).cGradNorms).toBeUndefined();
    const lstm = makeProblem('lstm', { bidirectional: false, numLayers: 1, variable: false, withState: false, seed: 1 });
    const lOut = lstm.layer.forward(lstm.x, lstm.T, lstm.B);
    expect(lstm.layer.backward(lOut.cache, { dy: lstm.ry, dhN: lstm.rh, dcN: lstm.rc }).cGradNorms).toBeUndefined();
  });
});
