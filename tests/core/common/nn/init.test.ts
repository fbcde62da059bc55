import { describe, expect, it } from 'vitest';
import {
  glorotNormal,
  glorotUniform,
  identityRecurrentInit,
  initMatching,
  lstmForgetBias,
  orthogonalInit,
  pytorchLinearInit,
  pytorchRecurrentInit,
  zeroInit,
} from '../../../../core/common/nn/init';
import { createParam } from '../../../../core/common/nn/param';
import type { FloatArray } from '../../../../core/common/nn/param';
import { Rng } from '../../../../core/common/random/rng';

function stats(a: FloatArray): { min: number; max: number; mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (const v of a) {
    sum += v;
    sumSquares += v * v;
  }
  const mean = sum / a.length;
  return { min: Math.min(...a), max: Math.max(...a), mean, variance: sumSquares / a.length - mean * mean };
}

/** Checks that uniform draws fill (-bound, bound) and no more: range, mean and variance bound²/3. */
function expectUniform(a: FloatArray, bound: number): void {
  const s = stats(a);
  expect(s.min).toBeGreaterThanOrEqual(-bound);
  expect(s.max).toBeLessThanOrEqual(bound);
  expect(s.min).toBeLessThan(-0.9 * bound);
  expect(s.max).toBeGreaterThan(0.9 * bound);
  expect(Math.abs(s.mean)).toBeLessThan(0.1 * bound);
  expect(s.variance / ((bound * bound) / 3)).toBeCloseTo(1, 1);
}

/** Gram matrix of the columns (WᵀW) or the rows (WWᵀ) of a row-major [rows, cols] block. */
function gram(w: FloatArray, offset: number, rows: number, cols: number, of: 'columns' | 'rows'): number[][] {
  const n = of === 'columns' ? cols : rows;
  const at = (i: number, j: number): number => w[offset + i * cols + j]!;
  return Array.from({ length: n }, (_, a) =>
    Array.from({ length: n }, (_, b) => {
      let dot = 0;
      if (of === 'columns') for (let i = 0; i < rows; i++) dot += at(i, a) * at(i, b);
      else for (let j = 0; j < cols; j++) dot += at(a, j) * at(b, j);
      return dot;
    }),
  );
}

function expectScaledIdentity(m: number[][], scale: number, digits: number): void {
  m.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? scale : 0, digits)));
}

describe('uniform initialisers', () => {
  it('pytorchRecurrentInit draws U(±1/√H)', () => {
    const w = createParam('weight_hh_l0', [4 * 16, 16]);
    pytorchRecurrentInit(w, 16, new Rng(1));
    expectUniform(w.data, 1 / 4);
    expect(() => pytorchRecurrentInit(w, 0, new Rng(1))).toThrow(/hiddenSize/);
  });

  it('pytorchLinearInit draws weight and bias from U(±1/√fan_in)', () => {
    const w = createParam('fc.weight', [40, 25]);
    const b = createParam('fc.bias', [40]);
    pytorchLinearInit(w, b, new Rng(2));
    expectUniform(w.data, 0.2);
    expect(stats(b.data).max).toBeLessThanOrEqual(0.2);
    expect(stats(b.data).min).toBeGreaterThanOrEqual(-0.2);
    expect(b.data.some((v) => v !== 0)).toBe(true);
    expect(() => pytorchLinearInit(w, createParam('fc.bias', [25]), new Rng(2))).toThrow(/fc.bias/);
  });

  it('glorotUniform uses gain·√(6/(fan_in + fan_out))', () => {
    const w = createParam('w', [30, 50]);
    glorotUniform(w, new Rng(3), 2);
    expectUniform(w.data, 2 * Math.sqrt(6 / 80));
  });

  it('glorotNormal has standard deviation gain·√(2/(fan_in + fan_out))', () => {
    const w = createParam('w', [60, 100], 'float64');
    glorotNormal(w, new Rng(4));
    const s = stats(w.data);
    expect(Math.abs(s.mean)).toBeLessThan(0.01);
    expect(s.variance / (2 / 160)).toBeCloseTo(1, 1);
  });

  it('refuses a 1-D tensor or a shape that does not match the data', () => {
    expect(() => glorotUniform(createParam('b', [8]), new Rng(1))).toThrow(/glorotUniform\(b \[8\]\)/);
    expect(() => glorotUniform({ data: new Float32Array(5), shape: [2, 3] }, new Rng(1))).toThrow(/holds 6 values/);
  });
});

