// Specs checked against the machine, through the API on a temporary database with the machine's limits set by
// the test: a spec whose estimate exceeds the memory a run may take, or whose threads exceed the cores, is refused
// by runs.create (and by sweeps.create, naming the trial) with the estimate or the number in the message, and
// nothing is created; runs.check returns the estimate and the issues without creating anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../../core/common/api/contract';
import { machineLimits } from '../../../../core/common/spec/machine-limits';
import { resolveSweepSpec } from '../../../../core/node/data/sweep-spec';
import { callApi, createTestBackend, refusalOf } from './test-backend';

const GIB = 2 ** 30;
/** A small machine: 2 cores, 4 GiB (a run may take 2 GiB of it). */
const SMALL = machineLimits(4 * GIB, 2);

const training = { steps: 4, batchSize: 2, evalEvery: 2, evalBatches: 1, checkpointEvery: 2, gradNormsEvery: 0 };
const tiny = { task: { id: 'adding-problem', params: { length: 8 } }, model: { cell: 'gru', hiddenSize: 4 }, training };
/** ≈ 15 GiB: LSTM 1024 wide, 2 layers, on 2000-character windows in batches of 64. */
const large = {
  task: { id: 'char-lm', params: { window: 2000 } },
  model: { cell: 'lstm', hiddenSize: 1024, numLayers: 2 },
  training: { ...training, batchSize: 64 },
};

