// Additive attention: the shared PyTorch fixtures (float64 to ~1e-10, float32 to the README's
// tolerances), exact zeros at masked steps, float64 finite differences of a decoder-like multi-step
// use (several queries over one memory), and argument checks.

import { describe, expect, it } from 'vitest';
import type { AttentionFixture } from '../../../../core/common/nn/fixture';
import { parseFixture } from '../../../../core/common/nn/fixture';
import { compareFixture } from '../../../../core/common/nn/fixture-compare';
import { AdditiveAttention } from '../../../../core/common/nn/additive-attention';
import { zeroGrads } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';
import { dot, expectGradient, randomArray } from './gradcheck';
import { fixtureFiles, readFixtureText } from '../../../fixtures/torch-fixtures';

const fixtures: AttentionFixture[] = fixtureFiles().flatMap((f) => {
  const r = parseFixture(readFixtureText(f), f);
  return r.ok && r.kind === 'attention' ? [r.fixture] : [];
});

describe('AdditiveAttention: PyTorch fixtures', () => {
  it('finds both attention fixtures', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(['additive_attention_Hq2_He2_A3_S4_B2', 'additive_attention_Hq4_He3_A5_S6_B3']);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const c64 = compareFixture(f, 'float64');
    for (const e of c64.errors) expect(e.maxRel, `float64 ${e.tensor}`).toBeLessThan(1e-10);
    const c32 = compareFixture(f, 'float32');
    for (const e of c32.errors) expect(e.maxRel, `float32 ${e.tensor}`).toBeLessThan(e.tensor.startsWith('grad.') ? 1e-4 : 1e-5);
    expect(c64.paddingChecked).toBe('alpha and grad.enc at masked steps');
    expect(c64.paddingLeak).toBe(0);
    expect(c32.paddingLeak).toBe(0);
  });

  it('gives alpha = 1 and no score-parameter gradient from a length-1 row; alpha sums to 1', () => {
    const f = fixtures.find((x) => x.lengths.includes(1))!;
    const a = new AdditiveAttention({ querySize: f.querySize, encSize: f.encSize, attnSize: f.attnSize, dtype: 'float64' });
    for (const p of a.params) p.data.set(f.params.get(p.name)!.data);
    const B = f.batch,
      S = f.srcLen;
    const { alpha } = a.forward(Float64Array.from(f.enc.data), Float64Array.from(f.q.data), S, B, f.lengths);
    for (let b = 0; b < B; b++) {
      let sum = 0;
      for (let s = 0; s < S; s++) sum += alpha[s * B + b]!;
      expect(sum).toBeCloseTo(1, 14);
    }
    const row = f.lengths.indexOf(1);
    expect(alpha[row]).toBe(1);
    // Only that row's gradient: the score parameters get nothing.
    zeroGrads(a.params);
    const dContext = new Float64Array(B * f.encSize);
    const dAlpha = new Float64Array(S * B);
    for (let j = 0; j < f.encSize; j++) dContext[row * f.encSize + j] = 1;
    dAlpha[row] = 1;
    const { dq } = a.backward({ dContext, dAlpha });
    for (const p of a.params)
      expect(
        p.grad.every((g) => g === 0),
        p.name,
      ).toBe(true);
    expect(dq.every((g) => g === 0)).toBe(true);
  });
});

describe('AdditiveAttention: float64 central differences', () => {
  it.each([true, false])('T=3 queries over one masked memory (bias %s)', (bias) => {
    const S = 5,
      B = 3,
      Hq = 3,
      He = 4,
      A = 3,
      T = 3;
    const lengths = [5, 1, 3];
    const rng = new Rng(bias ? 21 : 22);
    const a = new AdditiveAttention({ querySize: Hq, encSize: He, attnSize: A, bias, dtype: 'float64', namePrefix: 'attn.' });
    expect(a.params.map((p) => p.name)).toEqual(bias ? ['attn.W_q', 'attn.W_k', 'attn.b', 'attn.v'] : ['attn.W_q', 'attn.W_k', 'attn.v']);
    for (const p of a.params) p.data.set(randomArray(rng, p.data.length, -0.8, 0.8));
    const enc = randomArray(rng, S * B * He);
    const q = randomArray(rng, T * B * Hq);
    const rctx = randomArray(rng, T * B * He);
    const ralpha = randomArray(rng, T * S * B);
    const loss = (): number => {
      a.setMemory(enc, S, B, lengths, T);
      let sum = 0;
      for (let t = 0; t < T; t++) {
        a.step(t, q, t * B * Hq);
        sum += dot(a.contexts.subarray(a.contextOffset(t), a.contextOffset(t) + B * He), rctx.subarray(t * B * He, (t + 1) * B * He));
      }
      return sum + dot(a.weights(), ralpha);
    };
    zeroGrads(a.params);
    loss();
    a.beginBackward();
    const dq = new Float64Array(T * B * Hq);
    for (let t = T - 1; t >= 0; t--) dq.set(a.backwardStep(t, rctx, t * B * He, He, ralpha.subarray(t * S * B, (t + 1) * S * B)), t * B * Hq);
    const dEnc = Float64Array.from(a.endBackward());
    const grads = a.params.map((p) => Float64Array.from(p.grad));
    a.params.forEach((p, i) => expectGradient(p.name, loss, p.data, grads[i]!));
    expectGradient('q', loss, q, dq);
    expectGradient('enc', loss, enc, dEnc);
    for (let s = 0; s < S; s++)
      for (let b = 0; b < B; b++) {
        if (s < lengths[b]!) continue;
        for (let j = 0; j < He; j++) expect(dEnc[(s * B + b) * He + j]).toBe(0);
        for (let t = 0; t < T; t++) expect(a.weights()[t * S * B + s * B + b]).toBe(0);
      }
  });

  it('checks its arguments', () => {
    const a = new AdditiveAttention({ querySize: 2, encSize: 2, attnSize: 2 });
    expect(() => a.setMemory(new Float32Array(8), 2, 2, [2, 0], 1)).toThrow(/lengths\[1\] must be an integer in 1..2/);
    expect(() => a.setMemory(new Float64Array(8), 2, 2, undefined, 1)).toThrow(/Float32Array/);
    expect(() => a.setMemory(new Float32Array(7), 2, 2, undefined, 1)).toThrow(/enc \[S, B, He\]/);
    a.setMemory(new Float32Array(8), 2, 2, undefined, 1);
    expect(() => a.step(1, new Float32Array(4), 0)).toThrow(/expected step 0 of 1/);
    a.step(0, new Float32Array(4), 0);
    expect(() => a.step(1, new Float32Array(4), 0)).toThrow(/expected step 1 of 1/);
    expect(() => a.backwardStep(1, null, 0, 2, null)).toThrow(/step 1 was not run/);
    const shared = new AdditiveAttention({ querySize: 2, encSize: 2, attnSize: 2 }, a);
    expect(shared.params).toEqual(a.params);
    expect(shared.Wq).toBe(a.Wq);
    expect(() => new AdditiveAttention({ querySize: 2, encSize: 2, attnSize: 2, bias: false }, a)).toThrow(/another configuration/);
  });
});
