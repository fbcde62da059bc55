// The trainer's step: full vs truncated BPTT, clipping with the pre-clip norm, divergence, determinism.
import { describe, expect, it } from 'vitest';
import { Trainer, type TrainerOptions } from '../../../../../core/common/models/sequence/trainer';
import { Sgd } from '../../../../../core/common/train/optim/sgd';
import { constantLr } from '../../../../../core/common/train/schedules';
import type { SequenceModel } from '../../../../../core/common/models/sequence/sequence-model';
import type { BpttSpec } from '../../../../../core/common/spec/training-spec';
import { randomBatch, smallModel, type BatchShape } from './model-test-batches';

const STEP_SHAPE: BatchShape = { T: 8, B: 3, lengths: [8, 5, 7], input: { kind: 'tokens', vocab: 6 }, target: 'step-classes', outputs: 4 };

function trainer(model: SequenceModel, bptt: BpttSpec, clip: TrainerOptions['clip'] = { kind: 'none' }, lr = 0): Trainer {
  return new Trainer({ model, optimizer: new Sgd({}), schedule: constantLr(lr), clip, bptt });
}

function gradsAfterStep(bptt: BpttSpec, mutate?: (batch: ReturnType<typeof randomBatch>) => void) {
  const model = smallModel('lstm', STEP_SHAPE);
  const batch = randomBatch(STEP_SHAPE, 21);
  mutate?.(batch);
  const stats = trainer(model, bptt).step(batch, 0);
  return { stats, grads: model.params.map((p) => Array.from(p.grad)), names: model.params.map((p) => p.name) };
}

describe('Trainer', () => {
  it('truncated BPTT with k2 ≥ T gives exactly the full-BPTT loss and gradient', () => {
    const full = gradsAfterStep({ mode: 'full' });
    const truncated = gradsAfterStep({ mode: 'truncated', k1: 3, k2: 8 });
    expect(truncated.stats.loss).toBeCloseTo(full.stats.loss, 12);
    full.grads.forEach((g, i) => g.forEach((v, j) => expect(truncated.grads[i]![j]).toBeCloseTo(v, 10)));
  });

  it('truncated BPTT keeps the full loss but no gradient crosses a block boundary', () => {
    // Score only the second half, and use tokens 1–2 only in the first half and 3–5 only in the second:
    // with k1 = k2 = 4 the embeddings of tokens 1–2 get exactly no gradient; with full BPTT they do.
    const splitTokens = (batch: ReturnType<typeof randomBatch>) => {
      if (batch.target.kind !== 'step-classes' || batch.input.kind !== 'tokens') throw new Error('tokens → step classes expected');
      batch.target.mask.fill(0, 0, 4 * STEP_SHAPE.B);
      const ids = batch.input.ids;
      for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) ids[i] = i < 4 * STEP_SHAPE.B ? 1 + (i % 2) : 3 + (i % 3);
    };
    const full = gradsAfterStep({ mode: 'full' }, splitTokens);
    const cut = gradsAfterStep({ mode: 'truncated', k1: 4, k2: 4 }, splitTokens);
    expect(cut.stats.loss).toBeCloseTo(full.stats.loss, 12);
    const E = 3; // embeddingDim of smallModel
    const rows = (grads: number[][], from: number, to: number) => (grads[full.names.indexOf('embedding.weight')] as number[]).slice(from * E, to * E);
    expect(rows(cut.grads, 1, 3).every((v) => v === 0)).toBe(true);
    expect(rows(full.grads, 1, 3).some((v) => Math.abs(v) > 1e-8)).toBe(true);
    // The second half's own tokens are trained the same way by both.
    rows(full.grads, 3, 6).forEach((v, i) => expect(rows(cut.grads, 3, 6)[i]).toBeCloseTo(v, 10));
  });

  it('k1 = k2 truncation equals running the halves as separate sequences from the carried state', () => {
    // With state carried but no gradient across the cut, the loss of steps 4..7 depends on steps 0..3 only through h4.
    const a = gradsAfterStep({ mode: 'truncated', k1: 4, k2: 4 });
    const b = gradsAfterStep({ mode: 'truncated', k1: 4, k2: 6 });
    expect(b.stats.loss).toBeCloseTo(a.stats.loss, 12);
    const h = a.names.indexOf('rnn.weight_hh_l0');
    expect(b.grads[h]).not.toEqual(a.grads[h]); // a longer backward window sees more of the past
  });

  it('reports the pre-clip gradient norm and clips to the limit', () => {
    const model = smallModel('gru', STEP_SHAPE);
    const stats = trainer(model, { mode: 'full' }, { kind: 'norm', max: 1e-3 }).step(randomBatch(STEP_SHAPE, 2), 0);
    expect(stats.gradNorm).toBeGreaterThan(1e-3);
    const after = Math.hypot(...model.params.flatMap((p) => Array.from(p.grad)));
    expect(after).toBeCloseTo(1e-3, 6);
  });

  it('records per-time-step gradient norms over the whole sequence when asked', () => {
    const model = smallModel('rnn_tanh', STEP_SHAPE, { numLayers: 2 });
    const stats = trainer(model, { mode: 'full' }).step(randomBatch(STEP_SHAPE, 2), 0, { hGradNorms: true });
    expect(stats.gradNorms?.map((s) => [s.layer, s.t0, s.values.length])).toEqual([
      ['l0', 0, 8],
      ['l1', 0, 8],
    ]);
    const values = stats.gradNorms?.flatMap((s) => Array.from(s.values)) ?? [];
    expect(values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(values.some((v) => v > 0)).toBe(true);
  });

  it('flags a non-finite loss and leaves the parameters untouched', () => {
    const model = smallModel('lstm', STEP_SHAPE);
    model.params[1]!.data[0] = Number.NaN;
    const before = model.params.map((p) => Array.from(p.data));
    const stats = trainer(model, { mode: 'full' }, { kind: 'none' }, 0.1).step(randomBatch(STEP_SHAPE, 2), 0);
    expect(stats.nonFinite).toMatch(/loss is NaN|not finite/);
    model.params.forEach((p, i) => expect(Array.from(p.data)).toEqual(before[i]));
  });

  it('is deterministic: the same seed gives a bit-identical loss curve', () => {
    const curve = () => {
      const model = smallModel('gru', STEP_SHAPE, { dtype: 'float32' });
      const t = trainer(model, { mode: 'full' }, { kind: 'norm', max: 1 }, 0.5);
      return Array.from({ length: 5 }, (_, i) => t.step(randomBatch(STEP_SHAPE, 100 + i), i).loss);
    };
    const first = curve();
    expect(curve()).toEqual(first);
    expect(first[4]).toBeLessThan(first[0] as number);
  });
});