describe('specs against the machine', () => {
  let env: ReturnType<typeof createTestBackend>;
  let experimentId: number;
  const call = <T = Record<string, unknown>>(name: string, payload: unknown): Promise<T> => callApi<T>(env.backend, name, payload);

  beforeAll(async () => {
    env = createTestBackend({ machineLimits: SMALL });
    experimentId = (await call<{ id: number }>('experiments.create', { name: 'limits' })).id;
  });
  afterAll(() => env.dispose());

  it('refuses a run whose estimate exceeds the memory a run may take, with the estimate in the message', async () => {
    const refused = await refusalOf(env.backend, 'runs.create', { experimentId, spec: large });
    expect(refused.code).toBe('invalid-request');
    expect(refused.issues).toEqual([
      {
        path: 'spec.(spec)',
        message: expect.stringMatching(
          /^this run would need ≈ [\d.]+ GiB of memory \(activations kept for BPTT [\d.]+ GiB, .*\), more than the 2\.0 GiB a run may take on this machine \(4\.0 GiB in all/,
        ),
      },
    ]);
    expect(env.backend.store.runs.list({})).toEqual([]);
  });

  it('refuses more threads than the machine runs at once, naming training.threads and the maximum', async () => {
    const refused = await refusalOf(env.backend, 'runs.create', { experimentId, spec: { ...tiny, training: { ...training, threads: 64 } } });
    expect(refused.issues).toEqual([
      { path: 'spec.training.threads', message: expect.stringMatching(/training\.threads is 64, but this machine runs 2 threads at once.*use at most 2$/) },
    ]);
    expect(env.backend.store.runs.list({})).toEqual([]);
  });

  it('checks a spec without creating anything: the estimate, the issues, the machine', async () => {
    const fits = await call<ApiResponse<'runs.check'>>('runs.check', { spec: tiny });
    expect(fits).toMatchObject({ ok: true, issues: [], machine: { totalMemoryBytes: 4 * GIB, memoryBytes: 2 * GIB, parallelism: 2 } });
    expect(fits.estimate?.memory.total).toBeGreaterThan(0);
    expect(fits.estimate?.steps).toEqual({ input: 8, target: null, window: 8 });

    const tooLarge = await call<ApiResponse<'runs.check'>>('runs.check', { spec: large });
    expect(tooLarge.ok).toBe(false);
    expect(tooLarge.issues.map((i) => i.path)).toEqual(['spec.(spec)']);
    expect(tooLarge.estimate?.memory.total).toBeGreaterThan(2 * GIB); // shown to the person even though refused

    const invalid = await call<ApiResponse<'runs.check'>>('runs.check', { spec: { ...tiny, task: { id: 'char-lm' }, model: { bidirectional: true } } });
    expect(invalid).toMatchObject({ ok: false, estimate: null, issues: [{ path: 'spec.model.bidirectional' }] });
    expect(env.backend.store.runs.list({})).toEqual([]);
  });

  it('refuses a sweep whole when one trial exceeds the machine, naming the trial', async () => {
    const sweep = { base: { ...large, model: { cell: 'lstm', numLayers: 2 } }, grid: { 'model.hiddenSize': [8, 1024] } };
    const refused = await refusalOf(env.backend, 'sweeps.create', { experimentId, sweep });
    expect(refused.issues).toEqual([
      { path: 'sweep.trials.2.(spec)', message: expect.stringMatching(/^this run would need ≈ .* \(trial 2 of 2: model\.hiddenSize=1024\)$/) },
    ]);
    const threads = await refusalOf(env.backend, 'sweeps.create', { experimentId, sweep: { base: tiny, grid: { 'training.threads': [1, 2, 3] } } });
    expect(threads.issues).toEqual([
      { path: 'sweep.trials.3.training.threads', message: expect.stringContaining('use at most 2 (trial 3 of 3: training.threads=3)') },
    ]);
    expect(env.backend.store.runs.list({})).toEqual([]);
    expect(env.backend.store.sweeps.list()).toEqual([]);
  });

  it('accepts what fits, and a base too large when every trial fits', async () => {
    const run = await call<ApiResponse<'runs.create'>>('runs.create', { experimentId, spec: { ...tiny, training: { ...training, threads: 2 } } });
    await call('runs.stop', { id: run.id });
    const sweep = { base: large, grid: { 'model.hiddenSize': [4, 8] } };
    const created = await call<ApiResponse<'sweeps.create'>>('sweeps.create', {
      experimentId,
      sweep: { ...sweep, base: { ...large, training: { ...training, steps: 1 } } },
    });
    await call('sweeps.stop', { id: created.sweepId });
    expect(created.runIds).toHaveLength(2);
  });

  it('refuses a bidirectional model on next-character prediction, in a run and in a sweep trial, saying why', async () => {
    const runs = env.backend.store.runs.list({}).length;
    const refused = await refusalOf(env.backend, 'runs.create', { experimentId, spec: { task: { id: 'char-lm' }, model: { bidirectional: true }, training } });
    expect(refused.issues).toEqual([
      { path: 'spec.model.bidirectional', message: expect.stringContaining('it would read the very input the model must predict') },
    ]);
    const sweep = { base: { task: { id: 'embedded-reber' }, model: { hiddenSize: 4 }, training }, grid: { 'model.bidirectional': [false, true] } };
    const trial = await refusalOf(env.backend, 'sweeps.create', { experimentId, sweep });
    expect(trial.issues).toEqual([
      { path: 'sweep.trials.2.model.bidirectional', message: expect.stringContaining('task "embedded-reber" needs a causal model') },
    ]);
    expect(env.backend.store.runs.list({})).toHaveLength(runs);
  });

  it('refuses a sweep field through __proto__ as a request error, and Object.prototype stays clean', async () => {
    const sweep = JSON.parse('{"base":{"task":{"id":"parity"}},"grid":{"__proto__.polluted":[1,2]}}') as unknown;
    const refused = await refusalOf(env.backend, 'sweeps.create', { experimentId, sweep });
    expect(refused).toMatchObject({ code: 'invalid-request', issues: [{ path: 'sweep.grid.__proto__.polluted' }] });
    // the spec worker's own path (it reads the trials' datasets before validating): clean there too
    const result = await resolveSweepSpec(sweep, () => undefined, SMALL);
    expect(result.ok).toBe(false);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
