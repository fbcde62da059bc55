// A run with training.threads = 2 through the real run engine: the training worker splits every step
// over itself and a gradient worker, and the stored curve and parameters are a one-thread run's up to
// float rounding.
import { afterEach, describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { METRIC } from '../../../../core/common/train/metric-names';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { createRunner } from '../../../../core/node/runner/create-runner';
import type { Runner } from '../../../../core/node/runner/runner';
import { useStoreFixture } from '../store/store-fixture';
import { checkpointParams, createRun, EventLog } from './runner-fixture';

const fixture = useStoreFixture();
const runners: Runner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.shutdown()));
});

describe('Runner with training.threads > 1', () => {
  it('trains data-parallel to completion, matching a one-thread session up to float rounding', async () => {
    const store = fixture.open();
    const log = new EventLog();
    const runner = createRunner(store, log.listener);
    runners.push(runner);
    const spec: ExperimentSpecInput = {
      seed: 4,
      task: { id: 'parity', params: { minLength: 3, maxLength: 9 } },
      model: { cell: 'gru', hiddenSize: 6 },
      training: { steps: 20, batchSize: 7, evalEvery: 10, evalBatches: 1, gradNormsEvery: 10, checkpointEvery: 20, threads: 2 },
    };
    const runId = createRun(store, spec, 20);
    runner.start(runId);
    await log.status(runId, 'completed');

    const parsed = parseExperimentSpec({ ...spec, training: { ...spec.training, threads: 1 } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const local = new TrainingSession(parsed.spec, parsed.task);
    const losses = Array.from({ length: 20 }, () => local.next().loss);
    const stored = store.metrics.series(runId, METRIC.trainLoss);
    expect(stored.steps).toHaveLength(20);
    stored.values.forEach((v, i) => expect(Math.abs(v - losses[i]!) / losses[i]!).toBeLessThan(1e-5));
    expect(store.metrics.names(runId).filter((name) => name.startsWith('grad_h/')).length).toBeGreaterThanOrEqual(3); // ≥ minLength steps
    const params = checkpointParams(store, runId);
    for (const p of local.params) p.data.forEach((v, i) => expect(Math.abs(params[p.name]![i]! - v)).toBeLessThan(1e-5));
  });
});
