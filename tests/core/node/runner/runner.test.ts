// The run engine with real worker threads and a real SQLite file: runs complete with every metric
// stored, pause / resume / stop, concurrency and the queue, failures (invalid spec, a throwing or
// memory-hungry worker), divergence, early stopping, and resuming an interrupted run exactly.
import { afterEach, describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { METRIC, baselineMetricName } from '../../../../core/common/train/metric-names';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { createRunner } from '../../../../core/node/runner/create-runner';
import { Runner } from '../../../../core/node/runner/runner';
import type { RunnerOptions } from '../../../../core/node/runner/runner-types';
import { INTERRUPTED_MESSAGE } from '../../../../core/node/store/run-repository';
import type { Store } from '../../../../core/node/store/store';
import { useStoreFixture } from '../store/store-fixture';
import { addingSpec, checkpointParams, createRun, divergenceOf, EventLog, FAULTY_WORKER, referenceLossOf, seriesMap, sleep } from './runner-fixture';

const fixture = useStoreFixture();
const runners: Runner[] = [];
afterEach(async () => {
  // Before the store fixture closes the database (vitest runs after-hooks last-registered first).
  await Promise.all(runners.splice(0).map((runner) => runner.shutdown()));
});

function setUp(options: Partial<RunnerOptions> = {}): { store: Store; runner: Runner; log: EventLog } {
  const store = fixture.open();
  const log = new EventLog();
  const runner = options.workerEntry
    ? new Runner(store, log.listener, { ...options, workerEntry: options.workerEntry })
    : createRunner(store, log.listener, options);
  runners.push(runner);
  return { store, runner, log };
}

function session(spec: ExperimentSpecInput): TrainingSession {
  const parsed = parseExperimentSpec(spec);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new TrainingSession(parsed.spec, parsed.task);
}

/** An IRNN on the adding problem, Adam without clipping: at 0.5 it explodes (loss ~1e22) without reaching NaN. */
function explodingIrnn(steps: number, divergence: Record<string, unknown> = {}, learningRate = 0.5): ExperimentSpecInput {
  return {
    seed: 1,
    task: { id: 'adding-problem', params: { length: 20 } },
    model: { cell: 'rnn_relu', hiddenSize: 16, init: { recurrent: 'identity' } },
    training: {
      steps,
      batchSize: 8,
      learningRate,
      optimizer: { kind: 'adam' },
      clip: { kind: 'none' },
      evalEvery: 20,
      evalBatches: 2,
      checkpointEvery: 100,
      divergence,
    },
  };
}

const range = (from: number, to: number, by = 1) => Array.from({ length: Math.floor((to - from) / by) + 1 }, (_, i) => from + i * by);

describe('Runner', () => {
  it('trains a run to completion and stores every metric, checkpoint and its progress', async () => {
    const { store, runner, log } = setUp();
    const spec: ExperimentSpecInput = {
      seed: 3,
      task: { id: 'parity', params: { minLength: 6, maxLength: 6 } },
      model: { cell: 'gru', hiddenSize: 4, numLayers: 2, bidirectional: true },
      training: { steps: 40, batchSize: 4, evalEvery: 10, evalBatches: 1, gradNormsEvery: 20, checkpointEvery: 15 },
    };
    const runId = createRun(store, spec, 40);
    expect(runner.start(runId)).toEqual({ ok: true });
    await log.status(runId, 'completed');

    expect(log.statuses(runId)).toEqual(['running', 'completed']);
    expect(store.runs.get(runId)).toMatchObject({ status: 'completed', error: null, step: 40 });
    for (const name of [METRIC.trainLoss, METRIC.trainAccuracy, METRIC.learningRate, METRIC.gradNorm]) {
      expect(store.metrics.series(runId, name).steps).toEqual(range(1, 40));
    }
    expect(store.metrics.series(runId, METRIC.valLoss).steps).toEqual([10, 20, 30, 40]);
    expect(store.metrics.series(runId, METRIC.valAccuracy).steps).toEqual([10, 20, 30, 40]);
    // ‖∂L/∂h_t‖ for 2 layers × 2 directions × 6 time steps, on the sampled steps 1, 20, 40.
    const gradNames = store.metrics.names(runId).filter((name) => name.startsWith('grad_h/'));
    expect(gradNames).toHaveLength(24);
    expect(gradNames).toContain('grad_h/l1_reverse/t5');
    for (const name of gradNames) expect(store.metrics.series(runId, name).steps).toEqual([1, 20, 40]);
    // The worker's numbers are the session's: same loss curve as training in-process.
    const local = session(spec);
    const losses = Array.from({ length: 40 }, () => local.next().loss);
    expect(store.metrics.series(runId, METRIC.trainLoss).values).toEqual(losses);

    expect(store.checkpoints.info(runId, 'latest')?.step).toBe(40);
    expect([10, 20, 30, 40]).toContain(store.checkpoints.info(runId, 'best')?.step);
    expect(checkpointParams(store, runId)).toEqual(Object.fromEntries(local.params.map((p) => [p.name, p.data])));
  });

  it('pauses, resumes and stops a run, each reflected in the store', async () => {
    const { store, runner, log } = setUp();
    const runId = createRun(store, addingSpec({ steps: 1_000_000, evalEvery: 500, checkpointEvery: 1000 }));
    runner.start(runId);
    await log.waitFor((e) => e.type === 'progress' && e.runId === runId);

    expect(runner.pause(runId)).toEqual({ ok: true });
    await log.status(runId, 'paused');
    const pausedAt = store.runs.get(runId);
    expect(pausedAt?.status).toBe('paused');
    await sleep(150);
    expect(store.runs.get(runId)?.step).toBe(pausedAt?.step);
    expect(store.metrics.series(runId, METRIC.trainLoss).steps).toEqual(range(1, pausedAt?.step ?? -1));

    const since = log.events.length;
    expect(runner.resume(runId)).toEqual({ ok: true });
    await log.status(runId, 'running', since);
    await log.waitFor((e) => e.type === 'progress' && e.runId === runId && e.step > (pausedAt?.step ?? 0), since);

    // Stopping a paused run: it saves its checkpoint at the paused step and ends.
    runner.pause(runId);
    await log.status(runId, 'paused', since);
    const pausedAgain = store.runs.get(runId)?.step ?? -1;
    expect(pausedAgain).toBeGreaterThan(pausedAt?.step ?? 0);
    expect(runner.stop(runId)).toEqual({ ok: true });
    await log.status(runId, 'stopped');
    expect(store.runs.get(runId)).toMatchObject({ status: 'stopped', error: null, step: pausedAgain });
    expect(store.checkpoints.info(runId, 'latest')?.step).toBe(pausedAgain);
    expect(store.metrics.series(runId, METRIC.trainLoss).steps).toEqual(range(1, pausedAgain));
    expect(log.statuses(runId)).toEqual(['running', 'paused', 'running', 'paused', 'stopped']);
  });

  it('trains two runs at the same time while a third waits its turn', async () => {
    const { store, runner, log } = setUp({ concurrency: 2 });
    // a and b train until stopped, so neither can end before the assertions however busy the machine is.
    const [a, b] = [createRun(store, addingSpec({ steps: 1_000_000 })), createRun(store, addingSpec({ steps: 1_000_000 }))];
    const c = createRun(store, addingSpec());
    for (const id of [a, b, c]) runner.start(id);
    expect(runner.activeRunIds).toEqual([a, b]);
    expect(runner.queuedRunIds).toEqual([c]);
    // Both report training progress while both hold a worker: they train at the same time; c still waits.
    await Promise.all([a, b].map((id) => log.waitFor((e) => e.type === 'progress' && e.runId === id)));
    expect(runner.activeRunIds).toEqual([a, b]);
    expect(runner.queuedRunIds).toEqual([c]);
    expect(store.runs.get(c)?.status).toBe('queued');

    // Freeing a slot starts c, and only then.
    runner.stop(a);
    await log.status(c, 'completed');
    const index = (id: number, status: string) => log.events.findIndex((e) => e.type === 'status' && e.runId === id && e.status === status);
    expect(index(c, 'running')).toBeGreaterThan(index(a, 'stopped'));
    expect(runner.activeRunIds).toEqual([b]);
    runner.stop(b);
    await log.status(b, 'stopped');
    expect([a, b, c].map((id) => store.runs.get(id)?.status)).toEqual(['stopped', 'stopped', 'completed']);
  });

  it('fails a run whose spec is invalid, naming the field', async () => {
    const { store, runner, log } = setUp();
    const runId = createRun(store, addingSpec({ steps: 0 }));
    runner.start(runId);
    const ended = await log.status(runId, 'failed');
    expect(ended.error).toMatch(/spec is invalid[\s\S]*training\.steps: steps must be at least 1/);
    expect(store.runs.get(runId)).toMatchObject({ status: 'failed', error: ended.error });
  });

  it('fails only the run whose worker throws or runs out of memory; the others finish', async () => {
    const { store, runner, log } = setUp({ workerEntry: FAULTY_WORKER, concurrency: 3, maxHeapMb: 96 });
    const healthy = createRun(store, addingSpec({ steps: 800 }));
    const throwing = createRun(store, { ...addingSpec({ steps: 1_000_000 }), name: 'throw' });
    const hoarding = createRun(store, { ...addingSpec({ steps: 1_000_000 }), name: 'hoard' });
    for (const id of [healthy, throwing, hoarding]) runner.start(id);

    const threw = await log.status(throwing, 'failed');
    expect(threw.error).toBe('The training worker crashed: deliberate test failure inside the worker');
    const hoarded = await log.status(hoarding, 'failed');
    expect(hoarded.error).toMatch(/ran out of memory \(its heap limit is 96 MB\)/);
    await log.status(healthy, 'completed');
    expect(store.runs.get(throwing)).toMatchObject({ status: 'failed', error: threw.error });
    expect(store.runs.get(hoarding)).toMatchObject({ status: 'failed', error: hoarded.error });
    expect(store.metrics.series(healthy, METRIC.trainLoss).steps).toHaveLength(800);
  });

  it('ends a run whose loss becomes NaN as diverged, with the step, the reason and the last loss before it', async () => {
    const { store, runner, log } = setUp();
    // An IRNN with plain SGD at a huge learning rate and no clipping reaches NaN within a few dozen steps;
    // the explosion rules are off, so this is the NaN / Inf check alone.
    const spec = {
      seed: 3,
      task: { id: 'adding-problem', params: { length: 20 } },
      model: { cell: 'rnn_relu', hiddenSize: 16, init: { recurrent: 'identity' } },
      training: {
        steps: 500,
        batchSize: 8,
        learningRate: 10,
        optimizer: { kind: 'sgd' },
        clip: { kind: 'none' },
        evalBatches: 1,
        divergence: { valLossOverReference: 0, valLossOverBest: 0, gradNorm: 0 },
      },
    } satisfies ExperimentSpecInput;
    const expected = divergenceOf(session(spec));

    const runId = createRun(store, spec);
    runner.start(runId);
    const ended = await log.status(runId, 'diverged');
    const lastLoss = seriesMap(store, runId, METRIC.trainLoss).get(expected.step - 1) ?? null;
    const divergence = { step: expected.step, reason: expected.nonFinite, lastSaneLoss: lastLoss, lastSaneStep: expected.step > 1 ? expected.step - 1 : null };
    expect(ended.divergence).toEqual(divergence);
    expect(ended.error).toContain(`diverged at step ${expected.step}: ${expected.nonFinite}. Last sane loss: ${lastLoss} (step ${expected.step - 1}).`);
    expect(store.runs.get(runId)).toMatchObject({ status: 'diverged', step: expected.step, error: ended.error, divergence, warnings: [] });
    expect(store.metrics.series(runId, METRIC.trainLoss).steps).toEqual(range(1, expected.step));
  });

  it('ends a run that explodes without ever reaching NaN as diverged, reporting the last sane loss, not the astronomical one', async () => {
    const { store, runner, log } = setUp();
    // Loss ~1e22 and gradient norms ~1e23 from the first few steps on, finite to the end: before explosion
    // detection this run "completed", and its last finite loss was astronomical.
    const spec = explodingIrnn(300);
    const runId = createRun(store, spec);
    runner.start(runId);
    const ended = await log.status(runId, 'diverged');
    const run = store.runs.get(runId);
    const d = run?.divergence;
    if (!d) throw new Error('no divergence stored');
    expect(ended.divergence).toEqual(d);
    const since = Number(/^the gradient norm before clipping was above 1000000 for 10 steps in a row since step (\d+) \(now .+\)$/.exec(d.reason)?.[1]);
    const grads = seriesMap(store, runId, METRIC.gradNorm);
    const losses = seriesMap(store, runId, METRIC.trainLoss);
    // ten consecutive steps over the bound, the first of them after one within it
    expect(d.step).toBe(since + 9);
    for (let step = since; step <= d.step; step++) expect(grads.get(step)).toBeGreaterThan(1e6);
    if (since > 1) expect(grads.get(since - 1)).toBeLessThanOrEqual(1e6);
    expect(run).toMatchObject({ status: 'diverged', step: d.step, warnings: [] });
    expect([...losses.keys()]).toEqual(range(1, d.step));
    // the last sane loss is a real one from before the explosion began; the loss at the end is astronomical
    const reference = referenceLossOf(spec);
    expect(d.lastSaneStep).not.toBeNull();
    expect(d.lastSaneStep).toBeLessThan(since);
    expect(d.lastSaneLoss).toBe(losses.get(d.lastSaneStep as number));
    expect(d.lastSaneLoss).toBeLessThan(10 * reference);
    for (let step = (d.lastSaneStep as number) + 1; step < since; step++) expect(losses.get(step)).toBeGreaterThan(10 * reference);
    expect(losses.get(d.step)).toBeGreaterThan(1e10);
    expect(ended.error).toBe(
      `Training diverged at step ${d.step}: ${d.reason}. Last sane loss: ${d.lastSaneLoss} (step ${d.lastSaneStep}). Lower the learning rate or clip gradients (or adjust training.divergence), then run it again.`,
    );
  });

  it("keeps training an exploding run with divergence action 'warn', recording the explosion as a warning on the run", async () => {
    const { store, runner, log } = setUp();
    const runId = createRun(store, explodingIrnn(60, { action: 'warn' }));
    runner.start(runId);
    await log.status(runId, 'completed');
    const run = store.runs.get(runId);
    expect(run).toMatchObject({ status: 'completed', step: 60, divergence: null, error: null });
    // one warning per symptom of the explosion, not one per step (the gradient stays huge to the end): the
    // gradient norm first, then the validation loss at its second evaluation over the bound
    expect(run?.warnings).toHaveLength(2);
    expect(run?.warnings[0]?.reason).toMatch(/^the gradient norm before clipping was above 1000000 for 10 steps in a row since step \d+/);
    expect(run?.warnings[1]).toMatchObject({
      step: 40,
      reason: expect.stringMatching(/^the validation loss \(.+\) was above 10 × the reference loss .+ at 2 evaluations in a row since step 20$/),
    });
    // both report the same last sane loss: the explosion began once
    expect(run?.warnings[1]?.lastSaneStep).toBe(run?.warnings[0]?.lastSaneStep);
    const warned = log.events.filter((e) => e.type === 'warning' && e.runId === runId);
    expect(warned.map((e) => e.type === 'warning' && e.warning)).toEqual(run?.warnings);
  });

  it('does not flag a healthy run: the same IRNN and optimiser at a learning rate that learns', async () => {
    const { store, runner, log } = setUp();
    // Adam at 0.05 without clipping: a bumpy start (validation loss up to ~1.5 × the untrained model's), then it learns.
    const runId = createRun(store, explodingIrnn(200, { action: 'warn' }, 0.05));
    runner.start(runId);
    await log.status(runId, 'completed');
    expect(store.runs.get(runId)).toMatchObject({ status: 'completed', step: 200, divergence: null, warnings: [] });
    const val = store.metrics.series(runId, METRIC.valLoss).values;
    expect(val.at(-1)).toBeLessThan(val[0] as number);
    expect(log.events.some((e) => e.type === 'warning')).toBe(false);
  });

  it('stops early when the validation loss stops improving, and says completed', async () => {
    const { store, runner, log } = setUp();
    // A learning rate too small to move float32 weights: the validation loss never improves after the first evaluation.
    const runId = createRun(store, addingSpec({ steps: 1000, learningRate: 1e-30, optimizer: { kind: 'sgd' }, evalEvery: 5, earlyStoppingPatience: 3 }));
    runner.start(runId);
    await log.status(runId, 'completed');
    expect(store.runs.get(runId)?.step).toBe(20);
    expect(store.checkpoints.info(runId, 'best')?.step).toBe(5);
    expect(store.checkpoints.info(runId, 'latest')?.step).toBe(20);
    expect(store.metrics.series(runId, METRIC.valLoss).steps).toEqual([5, 10, 15, 20]);
  });

  it('resumes an interrupted run from its checkpoint and ends with the parameters of an uninterrupted one', async () => {
    const { store, runner, log } = setUp();
    const spec = addingSpec({ steps: 2000, checkpointEvery: 200, evalEvery: 100 }, { cell: 'lstm' });
    const interrupted = createRun(store, spec);
    runner.start(interrupted);
    await log.waitFor((e) => e.type === 'progress' && e.runId === interrupted);
    // App exit: the training run saves a checkpoint and becomes interrupted.
    await runner.shutdown();
    const left = store.runs.get(interrupted);
    expect(left).toMatchObject({ status: 'interrupted', error: INTERRUPTED_MESSAGE });
    const step = left?.step ?? 0;
    expect(step).toBeGreaterThan(0);
    expect(step).toBeLessThan(2000);
    expect(store.checkpoints.info(interrupted, 'latest')?.step).toBe(step);
    // As if a crash had committed rows past the checkpoint: resuming must drop them.
    store.metrics.append([
      { runId: interrupted, name: METRIC.trainLoss, step: step + 1, value: 999, wallTime: 0 },
      { runId: interrupted, name: 'stale/metric', step: step + 5, value: 1, wallTime: 0 },
    ]);

    // The next start of the app; an uninterrupted reference trains beside the resumed run.
    const next = setUp();
    const reference = createRun(store, spec);
    expect(next.runner.recoverAtStartup()).toEqual([]);
    expect(next.runner.resumeInterrupted(interrupted)).toEqual({ ok: true });
    next.runner.start(reference);
    await Promise.all([next.log.status(interrupted, 'completed'), next.log.status(reference, 'completed')]);
    expect(next.log.statuses(interrupted)).toEqual(['queued', 'running', 'completed']);
    expect(checkpointParams(store, interrupted)).toEqual(checkpointParams(store, reference));
    expect(checkpointParams(store, interrupted, 'best')).toEqual(checkpointParams(store, reference, 'best'));
    expect(store.metrics.names(interrupted)).toEqual(store.metrics.names(reference));
    for (const name of [METRIC.trainLoss, METRIC.valLoss, 'grad_h/l0/t3']) {
      expect(store.metrics.series(interrupted, name).values).toEqual(store.metrics.series(reference, name).values);
    }
    // The task's baseline is written once, at the start: resuming does not date step 0 after the steps before it.
    const baseline = baselineMetricName(METRIC.valLoss);
    expect(store.metrics.series(interrupted, baseline).values).toEqual(store.metrics.series(reference, baseline).values);
    const firstStepAt = store.metrics.series(interrupted, METRIC.trainLoss).wallTimes[0] as number;
    expect(store.metrics.series(interrupted, baseline).wallTimes[0]).toBeLessThanOrEqual(firstStepAt);
  });

  it('marks runs left running or paused as interrupted at start-up; one without a checkpoint resumes from the start', async () => {
    const { store, runner, log } = setUp();
    const running = createRun(store, addingSpec());
    const paused = createRun(store, addingSpec());
    store.runs.updateStatus(running, 'running');
    store.runs.updateStatus(paused, 'paused');
    store.metrics.append([{ runId: running, name: METRIC.trainLoss, step: 3, value: 1, wallTime: 0 }]);

    expect(runner.recoverAtStartup().map((run) => [run.id, run.status])).toEqual([
      [running, 'interrupted'],
      [paused, 'interrupted'],
    ]);
    expect(store.runs.get(paused)).toMatchObject({ status: 'interrupted', error: INTERRUPTED_MESSAGE });
    runner.resumeInterrupted(running);
    await log.status(running, 'completed');
    expect(store.metrics.series(running, METRIC.trainLoss).steps).toEqual(range(1, 60));
  });

  it('fails a run whose checkpoint cannot be read, with the reason', async () => {
    const { store, runner, log } = setUp();
    const runId = createRun(store, addingSpec());
    store.checkpoints.save({ runId, step: 25, kind: 'latest', blob: Uint8Array.of(1, 2, 3) });
    store.runs.updateStatus(runId, 'interrupted');
    runner.resumeInterrupted(runId);
    const ended = await log.status(runId, 'failed');
    expect(ended.error).toMatch(/^Training failed: decodeCheckpoint: .*damaged or not a SeqLab checkpoint$/);
  });

  it('discards a training run so it can be deleted, while another run carries on', async () => {
    const { store, runner, log } = setUp({ concurrency: 2 });
    // Both train until told otherwise: the other run cannot finish before the assertions, however busy the machine is.
    const doomed = createRun(store, addingSpec({ steps: 1_000_000 }));
    const other = createRun(store, addingSpec({ steps: 1_000_000 }));
    runner.start(doomed);
    runner.start(other);
    await Promise.all([doomed, other].map((id) => log.waitFor((e) => e.type === 'progress' && e.runId === id)));
    await runner.discard(doomed);
    expect(store.runs.delete(doomed)).toBe(true);
    expect(runner.activeRunIds).toEqual([other]);

    // The other run keeps training after the discard, and every one of its rows is stored.
    const since = log.events.length;
    const stepAtDiscard = store.runs.get(other)?.step ?? 0;
    await log.waitFor((e) => e.type === 'progress' && e.runId === other && e.step > stepAtDiscard, since);
    runner.stop(other);
    await log.status(other, 'stopped');
    const stoppedAt = store.runs.get(other)?.step ?? -1;
    expect(stoppedAt).toBeGreaterThan(stepAtDiscard);
    expect(store.metrics.series(other, METRIC.trainLoss).steps).toEqual(range(1, stoppedAt));
    expect(log.statuses(other)).toEqual(['running', 'stopped']);
    expect(log.statuses(doomed)).toEqual(['running']);
  });

  it('refuses commands that do not fit the run, with a code and a message', async () => {
    const { store, runner, log } = setUp({ concurrency: 1 });
    expect(runner.start(999)).toMatchObject({ ok: false, code: 'not-found' });
    const first = createRun(store, addingSpec({ steps: 1_000_000 }));
    const waiting = createRun(store, addingSpec());
    runner.start(first);
    runner.start(waiting);
    expect(runner.start(first)).toMatchObject({ ok: false, code: 'conflict', message: `Run ${first} is already training.` });
    expect(runner.pause(waiting)).toMatchObject({ ok: false, code: 'conflict' });
    expect(runner.resumeInterrupted(first)).toMatchObject({ ok: false, code: 'conflict' });
    // A queued run stops at once and never trains.
    expect(runner.stop(waiting)).toEqual({ ok: true });
    expect(store.runs.get(waiting)?.status).toBe('stopped');
    expect(runner.queuedRunIds).toEqual([]);
    expect(runner.start(waiting)).toMatchObject({ ok: false, code: 'conflict', message: `Run ${waiting} is stopped; only a queued run can be started.` });
    runner.stop(first);
    await log.status(first, 'stopped');
    expect(runner.stop(first)).toMatchObject({ ok: false, code: 'conflict' });
  });
});
