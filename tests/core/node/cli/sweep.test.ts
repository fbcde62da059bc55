// `seqlab sweep`: a 2×2 grid trained one trial at a time, grouped under its sweep; invalid sweeps refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SweepDetail } from '../../../../core/common/api/entities';
import { createCliFixture, tinySpec, type CliFixture } from './cli-fixture';

let fx: CliFixture;
beforeEach(() => {
  fx = createCliFixture();
});
afterEach(() => fx.dispose());

describe('seqlab sweep', () => {
  it('runs a 2×2 grid with concurrency 1: four runs, all completed, one at a time, grouped under the sweep', async () => {
    const file = fx.writeJson('grid.json', {
      name: 'width x lr',
      base: tinySpec(8),
      grid: { 'model.hiddenSize': [3, 4], 'training.learningRate': [0.01, 0.03] },
      concurrency: 1,
    });
    const outcome = await fx.run(['sweep', file, '--experiment', 'grid', '--json']);
    expect(outcome.code, outcome.stderr).toBe(0);
    const { sweep } = outcome.json<{ sweep: SweepDetail }>();
    expect(sweep).toMatchObject({ name: 'width x lr', strategy: 'grid', concurrency: 1, fields: ['model.hiddenSize', 'training.learningRate'] });
    // Grid order: the first field varies slowest.
    expect(sweep.runs.map((r) => r.params)).toEqual([
      { 'model.hiddenSize': 3, 'training.learningRate': 0.01 },
      { 'model.hiddenSize': 3, 'training.learningRate': 0.03 },
      { 'model.hiddenSize': 4, 'training.learningRate': 0.01 },
      { 'model.hiddenSize': 4, 'training.learningRate': 0.03 },
    ]);
    expect(sweep.runs.every((r) => r.status === 'completed' && r.step === 8)).toBe(true);
    expect(sweep.runs.every((r) => r.results.finalValLoss !== null)).toBe(true);
    // Concurrency 1 (while the runner had 2 workers): each trial started after the previous one ended.
    const spans = sweep.runs.map((r) => [r.startedAt as number, r.endedAt as number] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] as number);

    // The runs are ordinary runs of the experiment, named after their trial.
    const listed = await fx.run(['list', '--experiment', 'grid', '--json']);
    const names = listed.json<{ runs: { name: string }[] }>().runs.map((r) => r.name);
    expect(names).toContain('width x lr #1: model.hiddenSize=3, training.learningRate=0.01');
    expect(names).toHaveLength(4);
  });

  it('prints a table of trials with their values and the best one', async () => {
    const file = fx.writeJson('random.json', {
      base: tinySpec(6),
      random: { trials: 2, seed: 7, fields: { 'training.learningRate': { min: 0.001, max: 0.1, log: true }, 'model.cell': ['gru', 'lstm'] } },
      concurrency: 2,
    });
    const outcome = await fx.run(['sweep', file]);
    expect(outcome.code, outcome.stderr).toBe(0);
    // the values each trial varied, readable and in full, last; the task's baseline (MSE 1/6) and whether the trial beat it
    expect(outcome.stdout).toMatch(/#\s+RUN\s+STATUS\s+VAL LOSS\s+BEST VAL LOSS\s+VAL ACC\s+BASELINE\s+VS BASELINE\s+TIME\s+TRIAL\n/);
    const rows = outcome.stdout.split('\n').filter((line) => /^\d+\s+\d+\s+completed/.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/\s0\.1667 val\/loss\s+(beaten|not beaten)\s.*\slearningRate=0\.\d+ cell=(gru|lstm)$/);
      const finalLoss = Number(/completed\s+(\S+)/.exec(row)?.[1]);
      expect(row.includes('not beaten')).toBe(!(finalLoss < 1 / 6));
    }
    expect(outcome.stdout).toMatch(/Best: run \d+ \(learningRate=0\.\d+ cell=(gru|lstm)\)/);
    expect(outcome.stderr).toMatch(/trial 2\/2 \(run \d+\): completed/);
  });

  it('refuses an invalid sweep with exit 2, naming the trial and the field, and creates nothing', async () => {
    const badTrial = fx.writeJson('bad-trial.json', { base: tinySpec(8), grid: { 'model.hiddenSize': [4, 0] } });
    const outcome = await fx.run(['sweep', badTrial, '--json']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('trials.2.model.hiddenSize: hiddenSize must be at least 1 (trial 2 of 2: model.hiddenSize=0)');
    expect(outcome.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toEqual(['trials.2.model.hiddenSize']);

    const unknownField = fx.writeJson('typo.json', { base: tinySpec(8), grid: { 'model.hiddenSise': [4, 8] } });
    const typo = await fx.run(['sweep', unknownField]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/grid\.model\.hiddenSise: "model\.hiddenSise" is not a field of the experiment spec; model has: .*hiddenSize/);
    expect((await fx.run(['list', '--json'])).json<{ runs: unknown[] }>().runs).toEqual([]);
  });
});
