// Encoder–decoder and one-to-many runs through the real runner (worker threads, a real SQLite file):
// a seq2seq run stores its loss, token and exact-sequence accuracy and the per-step gradient norms of
// encoder and decoder, equal to training in-process; a conditioned run with scheduled sampling logs
// its teacher-forcing ratio; an interrupted seq2seq run resumes to the parameters of an
// uninterrupted one; and exploding decoder models (NaN, or finite but exploding) end as diverged with the
// step, the reason and the last sane loss.
import { afterEach, describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { METRIC } from '../../../../core/common/train/metric-names';
import { createRunner } from '../../../../core/node/runner/create-runner';
import type { Runner } from '../../../../core/node/runner/runner';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from '../store/store-fixture';
import { checkpointParams, createRun, divergenceOf, EventLog, referenceLossOf, seriesMap } from './runner-fixture';

const fixture = useStoreFixture();
const runners: Runner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.shutdown()));
});

function setUp(): { store: Store; runner: Runner; log: EventLog } {
  const store = fixture.open();
  const log = new EventLog();
  const runner = createRunner(store, log.listener);
  runners.push(runner);
  return { store, runner, log };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const reverseSpec = (training: Record<string, unknown> = {}): ExperimentSpecInput => ({
  seed: 4,
  task: { id: 'reverse-string', params: { alphabet: 5, minLength: 3, maxLength: 6 } },
  model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 12, embeddingDim: 6, bidirectional: true, attention: { size: 8 } },
  training: { steps: 30, batchSize: 6, learningRate: 1e-2, evalEvery: 10, evalBatches: 1, gradNormsEvery: 15, checkpointEvery: 12, ...training },
});

