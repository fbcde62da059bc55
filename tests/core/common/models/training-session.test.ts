// A training session end to end on built-in tasks: each cell learns, runs are reproducible, and a
// checkpoint restored into a fresh session continues bit-identically.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { TrainingSession } from '../../../../core/common/models/training-session';

function session(input: ExperimentSpecInput): TrainingSession {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new TrainingSession(parsed.spec, parsed.task);
}

const addingSpec = (cell: 'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru', steps: number, learningRate: number): ExperimentSpecInput => ({
  seed: 3,
  task: { id: 'adding-problem', params: { length: 10 } },
  model: { cell, hiddenSize: 16, init: cell === 'rnn_relu' ? { recurrent: 'identity' } : {} },
  training: { steps, batchSize: 32, learningRate, evalBatches: 4 },
});

describe('TrainingSession convergence: the adding problem at T = 10 (always-1 baseline MSE ≈ 0.167)', () => {
  // Budget per cell: validation MSE below 0.03 (a fifth of the baseline) within the stated steps, Adam, batch 32, H = 16.
  const budgets = [
    { cell: 'rnn_relu', steps: 400, lr: 1e-2 }, // IRNN: identity recurrent init, zero biases
    { cell: 'rnn_tanh', steps: 800, lr: 2e-2 },
    { cell: 'lstm', steps: 400, lr: 1e-2 },
    { cell: 'gru', steps: 300, lr: 1e-2 },
  ] as const;
  for (const { cell, steps, lr } of budgets) {
    it(`${cell} reaches validation MSE < 0.03 within ${steps} steps`, () => {
      const s = session(addingSpec(cell, steps, lr));
      const before = s.evaluate().loss;
      while (!s.finished) s.next();
      const after = s.evaluate().loss;
      expect(before).toBeGreaterThan(0.1);
      expect(after).toBeLessThan(0.03);
    });
  }
});

describe('TrainingSession reproducibility', () => {
  const spec: ExperimentSpecInput = {
    seed: 9,
    task: { id: 'running-parity', params: {} },
    model: { cell: 'lstm', hiddenSize: 8, numLayers: 2, dropout: 0.2 },
    training: { steps: 12, batchSize: 8, optimizer: { kind: 'adamw' }, schedule: { kind: 'cosine' }, evalBatches: 1 },
  };

  it('gives a bit-identical loss curve for the same spec and seed', () => {
    const curve = () => {
      const s = session(spec);
      return Array.from({ length: 6 }, () => s.next().loss);
    };
    expect(curve()).toEqual(curve());
  });

  it('differs for another seed', () => {
    const a = session(spec).next().loss;
    const b = session({ ...spec, seed: 10 }).next().loss;
    expect(a).not.toBe(b);
  });

  it('continues from a checkpoint exactly as an uninterrupted run (params, optimiser, data and dropout streams)', () => {
    const straight = session(spec);
    const straightLosses = Array.from({ length: 10 }, () => straight.next().loss);

    const first = session(spec);
    for (let i = 0; i < 4; i++) first.next();
    const saved = structuredClone(first.checkpoint());
    const resumed = session(spec);
    resumed.restore(saved);
    expect(resumed.step).toBe(4);
    const resumedLosses = Array.from({ length: 6 }, () => resumed.next().loss);
    expect(resumedLosses).toEqual(straightLosses.slice(4));
    const final = straight.checkpoint().params;
    for (const [name, values] of Object.entries(resumed.checkpoint().params)) expect(values).toEqual(final[name]);
  });
});
