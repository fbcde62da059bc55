// Grouping runs by spec fields: mean and spread over seeds per step, aligned by step, n stated per point, no
// interpolation; a non-finite value leaves the point without a mean.
import { describe, expect, it } from 'vitest';
import { groupRuns, meanOverRuns } from '../../../../../core/common/runs/compare/run-groups';

const spec = (cell: string, seed: number, extra: Record<string, unknown> = {}) => ({ model: { cell, ...extra }, training: { seed } });

describe('groupRuns', () => {
  it('groups by a field and averages the seeds of a group step by step', () => {
    const groups = groupRuns(
      [
        { runId: 1, spec: spec('lstm', 1), steps: [10, 20], values: [1, 0.5] },
        { runId: 2, spec: spec('gru', 1), steps: [10, 20], values: [2, 1] },
        { runId: 3, spec: spec('lstm', 2), steps: [10, 20], values: [3, 0.7] },
      ],
      ['model.cell'],
    );
    expect(groups.map((g) => [g.label, g.runIds])).toEqual([
      ['model.cell=lstm', [1, 3]],
      ['model.cell=gru', [2]],
    ]);
    const lstm = groups[0]!.points;
    expect(lstm.map((p) => [p.step, p.n, p.mean, p.min, p.max])).toEqual([
      [10, 2, 2, 1, 3],
      [20, 2, 0.6, 0.5, 0.7],
    ]);
    expect(lstm[0]!.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(groups[1]!.points[0]!.sd).toBeNull(); // one run: no spread to state
  });

  it('groups by several fields and names a field a run lacks as absent', () => {
    const groups = groupRuns(
      [
        { runId: 1, spec: spec('lstm', 1, { hiddenSize: 4 }), steps: [], values: [] },
        { runId: 2, spec: spec('lstm', 2), steps: [], values: [] },
      ],
      ['model.cell', 'model.hiddenSize'],
    );
    expect(groups.map((g) => g.label)).toEqual(['model.cell=lstm model.hiddenSize=4', 'model.cell=lstm model.hiddenSize=absent']);
  });
});

describe('meanOverRuns', () => {
  it('averages a step only over the runs that logged it, and says n there (no interpolation)', () => {
    const points = meanOverRuns([
      { runId: 1, spec: {}, steps: [5, 10, 15], values: [1, 2, 3] },
      { runId: 2, spec: {}, steps: [5, 15], values: [3, 5] },
    ]);
    expect(points.map((p) => [p.step, p.n, p.mean])).toEqual([
      [5, 2, 2],
      [10, 1, 2],
      [15, 2, 4],
    ]);
  });

  it('gives no mean where a run logged NaN/∞ (null), and counts it', () => {
    const [point] = meanOverRuns([
      { runId: 1, spec: {}, steps: [5], values: [1] },
      { runId: 2, spec: {}, steps: [5], values: [null] },
    ]);
    expect(point).toEqual({ step: 5, n: 1, nonFinite: 1, mean: null, sd: null, min: 1, max: 1 });
  });

  it('refuses a run that logged one step twice (a downsampled series)', () => {
    expect(() => meanOverRuns([{ runId: 7, spec: {}, steps: [5, 5], values: [1, 2] }])).toThrow(/run 7 logged step 5 twice/);
  });
});
