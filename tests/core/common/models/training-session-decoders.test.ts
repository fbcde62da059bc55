// Training sessions of decoder models from specs: an encoder–decoder on reverse-string and a
// conditioned decoder on waveform-generation. Runs are reproducible, a checkpoint restored into a fresh
// session continues bit-identically (dropout and scheduled-sampling coins included), per-step gradient
// norms are labelled and sized per layer, and ‖∂L/∂h_t‖ of the decoder is exact and causal.
import { describe, expect, it } from 'vitest';
import type { ConditionedBatch } from '../../../../core/common/data/batch';
import { targetLoss } from '../../../../core/common/train/target-loss';
import { buildConditionedModel } from '../../../../core/common/models/conditioned/build-conditioned';
import { Rng } from '../../../../core/common/random/rng';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { createTask } from '../../../../core/common/tasks/registry';
import { TrainingSession } from '../../../../core/common/models/training-session';

function session(input: ExperimentSpecInput): TrainingSession {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new TrainingSession(parsed.spec, parsed.task);
}

const reverseSpec = (training: Record<string, unknown> = {}, model: Record<string, unknown> = {}): ExperimentSpecInput => ({
  seed: 5,
  task: { id: 'reverse-string', params: { alphabet: 6, minLength: 3, maxLength: 7 } },
  model: { kind: 'seq2seq', cell: 'lstm', hiddenSize: 16, embeddingDim: 8, attention: { size: 12 }, ...model },
  training: { steps: 30, batchSize: 8, learningRate: 1e-2, evalBatches: 2, gradNormsEvery: 10, ...training },
});

const waveformSpec = (training: Record<string, unknown> = {}): ExperimentSpecInput => ({
  seed: 2,
  task: { id: 'waveform-generation', params: { classes: 3, length: 12, period: 6 } },
  model: { kind: 'conditioned', cell: 'gru', hiddenSize: 12 },
  training: { steps: 20, batchSize: 6, learningRate: 1e-2, evalBatches: 2, gradNormsEvery: 5, ...training },
});

describe('TrainingSession', () => {
  it('gives the same loss curve for the same spec and seed, and another for another seed', () => {
    const curve = (seed: number) => {
      const s = session({ ...reverseSpec({ teacherForcing: { kind: 'linear', start: 1, floor: 0.5, slope: 0.05 } }, { dropout: 0.2, numLayers: 2 }), seed });
      return Array.from({ length: 6 }, () => s.next().loss);
    };
    expect(curve(5)).toEqual(curve(5));
    expect(curve(6)).not.toEqual(curve(5));
  });

  for (const [name, spec] of [
    [
      'seq2seq with dropout and scheduled sampling',
      reverseSpec({ teacherForcing: { kind: 'linear', start: 1, floor: 0.3, slope: 0.05 } }, { numLayers: 2, dropout: 0.3, bidirectional: true }),
    ],
    ['conditioned with scheduled sampling', waveformSpec({ teacherForcing: { kind: 'inverse-sigmoid', k: 3 } })],
  ] as const) {
    it(`${name}: a checkpoint restored into a fresh session continues bit-identically`, () => {
      const straight = session(spec);
      const first = Array.from({ length: 12 }, () => straight.next().loss);
      const split = session(spec);
      for (let i = 0; i < 5; i++) split.next();
      const saved = split.checkpoint();
      const resumed = session(spec);
      resumed.restore(saved);
      expect(resumed.step).toBe(5);
      const rest = Array.from({ length: 7 }, () => resumed.next().loss);
      expect(rest).toEqual(first.slice(5));
      expect(resumed.checkpoint().params).toEqual(straight.checkpoint().params);
      expect(resumed.evaluate()).toEqual(straight.evaluate());
    });
  }

  it('refuses a checkpoint of another model, naming the parameter', () => {
    const other = session(reverseSpec({}, { hiddenSize: 8 })).checkpoint();
    expect(() => session(reverseSpec()).restore(other)).toThrow(/encoder\.rnn\.weight_ih_l0|no values of the right size for/);
  });

  it('samples ‖∂L/∂h_t‖ of every encoder layer and direction over the source, and of the decoder over the target', () => {
    const s = session(reverseSpec({}, { numLayers: 2, bidirectional: true }));
    const first = s.next();
    expect(first.gradNorms?.map((g) => g.layer)).toEqual(['l0', 'l0_reverse', 'l1', 'l1_reverse', 'decoder']);
    for (const g of first.gradNorms ?? []) {
      expect(Array.from(g.values).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      expect(Array.from(g.values).some((v) => v > 0)).toBe(true);
    }
    // Source strings of 3–7 letters; targets one longer (EOS).
    expect(first.gradNorms?.[0]?.values.length).toBeLessThanOrEqual(7);
    expect(first.gradNorms?.[4]?.values.length).toBeLessThanOrEqual(8);
    const unsampled = s.next();
    expect(unsampled.gradNorms).toBeNull();
    expect(unsampled.teacherForcing).toBeNull(); // constant teacher forcing is not reported
  });

  it('reports the teacher-forcing ratio of each step when a schedule varies it', () => {
    const s = session(waveformSpec({ teacherForcing: { kind: 'linear', start: 1, floor: 0.6, slope: 0.1 } }));
    const ratios = Array.from({ length: 6 }, () => s.next().teacherForcing);
    expect(ratios.map((r) => Number(r?.toFixed(6)))).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.6]);
  });

  it('evaluates seq2seq by teacher-forced loss, token accuracy and free-running exact-sequence accuracy', () => {
    const s = session(reverseSpec());
    const before = s.evaluate();
    expect(before.sequenceAccuracy).not.toBeNull();
    expect(before.accuracy).toBeGreaterThanOrEqual(0);
    while (!s.finished) s.next();
    const after = s.evaluate();
    expect(after.loss).toBeLessThan(before.loss);
    expect(s.evaluate()).toEqual(after); // a fixed validation stream
  });
});

