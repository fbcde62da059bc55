// `seqlab list`, `show` and `compare` on runs trained by `seqlab train`, as JSON and as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunResults, RunSummary } from '../../../../core/common/api/entities';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
let first: RunSummary;
let second: RunSummary;

beforeAll(async () => {
  fx = createCliFixture();
  const a = await fx.run(['train', fx.writeJson('a.json', tinySpec(8)), '--experiment', 'alpha', '--json']);
  const b = await fx.run(['train', fx.writeJson('b.json', tinySpec(12, { learningRate: 0.01 })), '--experiment', 'beta', '--json']);
  expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
  first = a.json<{ run: RunSummary }>().run;
  second = b.json<{ run: RunSummary }>().run;
  // two real trainings: room for a busy machine (the default hook timeout is 10 s)
}, 120_000);
afterAll(() => fx.dispose());

describe('seqlab list', () => {
  it("lists every run newest first, or one experiment's", async () => {
    const all = await fx.run(['list', '--json']);
    expect(all.code).toBe(0);
    const runs = all.json<{ runs: (RunSummary & { experimentName: string })[] }>().runs;
    expect(runs.map((r) => [r.id, r.experimentName, r.status])).toEqual([
      [second.id, 'beta', 'completed'],
      [first.id, 'alpha', 'completed'],
    ]);
    const alpha = await fx.run(['list', '--experiment', 'ALPHA', '--json']);
    expect(alpha.json<{ runs: RunSummary[] }>().runs.map((r) => r.id)).toEqual([first.id]);
    const text = await fx.run(['list']);
    expect(text.stdout).toMatch(/^ID\s+EXPERIMENT\s+NAME\s+STATUS\s+STEPS\s+CREATED/);
    expect(text.stdout).toMatch(/beta\s+gru on adding-problem\s+completed\s+12\/12/);
  });

  it('refuses an unknown experiment with exit 2, naming the ones there are', async () => {
    const outcome = await fx.run(['list', '--experiment', 'gamma']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('no experiment named "gamma"; experiments: "alpha", "beta"');
  });
});

describe('seqlab show', () => {
  it('shows the resolved spec, status and final metrics', async () => {
    const outcome = await fx.run(['show', String(second.id), '--json']);
    expect(outcome.code).toBe(0);
    const { run, experiment, results } = outcome.json<{ run: RunDetail; experiment: { name: string }; results: RunResults }>();
    expect(run).toMatchObject({ id: second.id, status: 'completed', step: 12 });
    expect(run.spec).toMatchObject({ model: { cell: 'gru', hiddenSize: 4 }, training: { learningRate: 0.01, optimizer: { kind: 'adam' } } });
    expect(run.metricNames).toEqual(expect.arrayContaining(['train/loss', 'val/loss']));
    expect(experiment.name).toBe('beta');
    expect(results.finalValLoss).toEqual(expect.any(Number));
    const text = await fx.run(['show', String(second.id)]);
    expect(text.stdout).toMatch(/status\s+completed/);
    expect(text.stdout).toContain('"hiddenSize": 4');
  });

  it('refuses an unknown or malformed run id with exit 2', async () => {
    expect((await fx.run(['show', '999'])).stderr).toMatch(/Run 999 does not exist/);
    expect((await fx.run(['show', '999'])).code).toBe(2);
    const malformed = await fx.run(['show', 'abc']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/"abc" is not a run id/);
  });
});

describe('seqlab compare', () => {
  it('puts runs side by side with final and best validation metrics, steps and time', async () => {
    const outcome = await fx.run(['compare', String(first.id), String(second.id), '--json']);
    expect(outcome.code).toBe(0);
    const { runs } = outcome.json<{ runs: { run: RunSummary; results: RunResults }[] }>();
    expect(runs.map((r) => [r.run.id, r.run.step])).toEqual([
      [first.id, 8],
      [second.id, 12],
    ]);
    for (const { results } of runs) {
      expect(results).toMatchObject({ finalValLoss: expect.any(Number), bestValLoss: expect.any(Number), durationMs: expect.any(Number) });
      // The adding problem is a regression: no accuracy to show.
      expect(results.finalValAccuracy).toBeNull();
    }
    const text = await fx.run(['compare', String(first.id), String(second.id)]);
    expect(text.stdout.split('\n')[0]).toMatch(
      /^ID\s+STATUS\s+STEPS\s+VAL LOSS\s+BEST VAL LOSS\s+VAL ACC\s+BEST VAL ACC\s+BASELINE\s+VS BASELINE\s+TIME\s+NAME$/,
    );
    // the adding problem's baseline (always 1: MSE 1/6) beside each run, and whether its last validation loss beat it
    for (const { run, results } of runs) {
      expect(results.baseline).toMatchObject({
        metric: 'val/loss',
        value: 1 / 6,
        lowerIsBetter: true,
        final: results.finalValLoss,
        beaten: (results.finalValLoss as number) < 1 / 6,
      });
      const row = text.stdout.split('\n').find((line) => line.trimStart().startsWith(`${run.id} `)) as string;
      expect(row).toMatch(new RegExp(`0\\.1667 val/loss\\s+${results.baseline?.beaten ? 'beaten' : 'not beaten'}\\s.*gru on adding-problem$`));
    }
    expect(text.stdout.trim().split('\n')).toHaveLength(3);
  });
});