describe('orthogonalInit', () => {
  it('makes a square matrix orthogonal (QᵀQ = QQᵀ = I)', () => {
    const w = createParam('w', [20, 20], 'float64');
    orthogonalInit(w, new Rng(5));
    expectScaledIdentity(gram(w.data, 0, 20, 20, 'columns'), 1, 12);
    expectScaledIdentity(gram(w.data, 0, 20, 20, 'rows'), 1, 12);
  });

  it('makes each gate block of a fused [G*H, H] weight orthogonal, and scales by gain', () => {
    const H = 8;
    const w = createParam('weight_hh_l0', [4 * H, H]);
    orthogonalInit(w, new Rng(6), { gates: 4, gain: 2 });
    for (let g = 0; g < 4; g++) expectScaledIdentity(gram(w.data, g * H * H, H, H, 'columns'), 4, 5);
    // the blocks are independent draws, not copies
    expect(w.data.slice(0, H * H)).not.toEqual(w.data.slice(H * H, 2 * H * H));
  });

  it('gives a tall matrix orthonormal columns and a wide one orthonormal rows', () => {
    const tall = createParam('tall', [12, 5], 'float64');
    orthogonalInit(tall, new Rng(7));
    expectScaledIdentity(gram(tall.data, 0, 12, 5, 'columns'), 1, 12);
    const wide = createParam('wide', [3, 8], 'float64');
    orthogonalInit(wide, new Rng(7));
    expectScaledIdentity(gram(wide.data, 0, 3, 8, 'rows'), 1, 12);
  });

  it('is reproducible from the seed, and refuses gates that do not divide the rows', () => {
    const a = createParam('w', [6, 6]);
    const b = createParam('w', [6, 6]);
    orthogonalInit(a, new Rng(8));
    orthogonalInit(b, new Rng(8));
    expect(a.data).toEqual(b.data);
    expect(() => orthogonalInit(a, new Rng(8), { gates: 4 })).toThrow(/gates/);
  });
});

describe('identityRecurrentInit (IRNN)', () => {
  it('sets W_hh = scale·I exactly and zeroes the biases', () => {
    const w = createParam('weight_hh_l0', [3, 3]);
    const bIh = createParam('bias_ih_l0', [3]);
    const bHh = createParam('bias_hh_l0', [3]);
    w.data.fill(0.7);
    bIh.data.fill(0.3);
    bHh.data.fill(-0.3);
    identityRecurrentInit(w, [bIh, bHh], 0.5);
    expect(Array.from(w.data)).toEqual([0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]);
    expect(Array.from(bIh.data)).toEqual([0, 0, 0]);
    expect(Array.from(bHh.data)).toEqual([0, 0, 0]);
    expect(() => identityRecurrentInit(createParam('w', [6, 3]), [])).toThrow(/square/);
  });
});

describe('lstmForgetBias', () => {
  it('sets only the forget block [H, 2H) of a [4H] bias', () => {
    const H = 5;
    const b = createParam('bias_ih_l0', [4 * H]);
    pytorchRecurrentInit(b, H, new Rng(9));
    const before = Array.from(b.data);
    lstmForgetBias(b, 1);
    for (let i = 0; i < 4 * H; i++) expect(b.data[i]).toBe(i >= H && i < 2 * H ? 1 : before[i]);
    expect(() => lstmForgetBias(createParam('b', [6]))).toThrow(/\[4H\]/);
  });
});

describe('initMatching', () => {
  const names = ['rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_hh_l0', 'rnn.weight_hh_l1', 'fc.weight'];
  const params = names.map((n) => createParam(n, [2, 2]));

  it('applies an initialiser to the parameters whose name or last part matches a glob', () => {
    params.forEach((p) => p.data.fill(1));
    expect(initMatching(params, 'weight_hh*', zeroInit)).toBe(2);
    expect(params.map((p) => p.data[0])).toEqual([1, 0, 1, 0, 1]);
    expect(initMatching(params, 'rnn.*_l0', zeroInit)).toBe(3);
    expect(initMatching(params, 'weight', zeroInit)).toBe(1); // fc.weight only: globs are anchored
  });

  it('accepts a RegExp tested against the whole name', () => {
    const seen: string[] = [];
    expect(initMatching(params, /^rnn\.bias/, (p) => seen.push(p.name))).toBe(1);
    expect(seen).toEqual(['rnn.bias_hh_l0']);
  });
});
