// One-to-many: the conditioned decoder's gradients by float64 finite differences (class condition with
// dense values and MSE, dense condition with tokens and cross-entropy, masked steps), a session that
// feeds its outputs back equals the teacher-forced forward on those values, and it learns the
// waveform-generation task (beats the class-blind baseline).

import { describe, expect, it } from 'vitest';
import type { ConditionedBatch } from '../../../../../core/common/data/batch';
import type { ConditionedModelConfig } from '../../../../../core/common/models/conditioned/conditioned-model';
import { ConditionedModel } from '../../../../../core/common/models/conditioned/conditioned-model';
import { DecoderTrainer } from '../../../../../core/common/models/decoder/decoder-trainer';
import { initialiseConditioned } from '../../../../../core/common/models/conditioned/init';
import { createTask } from '../../../../../core/common/tasks/registry';
import { Adam } from '../../../../../core/common/train/optim/adam';
import { constantLr } from '../../../../../core/common/train/schedules';
import { zeroGrads } from '../../../../../core/common/nn/param';
import { Rng } from '../../../../../core/common/random/rng';
import { expectGradient } from '../../nn/gradcheck';

const T = 4,
  B = 3;
const mask = Float32Array.from({ length: T * B }, (_, i) => (Math.floor(i / B) < [4, 2, 3][i % B]! ? 1 : 0));

function valuesBatch(rng: Rng): ConditionedBatch {
  return {
    kind: 'conditioned',
    steps: T,
    batchSize: B,
    condition: { kind: 'class', classes: 3, ids: Int32Array.from([2, 0, 1]) },
    decoderInput: { kind: 'dense', features: 2, x: Float32Array.from({ length: T * B * 2 }, () => rng.uniform(-1, 1)) },
    lengths: Int32Array.from([4, 2, 3]),
    target: { kind: 'step-values', outputs: 2, values: Float32Array.from({ length: T * B * 2 }, () => rng.uniform(-1, 1)), mask },
  };
}

function tokensBatch(rng: Rng): ConditionedBatch {
  return {
    kind: 'conditioned',
    steps: T,
    batchSize: B,
    condition: { kind: 'dense', features: 2, values: Float32Array.from({ length: B * 2 }, () => rng.uniform(-1, 1)) },
    decoderInput: { kind: 'tokens', vocab: 5, ids: Int32Array.from({ length: T * B }, () => rng.int(5)) },
    lengths: Int32Array.from([4, 2, 3]),
    target: { kind: 'step-classes', classes: 5, ids: Int32Array.from({ length: T * B }, () => rng.int(5)), mask, allowed: null },
  };
}

const CASES: Array<[string, ConditionedModelConfig, (rng: Rng) => ConditionedBatch]> = [
  [
    'class condition → GRU → values (MSE)',
    { condition: { kind: 'class', classes: 3 }, decoderInput: { kind: 'dense', features: 2 }, outputSize: 2, cell: 'gru', hiddenSize: 3, dtype: 'float64' },
    valuesBatch,
  ],
  [
    'vector condition → LSTM → tokens (cross-entropy)',
    {
      condition: { kind: 'dense', features: 2 },
      decoderInput: { kind: 'tokens', vocab: 5, embeddingDim: 2 },
      outputSize: 5,
      cell: 'lstm',
      hiddenSize: 3,
      dtype: 'float64',
    },
    tokensBatch,
  ],
];

