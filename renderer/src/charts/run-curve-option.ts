// One run chart as two pure parts: its option (axes, series definitions, baseline — rebuilt only when a setting
// changes) and its series' data (rebuilt as points arrive, sent as SeriesUpdates so the chart is never rebuilt).
import { axisNumberStyle, formatNumber, type NumberStyle } from '../composables/format';
import type { ChartColors } from './chart-options';
import { curveColor } from './curve-palette';
import { emaSmooth } from './ema-smoothing';
import type { SeriesUpdate } from './series-update';
import { seriesX, X_AXES, type TimedSeries, type XAxisKind } from './x-axis';

/** One curve of a run chart: a stored series under a legend label. */
export interface RunCurve {
  readonly label: string;
  readonly series: TimedSeries;
}

export interface RunChartView {
  /** EMA weight (ema-smoothing.ts); 0 draws the raw curve only. */
  readonly smoothing: number;
  readonly logY: boolean;
  readonly xAxis: XAxisKind;
}

/** A horizontal reference line: the task's trivial baseline for the chart's metric. */
export interface ChartBaseline {
  readonly label: string;
  readonly value: number;
}

/** Curves with at most this many points show a marker at each (a lone validation point would be invisible). */
const SYMBOLS_UP_TO = 30;
/** The raw curve behind a smoothed one: faint, as in TensorBoard. */
const RAW_OPACITY_BEHIND = 0.25;

const rawId = (label: string) => `${label}:raw`;
const smoothId = (label: string) => `${label}:smoothed`;

/** Whether a value can be drawn on the y-axis: finite and, on a log axis, positive; anything else is a gap. */
function drawable(value: number | null | undefined, logY: boolean): value is number {
  return value !== null && value !== undefined && Number.isFinite(value) && (!logY || value > 0);
}

/** The tick styles of both axes over what the curves hold (format.ts axisNumberStyle: one style per axis). */
export function curveAxisStyles(curves: readonly RunCurve[], view: RunChartView, origin: number | null): { x: NumberStyle; y: NumberStyle } {
  const ys: number[] = [];
  const xs: number[] = [];
  for (const curve of curves) {
    for (const v of curve.series.values) if (drawable(v, view.logY)) ys.push(v);
    for (const x of seriesX(curve.series, view.xAxis, origin)) xs.push(x);
  }
  return { x: axisNumberStyle(xs), y: axisNumberStyle(ys) };
}

interface TooltipParam {
  readonly seriesName?: string;
  readonly marker?: unknown;
  readonly value?: unknown;
}

function xLabel(x: number, kind: XAxisKind): string {
  if (kind === 'step') return `step ${x}`;
  if (kind === 'wall') return new Date(x).toLocaleTimeString();
  return `${formatNumber(x)} s after start`;
}

function tooltipFormatter(kind: XAxisKind) {
  return (params: TooltipParam | TooltipParam[]) => {
    const list = Array.isArray(params) ? params : [params];
    const first = list[0]?.value;
    const header = Array.isArray(first) && typeof first[0] === 'number' ? xLabel(first[0], kind) : '';
    const rows = list.map((p) => {
      const y = Array.isArray(p.value) ? p.value[1] : null;
      return `${typeof p.marker === 'string' ? p.marker : ''}${p.seriesName ?? ''}: ${typeof y === 'number' ? formatNumber(y) : '—'}`;
    });
    return [header, ...rows].join('<br>');
  };
}

/**
 * The option of a run chart over `labels` (one curve each, in this order, coloured by position): a raw line per
 * curve and, with smoothing, the smoothed line over it; the baseline as a dashed line across the chart.
 */
export function runCurveOption(
  labels: readonly string[],
  options: { yName: string; view: RunChartView; styles: { x: NumberStyle; y: NumberStyle }; baseline: ChartBaseline | null; colors: ChartColors },
) {
  const { view, colors, styles, baseline } = options;
  const smoothed = view.smoothing > 0;
  const series = labels.flatMap((label, index) => {
    const color = curveColor(index);
    const raw = {
      type: 'line' as const,
      id: rawId(label),
      name: smoothed ? `${label} (raw)` : label,
      color,
      connectNulls: false,
      // Dense curves (thousands of live steps) are thinned for drawing only; the data and the CSV keep every point.
      sampling: 'lttb' as const,
      lineStyle: { opacity: smoothed ? RAW_OPACITY_BEHIND : 1 },
      itemStyle: { opacity: smoothed ? RAW_OPACITY_BEHIND : 1 },
      emphasis: { disabled: true },
      ...(index === 0 && baseline
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed' as const, color: colors.text },
              label: { formatter: `${baseline.label} ${formatNumber(baseline.value)}`, position: 'insideEndTop' as const, color: colors.text },
              data: [{ yAxis: baseline.value, name: baseline.label }],
            },
          }
        : {}),
    };
    if (!smoothed) return [raw];
    const line = { type: 'line' as const, id: smoothId(label), name: label, color, connectNulls: true, sampling: 'lttb' as const, showSymbol: false };
    return [raw, { ...line, lineStyle: { opacity: 1 }, itemStyle: { opacity: 1 }, emphasis: { disabled: true } }];
  });
  const xFormatter = (value: number) => (view.xAxis === 'relative' ? `${formatNumber(value, styles.x)} s` : formatNumber(value, styles.x));
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 64, right: 16, top: 32, bottom: 48 },
    tooltip: { trigger: 'axis' as const, formatter: tooltipFormatter(view.xAxis) },
    axisPointer: { link: [{ xAxisIndex: 'all' as const }] },
    legend: { top: 0, textStyle: { color: colors.text }, type: 'scroll' as const },
    xAxis: {
      type: view.xAxis === 'wall' ? ('time' as const) : ('value' as const),
      name: X_AXES[view.xAxis].label,
      nameLocation: 'middle' as const,
      nameGap: 28,
      scale: view.xAxis !== 'step',
      splitLine: { lineStyle: { color: colors.grid } },
      ...(view.xAxis === 'wall' ? {} : { axisLabel: { formatter: xFormatter } }),
    },
    yAxis: {
      type: view.logY ? ('log' as const) : ('value' as const),
      name: options.yName,
      scale: true,
      splitLine: { lineStyle: { color: colors.grid } },
      axisLabel: { formatter: (value: number) => formatNumber(value, styles.y) },
    },
    dataZoom: [{ type: 'inside' as const, filterMode: 'none' as const }],
    series,
  };
}

/**
 * The data of every series of runCurveOption(labels of `curves`): [x, y] points, y null where it cannot be drawn
 * (NaN from a diverged step, ≤ 0 on a log axis), and the smoothed line computed over the raw values in x order.
 */
export function runCurveUpdates(curves: readonly RunCurve[], view: RunChartView, origin: number | null): SeriesUpdate[] {
  return curves.flatMap(({ label, series }) => {
    const xs = seriesX(series, view.xAxis, origin);
    const values = series.values.map((v) => (v === null ? Number.NaN : v));
    const raw: SeriesUpdate = {
      id: rawId(label),
      data: xs.map((x, i) => [x, drawable(values[i], view.logY) ? values[i] : null]),
      showSymbol: xs.length <= SYMBOLS_UP_TO,
    };
    if (view.smoothing === 0) return [raw];
    const smooth = emaSmooth(values, view.smoothing);
    return [raw, { id: smoothId(label), data: xs.map((x, i) => [x, drawable(smooth[i], view.logY) ? smooth[i] : null]) }];
  });
}
