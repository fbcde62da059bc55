// Compare's chart options: runs in their slot's colour; groups as a mean line with a ± sd band whose tooltip says n.
import { describe, expect, it } from 'vitest';
import { compareGroupsOption, compareRunsOption, groupTooltip } from '../../../renderer/src/charts/compare-chart';
import { curveColor } from '../../../renderer/src/charts/curve-palette';
import { groupRuns } from '../../../core/common/runs/compare/run-groups';

const colors = { text: '#000', grid: '#ccc' };
const axis = { yName: 'loss', logY: false, colors };

describe('compareRunsOption', () => {
  it('colours each run by its slot, not by its position', () => {
    const option = compareRunsOption(
      [
        { label: '#9', slot: 2, steps: [1], values: [1] },
        { label: '#3', slot: 0, steps: [1], values: [2] },
      ],
      axis,
    );
    expect(option.color).toEqual([curveColor(2), curveColor(0)]);
    expect(option.series.map((s) => s.name)).toEqual(['#9', '#3']);
  });
});

describe('compareGroupsOption', () => {
  const groups = groupRuns(
    [
      { runId: 1, spec: { cell: 'lstm' }, steps: [10, 20], values: [1, 0.5] },
      { runId: 2, spec: { cell: 'lstm' }, steps: [10], values: [3] },
    ],
    ['cell'],
  );

  it('draws the mean, and a band from mean − sd of width 2·sd only where n ≥ 2', () => {
    const option = compareGroupsOption(groups, axis);
    const [mean, lower, width] = option.series;
    expect(mean?.data.map((d) => ('value' in d ? d.value : d))).toEqual([
      [10, 2],
      [20, 0.5],
    ]);
    const sd = Math.SQRT2;
    expect(lower?.data).toEqual([
      [10, 2 - sd],
      [20, null],
    ]);
    expect(width?.data).toEqual([
      [10, 2 * sd],
      [20, null],
    ]);
    expect(new Set(option.series.map((s) => s.name))).toEqual(new Set(['cell=lstm (2 runs)']));
  });

  it('leaves out a band reaching 0 or below on a log axis', () => {
    const wide = groupRuns(
      [
        { runId: 1, spec: {}, steps: [10], values: [0.1] },
        { runId: 2, spec: {}, steps: [10], values: [3] },
      ],
      ['cell'],
    );
    // mean 1.55, sd ≈ 2.05: the band's lower edge is below 0
    expect(compareGroupsOption(wide, { ...axis, logY: true }).series[1]?.data[0]).toEqual([10, null]);
    expect(compareGroupsOption(wide, axis).series[1]?.data[0]).toEqual([10, 1.55 - Math.sqrt(((0.1 - 1.55) ** 2 + (3 - 1.55) ** 2) / 1)]);
  });

  it('tooltip: mean ± sd with n of the group size, and a mean-less point says why', () => {
    const option = compareGroupsOption(groups, axis);
    const mean = option.series[0]!;
    const text = groupTooltip(mean.data.map((data) => ({ seriesName: mean.name, data })));
    expect(text).toBe('step 10<br>cell=lstm (2 runs): 2 ± 1.41 (n = 2 of 2)<br>cell=lstm (2 runs): 0.5 (n = 1 of 2)');
    const diverged = groupRuns(
      [
        { runId: 1, spec: {}, steps: [5], values: [1] },
        { runId: 2, spec: {}, steps: [5], values: [null] },
      ],
      ['cell'],
    );
    const d = compareGroupsOption(diverged, axis).series[0]!;
    expect(groupTooltip({ seriesName: d.name, data: d.data[0] })).toContain('no mean (1 run not finite here) (n = 1 of 2)');
  });
});