describe('ConditionedModel', () => {
  it.each(CASES)('%s: float64 central differences', (_name, config, makeBatch) => {
    const model = new ConditionedModel(config);
    const rng = new Rng(31);
    initialiseConditioned(model, rng);
    for (const p of model.params) for (let j = 0; j < p.data.length; j++) p.data[j] = p.data[j]! * 1.5 + rng.uniform(-0.1, 0.1);
    const batch = makeBatch(rng);
    zeroGrads(model.params);
    const r = model.trainLoss(batch, {});
    expect(r.weight).toBe(config.decoderInput.kind === 'dense' ? 9 * 2 : 9);
    const grads = model.params.map((p) => Float64Array.from(p.grad));
    const loss = (): number => model.evalLoss(batch).loss;
    expect(r.loss).toBeCloseTo(loss(), 12);
    model.params.forEach((p, j) => expectGradient(p.name, loss, p.data, grads[j]!, 1e-8));
    expect(model.params.map((p) => p.name).slice(0, 2)).toEqual(['condition.weight', 'condition.bias']);
  });

  it('generates by feeding its outputs back, as the teacher-forced forward on those values', () => {
    const model = new ConditionedModel(CASES[0]![1]);
    initialiseConditioned(model, new Rng(32));
    const condition = { kind: 'class', classes: 3, ids: Int32Array.from([2, 0, 1]) } as const;
    const session = model.session(condition, B);
    const inputs = new Float64Array(T * B * 2); // step 0 reads zeros
    const outputs = new Float64Array(T * B * 2);
    for (let t = 0; t < T; t++) {
      const y = session.stepValues(inputs.subarray(t * B * 2, (t + 1) * B * 2));
      outputs.set(y, t * B * 2);
      if (t + 1 < T) inputs.set(y, (t + 1) * B * 2);
    }
    const batch: ConditionedBatch = { ...valuesBatch(new Rng(1)), condition, decoderInput: { kind: 'dense', features: 2, x: Float32Array.from(inputs) } };
    const pass = model.forward(batch);
    // The batch's decoder input is float32, so compare at float32 resolution.
    for (let i = 0; i < outputs.length; i++) expect(Math.abs(pass.out[i]! - outputs[i]!)).toBeLessThan(1e-6);
    expect(() => session.step(Int32Array.from([0, 0, 0]))).toThrow(/use stepValues/);
  });

  it('with scheduled sampling at ratio 0 reads its own previous outputs, as free-running generation does', () => {
    const model = new ConditionedModel(CASES[0]![1]);
    initialiseConditioned(model, new Rng(36));
    const condition = { kind: 'class', classes: 3, ids: Int32Array.from([1, 2, 0]) } as const;
    const session = model.session(condition, B);
    const free: number[] = [];
    let x: ArrayLike<number> = new Float64Array(B * 2);
    for (let t = 0; t < T; t++) {
      const y = session.stepValues(x);
      free.push(...y);
      x = Float64Array.from(y);
    }
    // Teacher inputs that are never read after step 0 (which reads zeros, as generation does).
    const teacher = valuesBatch(new Rng(2));
    const x0 = Float32Array.from(teacher.decoderInput.kind === 'dense' ? teacher.decoderInput.x : []).fill(0, 0, B * 2);
    const batch: ConditionedBatch = { ...teacher, condition, decoderInput: { kind: 'dense', features: 2, x: x0 } };
    const pass = model.forward(batch, { rng: new Rng(3), teacherForcing: 0 });
    for (let i = 0; i < free.length; i++) expect(Math.abs(pass.out[i]! - free[i]!)).toBeLessThan(1e-9);
    const teacherForced = model.forward(batch);
    expect(Math.abs(teacherForced.out[B * 2 * 2]! - free[B * 2 * 2]!)).toBeGreaterThan(1e-6); // the teacher inputs differ from its outputs
  });

  it('learns waveform generation from the class alone, teacher-forced and free-running (beats the class-blind baseline)', () => {
    const task = createTask('waveform-generation', { classes: 4, length: 20, period: 10 });
    if (!task.ok) throw new Error('task');
    const model = new ConditionedModel({
      condition: { kind: 'class', classes: 4 },
      decoderInput: { kind: 'dense', features: 1 },
      outputSize: 1,
      cell: 'gru',
      hiddenSize: 16,
    });
    initialiseConditioned(model, new Rng(33));
    const trainer = new DecoderTrainer({ model, optimizer: new Adam({}), schedule: constantLr(1e-2), clip: { kind: 'norm', max: 1 } });
    const rng = new Rng(34);
    for (let step = 0; step < 150; step++) trainer.step(task.value.batch(rng, 16) as ConditionedBatch, step);
    const test = task.value.batch(new Rng(35), 64, 'test') as ConditionedBatch;
    const baseline = task.value.baseline.value; // ≈ 0.45
    expect(model.evalLoss(test).loss).toBeLessThan(baseline / 5); // measured ≈ 0.03
    // Free-running: each output is the next input.
    const session = model.session(test.condition, 64);
    const values = (test.target as Extract<ConditionedBatch['target'], { kind: 'step-values' }>).values;
    let x: ArrayLike<number> = new Float32Array(64);
    let squared = 0;
    for (let t = 0; t < 20; t++) {
      const y = session.stepValues(x);
      for (let b = 0; b < 64; b++) squared += (y[b]! - values[t * 64 + b]!) ** 2;
      x = Float32Array.from(y);
    }
    expect(squared / (64 * 20)).toBeLessThan(baseline / 4); // measured ≈ 0.05
  });
});
