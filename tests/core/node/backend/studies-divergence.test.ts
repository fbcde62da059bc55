// A study whose unclipped setting is meant to blow up, on real runs (a real SQLite file, real training workers): the
// run that diverges is a finished result its `diverged` check judges (the verdict is reproduced, not inconclusive), and
// the logged histories (train loss, pre-clip gradient norm) reach the study from the store, step by step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudyDetail } from '../../../../core/common/api/study-entities';
import type { StudyDefinitionInput } from '../../../../core/common/studies/study-definition';
import { callApi, createTestBackend, runsEnded } from './test-backend';

/** ReLU RNN with recurrent weights 4 × PyTorch's on the adding problem (T = 10), SGD: unclipped, seed 1 reaches NaN / Inf in a few steps. */
const explosion: StudyDefinitionInput = {
  id: 'tiny-explosion',
  version: 1,
  title: 'Tiny explosion',
  question: 'Does the unclipped run blow up where the clipped one does not?',
  citation: 'A test (2026).',
  base: {
    task: { id: 'adding-problem', params: { length: 10 } },
    model: { cell: 'rnn_relu', hiddenSize: 32, init: { recurrentScale: 4 } },
    training: {
      steps: 20,
      batchSize: 16,
      learningRate: 0.02,
      optimizer: { kind: 'sgd', momentum: 0.9 },
      evalEvery: 10,
      evalBatches: 1,
      gradNormsEvery: 0,
      checkpointEvery: 10,
    },
  },
  axes: [
    {
      name: 'clip',
      label: 'clipping',
      values: [
        { label: 'none', set: { 'training.clip': { kind: 'none' } } },
        { label: 'norm', set: { 'training.clip': { kind: 'norm', max: 1 } } },
      ],
    },
  ],
  budgets: { quick: { description: 'seconds', seeds: [1] }, full: { description: 'longer', seeds: [1, 2] } },
  metrics: {
    diverged: { kind: 'diverged', label: 'diverged' },
    gradNorm: { kind: 'history', series: 'train/grad_norm', label: 'gradient norm' },
    trainLoss: { kind: 'history', series: 'train/loss', label: 'train loss' },
  },
  figures: [{ id: 'g', title: 'gradient norm', metric: 'gradNorm', x: { from: 'metric', label: 'step' }, series: 'clip', yLog: true, noBaseline: 'none' }],
  criterion: {
    checks: [
      { metric: 'diverged', where: { clip: 'none' }, test: 'above', threshold: { value: 0.5 }, claim: 'unclipped blows up' },
      { metric: 'diverged', where: { clip: 'norm' }, test: 'below', threshold: { value: 0.5 }, claim: 'clipped stays finite' },
    ],
    explanation: 'A check of the machinery.',
  },
};

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend({ concurrency: 2 });
});
afterEach(() => env.dispose());

describe('a study that expects a run to diverge', () => {
  it('judges the diverged run by its diverged value and reads the histories from the store', async () => {
    const started = await callApi<{ id: number; runIds: number[] }>(env.backend, 'studies.run', { definition: explosion, budget: 'quick' });
    await runsEnded(env.backend, started.runIds);
    const [unclipped, clipped] = started.runIds.map((id) => env.backend.store.runs.get(id));
    expect([unclipped?.status, clipped?.status]).toEqual(['diverged', 'completed']);

    const detail = await callApi<StudyDetail>(env.backend, 'studies.get', { id: started.id });
    expect(detail.runs.map((r) => r.values['diverged'])).toEqual([[{ x: null, y: 1 }], [{ x: null, y: 0 }]]);
    expect([detail.verdict, detail.checks.map((c) => c.outcome)]).toEqual(['reproduced', ['holds', 'holds']]);

    // the clipped run's 20 steps, exactly as stored (20 ≤ HISTORY_POINTS: one point per step)
    const stored = env.backend.store.metrics.series(started.runIds[1] as number, 'train/loss');
    expect(detail.runs[1]?.values['trainLoss']).toEqual(stored.steps.map((step, i) => ({ x: step, y: stored.values[i] })));
    expect(detail.runs[1]?.values['gradNorm']?.map((p) => p.x)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // the unclipped run stops within a few steps, its gradient norm at step 1 the same as the clipped run's (same seed, same start)
    const blownUp = detail.runs[0]?.values['gradNorm'] ?? [];
    expect(blownUp.length).toBeGreaterThan(0);
    expect(blownUp.length).toBeLessThan(20);
    expect(blownUp[0]).toEqual(detail.runs[1]?.values['gradNorm']?.[0]);
    expect(blownUp[0]?.y).toBeGreaterThan(100);
  });
});