describe('decoder runs', () => {
  it('trains a seq2seq run to completion with token and sequence accuracy and encoder/decoder gradient norms', async () => {
    const { store, runner, log } = setUp();
    const spec = reverseSpec();
    const runId = createRun(store, spec, 30);
    runner.start(runId);
    await log.status(runId, 'completed');
    expect(store.runs.get(runId)).toMatchObject({ status: 'completed', error: null, step: 30 });
    for (const name of [METRIC.trainLoss, METRIC.trainAccuracy, METRIC.learningRate, METRIC.gradNorm])
      expect(store.metrics.series(runId, name).steps).toEqual(range(1, 30));
    for (const name of [METRIC.valLoss, METRIC.valAccuracy, METRIC.valSequenceAccuracy]) expect(store.metrics.series(runId, name).steps).toEqual([10, 20, 30]);
    expect(store.metrics.names(runId)).not.toContain(METRIC.teacherForcing);
    const gradNames = store.metrics.names(runId).filter((n) => n.startsWith('grad_h/'));
    const layers = new Set(gradNames.map((n) => n.split('/')[1]));
    expect([...layers].sort()).toEqual(['decoder', 'l0', 'l0_reverse']);
    for (const name of gradNames) expect(store.metrics.series(runId, name).steps.every((s) => [1, 15, 30].includes(s))).toBe(true);

    const parsed = parseExperimentSpec(spec);
    if (!parsed.ok) throw new Error('spec');
    const local = new TrainingSession(parsed.spec, parsed.task);
    const losses = Array.from({ length: 30 }, () => local.next().loss);
    expect(store.metrics.series(runId, METRIC.trainLoss).values).toEqual(losses);
    expect(checkpointParams(store, runId)).toEqual(local.checkpoint().params);
  });

  it('trains a one-to-many run with scheduled sampling, logging the teacher-forcing ratio per step', async () => {
    const { store, runner, log } = setUp();
    const runId = createRun(store, {
      seed: 1,
      task: { id: 'waveform-generation', params: { classes: 3, length: 10, period: 5 } },
      model: { kind: 'conditioned', cell: 'lstm', hiddenSize: 8 },
      training: { steps: 12, batchSize: 4, evalEvery: 6, evalBatches: 1, teacherForcing: { kind: 'linear', start: 1, floor: 0.5, slope: 0.1 } },
    });
    runner.start(runId);
    await log.status(runId, 'completed');
    const ratios = store.metrics.series(runId, METRIC.teacherForcing);
    expect(ratios.steps).toEqual(range(1, 12));
    expect(ratios.values.map((v) => Number(v.toFixed(6)))).toEqual([1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(store.metrics.series(runId, METRIC.valLoss).steps).toEqual([6, 12]);
    expect(store.metrics.names(runId)).not.toContain(METRIC.valSequenceAccuracy); // values, not sequences of tokens
    expect(store.metrics.names(runId).filter((n) => n.startsWith('grad_h/decoder/'))).toHaveLength(10);
  });

  it('resumes an interrupted seq2seq run and ends with the parameters of an uninterrupted one', async () => {
    const { store, runner, log } = setUp();
    const spec = reverseSpec({ steps: 400, checkpointEvery: 50, evalEvery: 100, teacherForcing: { kind: 'inverse-sigmoid', k: 20 } });
    const interrupted = createRun(store, spec);
    runner.start(interrupted);
    await log.waitFor((e) => e.type === 'progress' && e.runId === interrupted);
    await runner.shutdown();
    const step = store.runs.get(interrupted)?.step ?? 0;
    expect(store.runs.get(interrupted)?.status).toBe('interrupted');
    expect(step).toBeGreaterThan(0);
    expect(step).toBeLessThan(400);

    const next = setUp();
    const reference = createRun(store, spec);
    expect(next.runner.resumeInterrupted(interrupted)).toEqual({ ok: true });
    next.runner.start(reference);
    await Promise.all([next.log.status(interrupted, 'completed'), next.log.status(reference, 'completed')]);
    expect(checkpointParams(store, interrupted)).toEqual(checkpointParams(store, reference));
    expect(store.metrics.series(interrupted, METRIC.teacherForcing).values).toEqual(store.metrics.series(reference, METRIC.teacherForcing).values);
  });

  for (const [kind, task, model] of [
    ['seq2seq', { id: 'reverse-string', params: { alphabet: 5, minLength: 3, maxLength: 6 } }, { kind: 'seq2seq', cell: 'rnn_relu', hiddenSize: 16 }],
    ['conditioned', { id: 'waveform-generation', params: { classes: 3, length: 20, period: 10 } }, { kind: 'conditioned', cell: 'rnn_relu', hiddenSize: 16 }],
  ] as const) {
    it(`ends a ${kind} run whose loss becomes NaN as diverged, with the step and the last loss before it`, async () => {
      const { store, runner, log } = setUp();
      // ReLU cells, plain SGD at a huge learning rate and no clipping: NaN or Inf within a few steps (explosion rules off).
      const off = { valLossOverReference: 0, valLossOverBest: 0, gradNorm: 0 };
      const spec = {
        seed: 3,
        task,
        model,
        training: { steps: 500, batchSize: 8, learningRate: 10, optimizer: { kind: 'sgd' }, clip: { kind: 'none' }, evalBatches: 1, divergence: off },
      };
      const parsed = parseExperimentSpec(spec);
      if (!parsed.ok) throw new Error('spec');
      const expected = divergenceOf(new TrainingSession(parsed.spec, parsed.task));

      const runId = createRun(store, spec);
      runner.start(runId);
      const ended = await log.status(runId, 'diverged');
      const lastLoss = seriesMap(store, runId, METRIC.trainLoss).get(expected.step - 1);
      expect(ended.divergence).toEqual({ step: expected.step, reason: expected.nonFinite, lastSaneLoss: lastLoss, lastSaneStep: expected.step - 1 });
      expect(ended.error).toContain(`diverged at step ${expected.step}: ${expected.nonFinite}`);
      expect(store.runs.get(runId)).toMatchObject({ status: 'diverged', step: expected.step, divergence: ended.divergence });
    });
  }

  for (const [kind, task, model, training, symptom] of [
    // Adam at 3: cross-entropy ~1e4 with gradient norms ~1e3 (under the bound): found by the validation loss
    [
      'seq2seq',
      { id: 'reverse-string', params: { alphabet: 5, minLength: 3, maxLength: 6 } },
      { kind: 'seq2seq', cell: 'rnn_relu', hiddenSize: 16 },
      { learningRate: 3 },
      /^the validation loss \(.+\) was above 10 × the reference loss .+ at 2 evaluations in a row since step 10$/,
    ],
    // Adam at 0.5: MSE ~1e10 with gradient norms ~1e12: found by the gradient norm
    [
      'conditioned',
      { id: 'waveform-generation', params: { classes: 3, length: 20, period: 10 } },
      { kind: 'conditioned', cell: 'rnn_relu', hiddenSize: 16 },
      { learningRate: 0.5 },
      /^the gradient norm before clipping was above 1000000 for 10 steps in a row since step \d+/,
    ],
  ] as const) {
    it(`ends a ${kind} run that explodes without reaching NaN as diverged, with the last sane loss`, async () => {
      const { store, runner, log } = setUp();
      const spec = {
        seed: 3,
        task,
        model,
        training: { steps: 200, batchSize: 8, optimizer: { kind: 'adam' }, clip: { kind: 'none' }, evalEvery: 10, evalBatches: 1, ...training },
      };
      const runId = createRun(store, spec);
      runner.start(runId);
      const ended = await log.status(runId, 'diverged');
      const d = store.runs.get(runId)?.divergence;
      if (!d) throw new Error('no divergence stored');
      expect(ended.divergence).toEqual(d);
      expect(d.reason).toMatch(symptom);
      expect(store.runs.get(runId)?.step).toBe(d.step);
      expect(d.step).toBeLessThan(200);
      const losses = seriesMap(store, runId, METRIC.trainLoss);
      const reference = referenceLossOf(spec);
      expect(d.lastSaneStep).not.toBeNull();
      expect(d.lastSaneLoss).toBe(losses.get(d.lastSaneStep as number));
      expect(d.lastSaneLoss).toBeLessThan(10 * reference);
      expect(losses.get(d.step)).toBeGreaterThan(10 * reference);
    });
  }
});
