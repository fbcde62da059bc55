// Aggregation and verdict from constructed run results: reproduced, not reproduced and inconclusive (runs not
// finished, seeds that disagree, a value missing), each with the numbers behind it.
import { describe, expect, it } from 'vitest';
import { analyseStudy } from '../../../../core/common/studies/study-analysis';
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
    const a = analyse([0.16, 0.17, 0.166, 0.168, 0.05, 0.07, 0.001, 0.003], ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'running']);
    expect(a.verdict).toBe('inconclusive');
    expect(a.reason).toMatch(/^1 of 8 runs have not finished .*run 8 \(cell=GRU T=10 seed=2\) running/);
    expect(a.progress).toEqual({ finished: 7, total: 8 });
    const deleted = analyseStudy(study(), planStudy(study(), 'quick'), [...Array.from({ length: 7 }, (_, i) => ({ runId: i + 1, status: 'completed' as const, results: results(0.001), gradients: null })), null]);
    expect(deleted.reason).toMatch(/a deleted run/);
  });

  it('refuses a definition that names an axis or value it does not have', () => {
    const broken = { ...definition, criterion: { ...definition.criterion, checks: [{ ...definition.criterion.checks[0], where: { cell: 'lstm', T: '$last' } }] } };
    const parsed = parseStudyDefinition(broken);
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: 'criterion.checks.0.where.cell', message: 'axis "cell" has no value "lstm"' }]);
  });
});