describe('the decoder’s ‖∂L/∂h_t‖', () => {
  const task = createTask('waveform-generation', { classes: 3, length: 5, period: 4 });
  if (!task.ok) throw new Error('task');
  const parsed = parseExperimentSpec(waveformSpec());
  if (!parsed.ok || parsed.spec.model.kind !== 'conditioned') throw new Error('spec');
  const model = buildConditionedModel(task.value, parsed.spec.model, new Rng(4));
  const batch = task.value.batch(new Rng(8), 4) as ConditionedBatch;

  it('at the last step equals ‖dOut_T · W_o‖, the only path from the loss to h_T', () => {
    const r = model.trainLoss(batch, { hGradNorms: true });
    const pass = model.forward(batch);
    const O = model.decoder.head.outFeatures,
      H = model.decoder.hiddenSize,
      { T, B } = pass;
    const dOut = new Float32Array(pass.out.length);
    targetLoss(batch.target, 0, T, B, pass.out, dOut);
    let sq = 0;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        let g = 0;
        for (let o = 0; o < O; o++) g += (dOut[((T - 1) * B + b) * O + o] as number) * (model.decoder.head.weight.data[o * H + j] as number);
        sq += g * g;
      }
    }
    const decoder = r.gradNorms?.find((g) => g.layer === 'decoder');
    expect(decoder?.values.length).toBe(T);
    expect(decoder?.values[T - 1]).toBeCloseTo(Math.sqrt(sq), 5);
  });

  it('is zero after the last scored step: a causal decoder’s later states cannot change earlier outputs', () => {
    const mask = batch.target.mask.map((m, i) => (i < 2 * batch.batchSize ? m : 0)); // score steps 0 and 1 only
    const early: ConditionedBatch = { ...batch, target: { ...batch.target, mask } } as ConditionedBatch;
    const values = Array.from(model.trainLoss(early, { hGradNorms: true }).gradNorms?.[0]?.values ?? []);
    expect(values.slice(0, 2).every((v) => v > 0)).toBe(true);
    expect(values.slice(2)).toEqual([0, 0, 0]);
  });
});
