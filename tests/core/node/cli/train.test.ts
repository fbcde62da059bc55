// `seqlab train` and `seqlab resume` end to end: real BackendService, worker threads and SQLite file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunResults, RunSummary } from '../../../../core/common/api/entities';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

interface TrainJson {
  run: RunSummary;
  experiment: { id: number; name: string };
  results: RunResults;
}

describe('seqlab train', () => {
  it('trains a spec to completion and prints its final metrics as one JSON document', async () => {
    const spec = fx.writeJson('tiny.json', tinySpec(12));
    const outcome = await fx.run(['train', spec, '--experiment', 'widths', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const { run, experiment, results } = outcome.json<TrainJson>();
    expect(run).toMatchObject({ status: 'completed', step: 12, totalSteps: 12, error: null });
    expect(experiment.name).toBe('widths');
    expect(results.finalTrainLoss).toEqual(expect.any(Number));
    expect(results.finalValLoss).toEqual(expect.any(Number));
    expect(results.bestValLoss).toBeLessThanOrEqual(results.finalValLoss as number);
    expect(results.durationMs).toBeGreaterThan(0);
    // Progress and notes went to stderr, in plain lines (not a terminal).
    expect(outcome.stderr).toMatch(/run \d+: step 12\/12 \(100%\)/);
  });

  it('caps the steps with --max-steps and prints a readable summary', async () => {
    const spec = fx.writeJson('long.json', tinySpec(100_000));
    const outcome = await fx.run(['train', spec, '--max-steps', '8']);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/Run 1 ".*" completed at step 8\/8/);
    expect(outcome.stdout).toMatch(/val loss\s+\d/);
  });

  it('refuses an invalid spec with exit 2, naming every field, and creates nothing', async () => {
    const spec = fx.writeJson('bad.json', { task: { id: 'adding-problem' }, model: { hiddenSize: 0 }, training: { learningRate: -1 } });
    const outcome = await fx.run(['train', spec]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('model.hiddenSize: hiddenSize must be at least 1');
    expect(outcome.stderr).toContain('training.learningRate: learningRate must be greater than 0');
    // Not even the database: \`list\`, which never creates one, finds none there.
    expect((await fx.run(['list', '--json'])).code).toBe(3);
  });

  it('prints the estimated memory and time per step before training starts', async () => {
    const spec = fx.writeJson('tiny.json', tinySpec(4));
    const outcome = await fx.run(['train', spec]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const estimate = outcome.stderr.indexOf('Estimate: ≈ ');
    expect(estimate).toBeGreaterThanOrEqual(0);
    expect(outcome.stderr).toMatch(
      /Estimate: ≈ [\d.]+ [KMG]iB of memory \(.*parameters .*\); ≈ [\d.]+ m?s per step, ≈ .* for 4 steps \(.* at an assumed 5 GFLOP\/s per thread: an estimate, not a measurement\)/,
    );
    expect(estimate).toBeLessThan(outcome.stderr.indexOf('Run 1 '));
  });

  it('refuses a spec that needs more memory than the machine has, with the estimate, and creates nothing', async () => {
    // LSTM 4096 × 8 layers, bidirectional, batch 4096, 5020 steps: tens of TiB, more than any machine
    const huge = {
      task: { id: 'copy-memory', params: { delay: 5000 } },
      model: { cell: 'lstm', hiddenSize: 4096, numLayers: 8, bidirectional: true },
      training: { batchSize: 4096 },
    };
    const outcome = await fx.run(['train', fx.writeJson('huge.json', huge)]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /\(spec\): this run would need ≈ [\d.]+ TiB of memory \(activations kept for BPTT [\d.]+ TiB, .*\), more than the .* a run may take on this machine/,
    );
    const listed = await fx.run(['list', '--json']);
    expect(listed.json<{ runs: unknown[] }>().runs).toEqual([]);
  });

  it('refuses a bidirectional model on next-character prediction, saying why', async () => {
    const outcome = await fx.run(['train', fx.writeJson('leak.json', { task: { id: 'char-lm' }, model: { bidirectional: true }, training: { steps: 2 } })]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(
      'model.bidirectional: task "char-lm" needs a causal model: its target at step t is the next character, which is the input at step t + 1.',
    );
  });

  it('reports broken JSON with its line and column, and a missing file, with exit 2', async () => {
    const broken = 'broken.json';
    writeFileSync(join(fx.dir, broken), '{\n  "task": { "id": "adding-problem", }\n}');
    const outcome = await fx.run(['train', broken, '--json']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/not valid JSON at line 2, column \d+/);
    expect(outcome.json<{ exitCode: number }>().exitCode).toBe(2);
    const missing = await fx.run(['train', 'nowhere.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('stops cleanly on Ctrl-C (exit 130, run interrupted with a checkpoint), and resume finishes it', async () => {
    const spec = fx.writeJson('ctrl-c.json', tinySpec(2000, { checkpointEvery: 50 }));
    const ctrlC = new AbortController();
    const interrupted = await fx.run(['train', spec, '--json'], {
      signal: ctrlC.signal,
      // Plain progress lines come every tenth of the run; press Ctrl-C at the first.
      onStderr: (text) => {
        if (/step \d+\/2000/.test(text)) ctrlC.abort('SIGINT');
      },
    });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const stopped = interrupted.json<TrainJson>().run;
    expect(stopped.status).toBe('interrupted');
    expect(stopped.step).toBeGreaterThan(0);
    expect(stopped.step).toBeLessThan(2000);
    expect(interrupted.stderr).toContain(`seqlab resume ${stopped.id}`);

    const resumed = await fx.run(['resume', String(stopped.id), '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.json<TrainJson>().run).toMatchObject({ id: stopped.id, status: 'completed', step: 2000 });

    const again = await fx.run(['resume', String(stopped.id)]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already completed/);
  });
});
