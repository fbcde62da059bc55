// Data-parallel training over k threads against one thread: the same losses, gradient norms,
// per-step gradient norms and parameters up to float rounding (LSTM char LM; GRU many-to-one with
// variable lengths; uneven shards; truncated BPTT), reproducibility with dropout, readable failures
// with no thread left behind, and shutdown.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { buildModel } from '../../../../core/common/models/sequence/build-model';
import type { SequenceModel } from '../../../../core/common/models/sequence/sequence-model';
import type { SequenceBatch } from '../../../../core/common/data/batch';
import type { Task } from '../../../../core/common/tasks/task';
import { Rng } from '../../../../core/common/random/rng';
import { Trainer, type TrainerOptions } from '../../../../core/common/models/sequence/trainer';
import type { StepStats } from '../../../../core/common/train/update-step';
import { Adam } from '../../../../core/common/train/optim/adam';
import { constantLr } from '../../../../core/common/train/schedules';
import { DataParallelTrainer } from '../../../../core/node/parallel/data-parallel-trainer';
import type { BpttSpec } from '../../../../core/common/spec/training-spec';

const RELATIVE = 1e-5;
const GRADIENT_WORKER = fileURLToPath(new URL('../../../../core/node/parallel/gradient-worker.ts', import.meta.url));

function setup(input: ExperimentSpecInput) {
  const parsed = parseExperimentSpec(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const { spec, task } = parsed;
  const modelSpec = spec.model;
  if (modelSpec.kind !== 'sequence') throw new Error('a sequence model spec was expected');
  return { makeModel: () => buildModel(task, modelSpec, new Rng(11)), task };
}

function batches(task: Task, B: number, n: number): SequenceBatch[] {
  const rng = new Rng(23);
  return Array.from({ length: n }, () => task.batch(rng, B) as SequenceBatch);
}

function options(model: SequenceModel, bptt: BpttSpec = { mode: 'full' }): TrainerOptions {
  return { model, optimizer: new Adam({}), schedule: constantLr(1e-2), clip: { kind: 'norm', max: 1 }, bptt };
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), 1e-12);
}

/** Largest |θ_k − θ_1| over all parameters, relative to the largest |θ_1|. */
function paramDifference(one: SequenceModel, many: SequenceModel): number {
  let diff = 0;
  let scale = 0;
  one.params.forEach((p, i) => {
    const q = many.params[i]!.data;
    for (let j = 0; j < p.data.length; j++) {
      diff = Math.max(diff, Math.abs(p.data[j]! - q[j]!));
      scale = Math.max(scale, Math.abs(p.data[j]!));
    }
  });
  return diff / scale;
}

async function compare(input: ExperimentSpecInput, threads: number, B: number, bptt?: BpttSpec) {
  const { makeModel, task } = setup(input);
  const data = batches(task, B, 5);
  const one = makeModel();
  const reference = new Trainer(options(one, bptt));
  const many = makeModel();
  const parallel = await DataParallelTrainer.create({ ...options(many, bptt), threads, workerEntry: GRADIENT_WORKER });
  try {
    for (let step = 0; step < data.length; step++) {
      const hGradNorms = step === data.length - 1;
      const a = reference.step(data[step]!, step, { hGradNorms });
      const b: StepStats = await parallel.step(data[step]!, step, { hGradNorms });
      expect(relative(a.loss, b.loss)).toBeLessThan(RELATIVE);
      expect(relative(a.gradNorm, b.gradNorm)).toBeLessThan(RELATIVE);
      expect(b.tokens).toBe(a.tokens);
      expect(b.nonFinite).toBeNull();
      if (a.accuracy !== null) expect(b.accuracy).toBeCloseTo(a.accuracy, 12);
      if (hGradNorms) {
        const [x, y] = [a.gradNorms!, b.gradNorms!];
        expect(y.map((s) => [s.layer, s.t0, s.values.length])).toEqual(x.map((s) => [s.layer, s.t0, s.values.length]));
        x.forEach((series, s) => Array.from(series.values).forEach((v, i) => expect(relative(v, y[s]!.values[i]!)).toBeLessThan(RELATIVE)));
      }
    }
    expect(paramDifference(one, many)).toBeLessThan(RELATIVE);
    expect(parallel.evaluate(data.slice(0, 2)).loss).toBeCloseTo(reference.evaluate(data.slice(0, 2)).loss, 5);
  } finally {
    await parallel.close();
  }
}

const charLm: ExperimentSpecInput = {
  seed: 5,
  task: { id: 'char-lm', params: { window: 12, corpusLength: 2000 } },
  model: { cell: 'lstm', hiddenSize: 16, embeddingDim: 8 },
};
const parity: ExperimentSpecInput = { seed: 6, task: { id: 'parity', params: { minLength: 2, maxLength: 14 } }, model: { cell: 'gru', hiddenSize: 12 } };

