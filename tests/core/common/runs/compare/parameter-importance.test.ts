// Sweep parameter importance: correlations for numeric fields, a one-way comparison (η², spread of means) for
// categorical ones, refusals with reasons, only completed trials, best trial by the metric's direction.
import { describe, expect, it } from 'vitest';
import { sweepImportance, type ImportanceTrial } from '../../../../../core/common/runs/compare/parameter-importance';

const trial = (runId: number, params: Record<string, unknown>, value: number | null, completed = true): ImportanceTrial => ({
  runId,
  completed,
  params,
  value,
});

describe('sweepImportance', () => {
  const trials = [
    trial(1, { lr: 0.001, cell: 'lstm' }, 0.9),
    trial(2, { lr: 0.01, cell: 'lstm' }, 0.5),
    trial(3, { lr: 0.001, cell: 'gru' }, 0.7),
    trial(4, { lr: 0.01, cell: 'gru' }, 0.3),
    trial(5, { lr: 0.1, cell: 'gru' }, 0.1, false),
  ];

  it('correlates a numeric field, compares a categorical one, and finds the best completed trial', () => {
    const result = sweepImportance(trials, ['lr', 'cell'], 'lower');
    expect(result.used).toEqual([1, 2, 3, 4]);
    expect(result.excluded).toEqual([{ runId: 5, reason: 'not completed' }]);
    const [lr, cell] = result.fields;
    expect(lr?.kind).toBe('numeric');
    if (lr?.kind !== 'numeric') throw new Error('lr is numeric');
    // metric = 0.9 − 0.4·[lr = 0.01] − 0.2·[gru]: lr explains 0.16 of 0.2 total SS → r = −√0.8
    expect(lr.pearson).toBeCloseTo(-Math.sqrt(0.8), 12);
    expect(lr.spearman).toBeCloseTo(-Math.sqrt(0.8), 12);
    if (cell?.kind !== 'categorical') throw new Error('cell is categorical');
    expect(cell.means).toEqual([
      { label: 'lstm', n: 2, mean: 0.7 },
      { label: 'gru', n: 2, mean: 0.5 },
    ]);
    expect(cell.spread).toBeCloseTo(0.2, 12);
    expect(cell.etaSquared).toBeCloseTo(0.2, 12); // SS_between 0.04 / SS_total 0.2
    expect(result.best).toEqual({ runId: 4, value: 0.3 }); // not trial 5: it has not completed
  });

  it('takes the highest value as best for a higher-is-better metric, and refuses without a direction', () => {
    expect(sweepImportance(trials, [], 'higher').best).toEqual({ runId: 1, value: 0.9 });
    const none = sweepImportance(trials, [], null);
    expect(none.best).toBeNull();
    expect(none.bestRefused).toMatch(/no direction/);
  });

  it('refuses, with a reason, too few trials, a constant field or metric, and a categorical field without repeats', () => {
    expect(sweepImportance(trials.slice(0, 2), ['lr'], 'lower').fields[0]).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/at least 3/) });
    const constant = [trial(1, { h: 4 }, 0.1), trial(2, { h: 4 }, 0.2), trial(3, { h: 4 }, 0.3)];
    expect(sweepImportance(constant, ['h'], 'lower').fields[0]).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/single value/) });
    const flat = [trial(1, { h: 4 }, 0.5), trial(2, { h: 8 }, 0.5), trial(3, { h: 16 }, 0.5)];
    expect(sweepImportance(flat, ['h'], 'lower').fields[0]).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/same in every trial/) });
    const unique = [trial(1, { c: 'rnn' }, 0.1), trial(2, { c: 'gru' }, 0.2), trial(3, { c: 'lstm' }, 0.3)];
    expect(sweepImportance(unique, ['c'], 'lower').fields[0]).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/no value occurs in two trials/),
    });
  });

  it('leaves out a completed trial without a finite final value, saying why', () => {
    const result = sweepImportance([trial(1, { h: 4 }, null), trial(2, { h: 8 }, 0.2)], ['h'], 'lower');
    expect(result.excluded).toEqual([{ runId: 1, reason: 'no finite final value' }]);
    expect(result.best).toEqual({ runId: 2, value: 0.2 });
  });
});
