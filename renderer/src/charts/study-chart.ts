// A study figure panel as an ECharts option (pure; unit-tested): one line per series through the means over seeds,
// a min–max band drawn as two faint lines, and the task's baseline as a dashed line across the panel.
import type { StudyDetail } from '../../../core/common/api/study-entities';
import type { ChartColors } from './chart-options';

type Figure = StudyDetail['figures'][number];
/** A curve with at most this many points shows a marker at each (a 100-step gradient profile only its line). */
const SYMBOLS_UP_TO = 30;
/** Colour-blind-safe (Okabe–Ito), as the report's SVG. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
type Panel = Figure['panels'][number];

export function studyFigureOption(figure: Figure, panel: Panel, colors: ChartColors) {
  const usable = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);
  const xs = panel.series.flatMap((s) => s.points.map((p) => p.x)).filter((x) => usable(x, figure.xLog));
  const xMin = xs.length > 0 ? Math.min(...xs) : 0;
  const xMax = xs.length > 0 ? Math.max(...xs) : 1;
  const point = (x: number, y: number) => [x, usable(x, figure.xLog) && usable(y, figure.yLog) ? y : null];
  // One colour per series for its mean and its min and max lines (same name: one legend entry toggles all three).
  const lines = panel.series.flatMap((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const faint = { type: 'line' as const, name: s.label, showSymbol: false, lineStyle: { opacity: 0.3, color }, itemStyle: { color } };
    return [
      {
        type: 'line' as const,
        name: s.label,
        showSymbol: s.points.length <= SYMBOLS_UP_TO,
        connectNulls: false,
        lineStyle: { color },
        itemStyle: { color },
        data: s.points.map((p) => point(p.x, p.mean)),
      },
      ...(s.points.some((p) => p.n > 1)
        ? [
            { ...faint, data: s.points.map((p) => point(p.x, p.min)) },
            { ...faint, data: s.points.map((p) => point(p.x, p.max)) },
          ]
        : []),
    ];
  });
  const baselines = panel.baselines
    .filter((b) => usable(b.value, figure.yLog))
    .map((b) => ({
      type: 'line' as const,
      name: `baseline ${Number(b.value.toPrecision(4))}`,
      showSymbol: false,
      lineStyle: { type: 'dashed' as const, color: colors.text },
      itemStyle: { color: colors.text },
      data: [
        [xMin, b.value],
        [xMax, b.value],
      ],
    }));
  return {
    animation: false,
    title: { text: panel.label === null ? figure.title : `${figure.title} — ${panel.label}`, textStyle: { color: colors.text, fontSize: 13 } },
    textStyle: { color: colors.text },
    grid: { left: 64, right: 16, top: 56, bottom: 48 },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 24, textStyle: { color: colors.text }, type: 'scroll' as const },
    xAxis: {
      type: figure.xLog ? ('log' as const) : ('value' as const),
      name: figure.xLabel,
      nameLocation: 'middle' as const,
      nameGap: 28,
      scale: true,
      axisLabel: { formatter: axisNumber },
      splitLine: { lineStyle: { color: colors.grid } },
    },
    yAxis: {
      type: figure.yLog ? ('log' as const) : ('value' as const),
      name: figure.yLabel,
      scale: true,
      axisLabel: { formatter: axisNumber },
      splitLine: { lineStyle: { color: colors.grid } },
    },
    series: [...lines, ...baselines],
  };
}

/** 1e-20 rather than twenty zeros on a log axis; 4 significant digits otherwise. */
export function axisNumber(value: number): string {
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? value.toExponential(0) : String(Number(value.toPrecision(4)));
}
