// Aggregation and verdict from constructed run results: reproduced, not reproduced and inconclusive (runs not
// finished, seeds that disagree, a value missing), each with the numbers behind it.
import { describe, expect, it } from 'vitest';
import { analyseStudy } from '../../../../core/common/studies/study-analysis';
import { studyFigures } from '../../../../core/common/studies/study-figures';
import { parseStudyDefinition } from '../../../../core/common/studies/study-definition';
import { planStudy } from '../../../../core/common/studies/study-plan';
import { BASELINE, analyse, definition, results, study } from './tiny-study';

describe('study analysis', () => {
  it('aggregates each setting over its seeds (mean, sample sd, min, max) and says which runs beat the baseline', () => {
    const a = analyse([0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, 0.003]);
    const gru10 = a.settings.find((s) => s.setting['cell'] === 'GRU' && s.setting['T'] === '10');
    expect(gru10?.metrics['loss']?.[0]).toMatchObject({ x: null, n: 2, min: 0.001, max: 0.003 });
    expect(gru10?.metrics['loss']?.[0]?.mean).toBeCloseTo(0.002, 12);
    expect(gru10?.metrics['loss']?.[0]?.sd).toBeCloseTo(Math.SQRT2 * 0.001, 12);
    expect(gru10?.baseline).toEqual({ metric: 'val/loss', value: BASELINE });
    expect(a.runs.map((r) => r.beatBaseline)).toEqual([true, false, true, false, true, true, true, true]);
    expect(gru10?.beatBaseline).toEqual({ beaten: 2, compared: 2 });
  });

  it('is reproduced when every check holds on every seed, at the last T the budget runs', () => {
    const a = analyse([0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, 0.003]);
    expect(a.verdict).toBe('reproduced');
    expect(a.checks.map((c) => [c.outcome, c.setting, c.threshold])).toEqual([
      ['holds', { cell: 'tanh', T: '10' }, 0.5 * BASELINE],
      ['holds', { cell: 'GRU', T: '10' }, 0.1 * BASELINE],
    ]);
    expect(a.checks[1]?.text).toContain('mean 0.002 (seed 1: 0.001, seed 2: 0.003) below 0.1 × baseline 0.1667 = 0.01667: holds');
  });

  it('is not reproduced when a check fails on every seed, naming it with its numbers', () => {
    const a = analyse([0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.15, 0.16]);
    expect(a.verdict).toBe('not reproduced');
    expect(a.reason).toMatch(/1 of 2 checks fail on every seed: GRU learns — cell=GRU T=10: final val MSE mean 0\.155/);
  });

  it('is inconclusive when the seeds disagree, or a run logged no value', () => {
    const split = analyse([0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, 0.16]);
    expect(split.verdict).toBe('inconclusive');
    expect(split.checks[1]?.outcome).toBe('mixed');
    expect(split.reason).toMatch(/holds on some seeds only/);
    const missing = analyse([0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, null]);
    expect([missing.verdict, missing.checks[1]?.outcome]).toEqual(['inconclusive', 'missing']);
  });

  it('is inconclusive while any run has not finished, however good the finished ones look', () => {
    const a = analyse(
      [0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, 0.003],
      ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'running'],
    );
    expect(a.verdict).toBe('inconclusive');
    expect(a.reason).toMatch(/^1 of 8 runs have not finished .*run 8 \(cell=GRU T=10 seed=2\) running/);
    expect(a.progress).toEqual({ finished: 7, total: 8 });
    const deleted = analyseStudy(study(), planStudy(study(), 'quick'), [
      ...Array.from({ length: 7 }, (_, i) => ({ runId: i + 1, status: 'completed' as const, results: results(0.001), gradients: null, steps: 10 })),
      null,
    ]);
    expect(deleted.reason).toMatch(/a deleted run/);
  });

  it('refuses a definition that names an axis or value it does not have', () => {
    const broken = {
      ...definition,
      criterion: { ...definition.criterion, checks: [{ ...definition.criterion.checks[0], where: { cell: 'lstm', T: '$last' } }] },
    };
    const parsed = parseStudyDefinition(broken);
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: 'criterion.checks.0.where.cell', message: 'axis "cell" has no value "lstm"' }]);
  });
});

describe('a threshold relative to another setting, and the time per step', () => {
  const timing = {
    ...definition,
    axes: [
      {
        name: 'T',
        label: 'T',
        values: [
          { label: '25', x: 25, set: { 'task.params.length': 25 } },
          { label: '200', x: 200, set: { 'task.params.length': 200 } },
        ],
      },
    ],
    metrics: { ms: { kind: 'timePerStep', label: 'ms per step' } },
    figures: [{ id: 'f', title: 'time', metric: 'ms', x: { from: 'axis', axis: 'T' } }],
    criterion: {
      explanation: 'e',
      checks: [{ metric: 'ms', where: { T: '200' }, test: 'above', threshold: { times: 4, where: { T: '25' } }, claim: 'grows with T' }],
    },
  };

  /** Durations in trial order ((T 25, seeds 1 2), (T 200, seeds 1 2)) of runs of 10 steps. */
  function judge(durations: readonly number[]) {
    const parsed = parseStudyDefinition(timing);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const plan = planStudy(parsed.study, 'quick');
    return analyseStudy(
      parsed.study,
      plan,
      durations.map((ms, i) => ({ runId: i + 1, status: 'completed' as const, results: { ...results(0.1), durationMs: ms }, gradients: null, steps: 10 })),
    );
  }

  it('divides a run’s training time by its steps and compares each seed with a multiple of the other setting’s mean', () => {
    const held = judge([100, 140, 700, 900]);
    expect(held.checks[0]?.threshold).toBeCloseTo(4 * 12, 12);
    expect(held.checks[0]?.perSeed.map((s) => s.value)).toEqual([70, 90]);
    expect(held.verdict).toBe('reproduced');
    expect(held.checks[0]?.text).toContain('above 4 × the mean at T=25 (12) = 48: holds');
    expect([judge([100, 140, 400, 900]).verdict, judge([100, 140, 400, 420]).verdict]).toEqual(['inconclusive', 'not reproduced']);
  });

  it('draws one line through every setting when the figure names no series axis', () => {
    const parsed = parseStudyDefinition(timing);
    if (!parsed.ok) throw new Error('invalid');
    const plan = planStudy(parsed.study, 'quick');
    const figures = studyFigures(parsed.study, plan, judge([100, 140, 700, 900]));
    expect(figures[0]?.panels[0]?.series.map((s) => [s.label, s.points.map((p) => [p.x, p.mean])])).toEqual([
      [
        'ms per step',
        [
          [25, 12],
          [200, 80],
        ],
      ],
    ]);
    expect(figures[0]?.panels[0]?.baselines).toEqual([]);
  });

  it('cannot judge against a setting whose runs have no time', () => {
    const parsed = parseStudyDefinition(timing);
    if (!parsed.ok) throw new Error('invalid');
    const plan = planStudy(parsed.study, 'quick');
    const a = analyseStudy(
      parsed.study,
      plan,
      [0, 1, 2, 3].map((i) => ({
        runId: i + 1,
        status: 'completed' as const,
        results: { ...results(0.1), durationMs: i < 2 ? null : 500 },
        gradients: null,
        steps: 10,
      })),
    );
    expect([a.verdict, a.checks[0]?.outcome, a.checks[0]?.threshold]).toEqual(['inconclusive', 'missing', null]);
  });
});