describe('DataParallelTrainer matches one thread up to float rounding (5 Adam steps, clip 1)', () => {
  it('LSTM char LM, k = 2, B = 8', () => compare(charLm, 2, 8));
  it('LSTM char LM, k = 3, B = 7 (shards of 3, 2, 2), truncated BPTT k1 = 4, k2 = 8', () => compare(charLm, 3, 7, { mode: 'truncated', k1: 4, k2: 8 }));
  it('GRU parity, many-to-one with variable lengths, k = 2, B = 9', () => compare(parity, 2, 9));
  it('GRU parity, k = 3, B = 10 (shards of 4, 3, 3)', () => compare(parity, 3, 10));
  it('k = 1 is exactly Trainer.step', async () => {
    const { makeModel, task } = setup(charLm);
    const data = batches(task, 4, 3);
    const one = makeModel();
    const reference = new Trainer(options(one));
    const same = makeModel();
    const parallel = await DataParallelTrainer.create({ ...options(same), threads: 1, workerEntry: GRADIENT_WORKER });
    for (let step = 0; step < data.length; step++) expect((await parallel.step(data[step]!, step)).loss).toBe(reference.step(data[step]!, step).loss);
    one.params.forEach((p, i) => expect(same.params[i]!.data).toEqual(p.data));
    await parallel.close();
  });
});

describe('DataParallelTrainer divergence', () => {
  it("reports a NaN in a worker's shard as Trainer does, and skips the update", async () => {
    const { makeModel, task } = setup(parity);
    const [batch] = batches(task, 6, 1);
    if (batch!.input.kind !== 'dense') throw new Error('dense input expected');
    batch!.input.x[5] = NaN; // t = 0, b = 5: worker 1's rows 3..5
    const model = makeModel();
    const before = model.params.map((p) => Float32Array.from(p.data));
    const parallel = await DataParallelTrainer.create({ ...options(model), threads: 2, workerEntry: GRADIENT_WORKER });
    const stats = await parallel.step(batch!, 0);
    expect(stats.nonFinite).toBe('loss is NaN');
    expect(Number.isNaN(stats.gradNorm)).toBe(true);
    model.params.forEach((p, i) => expect(p.data).toEqual(before[i]));
    await parallel.close();
  });
});

describe('DataParallelTrainer reproducibility', () => {
  it('gives bit-identical losses and parameters for the same seed and k, with dropout drawn per shard', async () => {
    const dropout: ExperimentSpecInput = { ...charLm, model: { cell: 'lstm', hiddenSize: 8, embeddingDim: 4, numLayers: 2, dropout: 0.3 } };
    const { makeModel, task } = setup(dropout);
    const data = batches(task, 5, 3);
    const run = async () => {
      const model = makeModel();
      const parallel = await DataParallelTrainer.create({ ...options(model), threads: 2, workerEntry: GRADIENT_WORKER });
      const rng = new Rng(99);
      const losses: number[] = [];
      for (let step = 0; step < data.length; step++) losses.push((await parallel.step(data[step]!, step, { rng })).loss);
      await parallel.close();
      return { losses, params: model.params.map((p) => Array.from(p.data)) };
    };
    const [a, b] = await Promise.all([run(), run()]);
    expect(b.losses).toEqual(a.losses);
    expect(b.params).toEqual(a.params);
  });
});

describe('DataParallelTrainer failures and shutdown', () => {
  it('reports the errors of every failing shard, worker or this thread, and terminates every worker', async () => {
    const { makeModel, task } = setup(charLm);
    const [batch] = batches(task, 6, 1);
    if (batch!.input.kind !== 'tokens') throw new Error('token input expected');
    batch!.input.ids[5] = 999; // t = 0, b = 5: in worker 2's rows 4..5, its ids[1]
    batch!.input.ids[6 + 1] = -3; // t = 1, b = 1: in this thread's rows 0..1, its ids[3]
    const parallel = await DataParallelTrainer.create({ ...options(makeModel()), threads: 3, workerEntry: GRADIENT_WORKER });
    const started = Date.now();
    const failure = parallel.step(batch!, 0);
    await expect(failure).rejects.toThrow(/step 0 failed in shard 0 \(rows 0\.\.1 of 6, this thread\): Embedding\.forward: ids\[3\] = -3 is outside/);
    await expect(failure).rejects.toThrow(/; gradient worker 2 \(rows 4\.\.5 of 6\): Embedding\.forward: ids\[1\] = 999 is outside 0\.\.\d+/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(parallel.runningWorkers).toBe(0);
    await expect(parallel.step(batch!, 1)).rejects.toThrow(/closed after a failure/);
  });

  it('rejects within bounded time when a worker dies mid-step, leaving no thread behind', async () => {
    const { makeModel, task } = setup(charLm);
    const [batch] = batches(task, 4, 1);
    const workerEntry = fileURLToPath(new URL('./dying-gradient-worker.ts', import.meta.url));
    const parallel = await DataParallelTrainer.create({ ...options(makeModel()), threads: 2, workerEntry });
    await expect(parallel.step(batch!, 0)).rejects.toThrow(/gradient worker 1 stopped unexpectedly \(exit code 7\)/);
    expect(parallel.runningWorkers).toBe(0);
  });

  it('fails to start with a readable error when a worker cannot load', async () => {
    const { makeModel } = setup(charLm);
    await expect(DataParallelTrainer.create({ ...options(makeModel()), threads: 2, workerEntry: '/nonexistent/gradient-worker.js' })).rejects.toThrow(
      /gradient worker 1 could not start/,
    );
  });

  it('close stops every worker, is idempotent, and refuses later steps', async () => {
    const { makeModel, task } = setup(charLm);
    const [batch] = batches(task, 6, 1);
    const parallel = await DataParallelTrainer.create({ ...options(makeModel()), threads: 3, workerEntry: GRADIENT_WORKER });
    expect(parallel.runningWorkers).toBe(2);
    await parallel.step(batch!, 0);
    await parallel.close();
    expect(parallel.runningWorkers).toBe(0);
    await parallel.close();
    await expect(parallel.step(batch!, 1)).rejects.toThrow(/closed/);
  });
});
