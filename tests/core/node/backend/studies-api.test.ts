// Studies end to end through the API on real runs (a real SQLite file, real training workers): a tiny study runs as
// one sweep of normal runs, is inconclusive until every run has finished, then aggregates over seeds, judges, draws
// and reports; a study with a refused trial creates nothing and names the trial.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunResults } from '../../../../core/common/api/entities';
import type { ExperimentSpec } from '../../../../core/common/spec/experiment-spec';
import type { StudyDetail, StudyReport } from '../../../../core/common/api/study-entities';
import { builtinStudies } from '../../../../core/common/studies/builtin-studies';
import { callApi, createTestBackend, refusalOf, runsEnded } from './test-backend';
import { tinyStudy } from './tiny-study';

let env: ReturnType<typeof createTestBackend>;
beforeEach(() => {
  env = createTestBackend({ concurrency: 2 });
});
afterEach(() => env.dispose());

describe('studies API', () => {
  it('runs a tiny study as one sweep of real runs, then aggregates, judges and reports it', async () => {
    const started = await callApi<{ id: number; sweepId: number; experimentId: number; runIds: number[] }>(env.backend, 'studies.run', {
      definition: tinyStudy,
      budget: 'quick',
    });
    const ended = runsEnded(env.backend, started.runIds);
    expect(started.runIds).toHaveLength(4);

    const early = await callApi<StudyDetail>(env.backend, 'studies.get', { id: started.id });
    if (early.progress.finished < 4) expect([early.verdict, early.reason]).toEqual(['inconclusive', expect.stringMatching(/runs have not finished/)]);
    await ended;

    const runs = env.backend.store.runs.list({ sweepId: started.sweepId }).sort((a, b) => a.id - b.id);
    expect(runs.map((r) => [r.id, r.status, r.experimentId, (r.spec as ExperimentSpec).model.cell, (r.spec as ExperimentSpec).seed])).toEqual([
      [started.runIds[0], 'completed', started.experimentId, 'rnn_tanh', 1],
      [started.runIds[1], 'completed', started.experimentId, 'rnn_tanh', 2],
      [started.runIds[2], 'completed', started.experimentId, 'gru', 1],
      [started.runIds[3], 'completed', started.experimentId, 'gru', 2],
    ]);
    expect(env.backend.store.experiments.get(started.experimentId)?.name).toBe('Study: Tiny study');

    const detail = await callApi<StudyDetail>(env.backend, 'studies.get', { id: started.id });
    expect(detail).toMatchObject({ studyKey: 'tiny', budget: 'quick', progress: { finished: 4, total: 4 }, verdict: 'reproduced' });
    // The aggregate is the mean over seeds of what each run's own results say.
    const results = await Promise.all(started.runIds.map((id) => callApi<RunResults>(env.backend, 'runs.results', { id })));
    const gru = detail.settings.find((s) => s.setting['cell'] === 'GRU');
    const gruLosses = [results[2]?.finalValLoss, results[3]?.finalValLoss] as number[];
    expect(gru?.metrics['loss']?.[0]?.mean).toBeCloseTo((gruLosses[0] as number) / 2 + (gruLosses[1] as number) / 2, 12);
    expect(gru?.metrics['loss']?.[0]).toMatchObject({ n: 2, min: Math.min(...gruLosses), max: Math.max(...gruLosses) });
    expect(detail.runs.map((r) => r.beatBaseline)).toEqual(results.map((r) => r.baseline?.beaten ?? null));
    expect(gru?.baseline).toEqual({ metric: 'val/loss', value: results[2]?.baseline?.value });
    // Gradient norms read from the store: sampled at steps 1, 6 and 12.
    expect(detail.runs[0]?.values['ratio']?.map((p) => p.x)).toEqual([1, 6, 12]);
    expect(detail.figures[0]?.panels[0]?.series.map((s) => s.points.length)).toEqual([3, 3]);

    const report = await callApi<StudyReport>(env.backend, 'studies.report', { id: started.id });
    expect(report.fileName).toBe(`study-${started.id}-tiny-quick.html`);
    expect(report.html).not.toMatch(/https?:/);
    expect(report.html).toContain('<svg ');
    expect(report.html).toContain('Verdict: reproduced.');
    const rows = report.csv.trimEnd().split('\r\n');
    expect(rows).toHaveLength(5);
    expect(rows[3]).toMatch(new RegExp(`^tiny,1,quick,GRU,1,${started.runIds[2]},completed,${gruLosses[0]},1:`));

    const list = await callApi<{ builtin: { id: string }[]; studies: { id: number; verdict: string }[] }>(env.backend, 'studies.list', {});
    // every built-in study, in its order (builtin-studies.test.ts pins that order)
    expect(list.builtin.map((s) => s.id)).toEqual(builtinStudies().map((s) => s.id));
    expect(list.studies).toEqual([expect.objectContaining({ id: started.id, verdict: 'reproduced' })]);
  });

  it('refuses a study whose grid holds a refused trial, naming it, and creates nothing', async () => {
    const broken = {
      ...tinyStudy,
      axes: [
        {
          name: 'cell',
          label: 'cell',
          values: [
            { label: 'tanh', set: { 'model.cell': 'rnn_tanh' } },
            { label: 'huge', set: { 'model.hiddenSize': 0 } },
          ],
        },
      ],
      criterion: { ...tinyStudy.criterion, checks: [{ ...tinyStudy.criterion.checks[1], where: { cell: 'tanh' } }] },
    };
    const error = await refusalOf(env.backend, 'studies.run', { definition: broken });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/a trial is refused, so no run was created/);
    expect(error.issues?.[0]).toEqual({ path: 'sweep.trials.3.model.hiddenSize', message: expect.stringMatching(/trial 3 of 4: model.hiddenSize=0, seed=1/) });
    expect(env.backend.store.runs.list()).toEqual([]);
    expect(env.backend.store.experiments.list()).toEqual([]);
    expect((await refusalOf(env.backend, 'studies.run', { study: 'no-such-study' })).message).toMatch(
      /no built-in study "no-such-study"; there are: vanishing-gradients/,
    );
    expect((await refusalOf(env.backend, 'studies.run', { study: 'attention-length', budget: 'huge' })).message).toMatch(
      /has no budget "huge"; it has: quick, full/,
    );
  });
});
