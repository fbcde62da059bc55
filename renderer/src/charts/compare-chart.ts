// Pure ECharts options of the Compare view: the compared runs' curves, each in the colour of its stable slot
// (stable-colors.ts), and grouped runs as one mean curve per group with a ± 1 sd band, every point telling its n.
import type { RunGroup } from '../../../core/common/runs/compare/run-groups';
import { formatNumber } from '../composables/format';
import { curveChartOption, type ChartColors, type CurveSeries } from './chart-options';
import { curveColor } from './curve-palette';

export interface ComparedCurve extends CurveSeries {
  /** The run's colour slot (assignColorSlots): its colour does not change while other runs come and go. */
  readonly slot: number;
}

interface AxisOptions {
  readonly yName: string;
  readonly logY: boolean;
  readonly colors: ChartColors;
}

/** Every compared run's curve, coloured by its slot. */
export function compareRunsOption(curves: readonly ComparedCurve[], options: AxisOptions) {
  return { ...curveChartOption(curves, options), color: curves.map((curve) => curveColor(curve.slot)) };
}

/** A mean point as the chart holds it: the value drawn, and what the tooltip says of it. */
interface MeanDatum {
  readonly value: [number, number | null];
  readonly n: number;
  readonly size: number;
  readonly sd: number | null;
  readonly nonFinite: number;
}

/**
 * One mean curve per group (group i in colour i) and, where the group has n ≥ 2 finite values, a band from mean − sd
 * to mean + sd drawn as a stacked area (an invisible lower line, the 2·sd width stacked on it). The band and its
 * mean share a legend name, so hiding a group hides both. On a log axis a band reaching 0 or below is left out there.
 */
export function compareGroupsOption(groups: readonly RunGroup[], options: AxisOptions) {
  const base = curveChartOption([], options);
  const name = (group: RunGroup) => `${group.label} (${group.runIds.length} run${group.runIds.length === 1 ? '' : 's'})`;
  const means = groups.map((group) => ({
    type: 'line' as const,
    name: name(group),
    showSymbol: group.points.length <= 30,
    connectNulls: false,
    data: group.points.map((p): MeanDatum => ({
      value: [p.step, drawable(p.mean, options.logY)],
      n: p.n,
      size: group.runIds.length,
      sd: p.sd,
      nonFinite: p.nonFinite,
    })),
  }));
  const bands = groups.flatMap((group, i) => {
    const color = curveColor(i);
    const spans = group.points.map((p) => {
      const low = p.mean === null || p.sd === null ? null : drawable(p.mean - p.sd, options.logY);
      return { step: p.step, low, width: low === null || p.sd === null ? null : 2 * p.sd };
    });
    const lower = spans.map((s) => [s.step, s.low]);
    const width = spans.map((s) => [s.step, s.width]);
    const shared = {
      type: 'line' as const,
      name: name(group),
      stack: `band ${i}`,
      symbol: 'none',
      silent: true,
      connectNulls: false,
      lineStyle: { opacity: 0 },
      tooltip: { show: false },
    };
    return [
      { ...shared, data: lower },
      { ...shared, data: width, areaStyle: { color, opacity: 0.2 } },
    ];
  });
  return {
    ...base,
    color: groups.map((_, i) => curveColor(i)),
    tooltip: { trigger: 'axis' as const, formatter: groupTooltip },
    series: [...means, ...bands],
  };
}

/** A value a (log) axis can show, else null (a gap). */
const drawable = (value: number | null, logY: boolean) => (value === null || !Number.isFinite(value) || (logY && value <= 0) ? null : value);

interface TooltipItem {
  readonly seriesName: string;
  readonly data: unknown;
}

const isMeanDatum = (data: unknown): data is MeanDatum => typeof data === 'object' && data !== null && 'n' in data && 'size' in data;

/** `step 20` then per group `lstm (2 runs): 0.412 ± 0.0311 (n = 2 of 2)`; a point without a mean says why. */
export function groupTooltip(items: readonly TooltipItem[] | TooltipItem): string {
  const list = Array.isArray(items) ? items : [items];
  const lines: string[] = [];
  let step: number | null = null;
  for (const { seriesName, data } of list) {
    if (!isMeanDatum(data)) continue;
    step ??= data.value[0];
    const [, mean] = data.value;
    const value =
      data.nonFinite > 0
        ? `no mean (${data.nonFinite} run${data.nonFinite === 1 ? '' : 's'} not finite here)`
        : mean === null
          ? 'no value'
          : `${formatNumber(mean)}${data.sd === null ? '' : ` ± ${formatNumber(data.sd)}`}`;
    lines.push(`${seriesName}: ${value} (n = ${data.n} of ${data.size})`);
  }
  return [`step ${step ?? ''}`, ...lines].join('<br>');
}
