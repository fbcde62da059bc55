// Pure builders of ECharts options (unit-tested): curves of one or more runs, and attention maps; the run charts
// are in run-curve-option.ts, the gradient heatmap in gradient-heatmap.ts.
// Only plain data in, a plain option object out; the chart component applies it.

import { axisNumberFormatter, formatNumber } from '../composables/format';

export interface CurveSeries {
  /** Legend label, e.g. "run 3 · train loss". */
  readonly label: string;
  readonly steps: readonly number[];
  readonly values: readonly number[];
}

export interface ChartColors {
  readonly text: string;
  readonly grid: string;
}

/** Curves with at most this many points are drawn with a marker at each (a single point would be invisible). */
const SYMBOLS_UP_TO = 30;

/** A line chart of curves over training steps; `logY` for losses spanning orders of magnitude. */
export function curveChartOption(series: readonly CurveSeries[], options: { yName: string; logY?: boolean; colors: ChartColors }) {
  const { colors } = options;
  // A log axis cannot show values ≤ 0 (or NaN from a diverged run): those points become gaps.
  const points = (s: CurveSeries) =>
    s.steps.map((step, i) => {
      const value = s.values[i]; // undefined (no value at this step) is a gap, as NaN is
      return [step, value !== undefined && Number.isFinite(value) && (!options.logY || value > 0) ? value : null];
    });
  const drawn = series.map(points);
  // One tick style per axis over what it shows (format.ts), one number format in the tooltip.
  const xLabels = axisNumberFormatter(series.flatMap((s) => s.steps));
  const yLabels = axisNumberFormatter(drawn.flatMap((line) => line.map(([, value]) => value ?? 0)));
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 56, right: 16, top: 32, bottom: 48 },
    tooltip: { trigger: 'axis' as const, valueFormatter: (value: unknown) => (typeof value === 'number' ? formatNumber(value) : '—') },
    legend: { top: 0, textStyle: { color: colors.text }, type: 'scroll' as const },
    xAxis: {
      type: 'value' as const,
      name: 'step',
      nameLocation: 'middle' as const,
      nameGap: 28,
      splitLine: { lineStyle: { color: colors.grid } },
      axisLabel: { formatter: xLabels },
    },
    yAxis: {
      type: options.logY ? ('log' as const) : ('value' as const),
      name: options.yName,
      scale: true,
      splitLine: { lineStyle: { color: colors.grid } },
      axisLabel: { formatter: yLabels },
    },
    dataZoom: [{ type: 'inside' as const }],
    // Sparse curves (validation every N steps, a run of a few steps) show their points; dense ones only the line.
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.label,
      showSymbol: s.steps.length <= SYMBOLS_UP_TO,
      connectNulls: false,
      data: drawn[i] ?? [],
    })),
  };
}

/**
 * An encoder–decoder's attention for one example: columns are source tokens, rows the generated tokens
 * (first at the top), each cell the weight α in [0, 1] that generating the row's token gave that source step.
 * @param weights [generated.length][source.length]
 */
export function attentionHeatmapOption(source: readonly string[], generated: readonly string[], weights: readonly (readonly number[])[], colors: ChartColors) {
  if (weights.length !== generated.length)
    throw new Error(`attentionHeatmapOption: ${weights.length} rows of weights for ${generated.length} generated tokens`);
  const data: [number, number, number][] = [];
  weights.forEach((row, i) => {
    if (row.length !== source.length) throw new Error(`attentionHeatmapOption: row ${i} has ${row.length} weights for ${source.length} source tokens`);
    row.forEach((w, s) => data.push([s, i, w]));
  });
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 56, right: 64, top: 8, bottom: 40 },
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${generated[p.value[1]]} ← ${source[p.value[0]]}: α = ${formatNumber(p.value[2])}` },
    xAxis: { type: 'category' as const, name: 'source', nameLocation: 'middle' as const, nameGap: 24, data: [...source] },
    yAxis: { type: 'category' as const, name: 'output', nameLocation: 'middle' as const, nameGap: 40, inverse: true, data: [...generated] },
    visualMap: {
      min: 0,
      max: 1,
      calculable: false,
      orient: 'vertical' as const,
      right: 0,
      top: 'middle',
      itemHeight: 100,
      itemWidth: 12,
      text: ['α 1', '0'],
      textStyle: { color: colors.text },
    },
    series: [{ type: 'heatmap' as const, data }],
  };
}
