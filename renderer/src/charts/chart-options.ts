// Pure builders of ECharts options (unit-tested): curves of one or more runs, and a steps × layers heatmap.
// Only plain data in, a plain option object out; the chart component applies it.

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
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 56, right: 16, top: 32, bottom: 48 },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, textStyle: { color: colors.text }, type: 'scroll' as const },
    xAxis: { type: 'value' as const, name: 'step', nameLocation: 'middle' as const, nameGap: 28, splitLine: { lineStyle: { color: colors.grid } } },
    yAxis: { type: options.logY ? ('log' as const) : ('value' as const), name: options.yName, scale: true, splitLine: { lineStyle: { color: colors.grid } } },
    dataZoom: [{ type: 'inside' as const }],
    // Sparse curves (validation every N steps, a run of a few steps) show their points; dense ones only the line.
    series: series.map((s) => ({ type: 'line' as const, name: s.label, showSymbol: s.steps.length <= SYMBOLS_UP_TO, connectNulls: false, data: points(s) })),
  };
}

/**
 * A heatmap of ‖∂L/∂h_t‖ per time step (x) and layer/direction row (y), on a log colour scale, so
 * vanishing gradients show as a fade towards early steps and exploding ones as a blaze.
 * @param values [rows, steps] row-major
 */
export function gradientHeatmapOption(values: readonly number[], rows: number, steps: number, rowLabels: readonly string[], colors: ChartColors) {
  if (values.length !== rows * steps) throw new Error(`gradientHeatmapOption: ${values.length} values for ${rows} × ${steps}`);
  const data: [number, number, number | null][] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < steps; t++) {
      const v = values[r * steps + t]!;
      const log = v > 0 && Number.isFinite(v) ? Math.log10(v) : null;
      if (log !== null) {
        min = Math.min(min, log);
        max = Math.max(max, log);
      }
      data.push([t, r, log]);
    }
  }
  if (min === Infinity) min = max = 0;
  return {
    animation: false,
    textStyle: { color: colors.text },
    // Room for the longest row label ("encoder l1_reverse"), at about 7 px a character.
    grid: { left: Math.max(72, 12 + 7 * Math.max(0, ...rowLabels.map((l) => l.length))), right: 16, top: 16, bottom: 72 },
    tooltip: {
      formatter: (p: { value: [number, number, number | null] }) => `t = ${p.value[0]}: ${p.value[2] === null ? '0' : (10 ** p.value[2]).toExponential(2)}`,
    },
    xAxis: {
      type: 'category' as const,
      name: 'time step t',
      nameLocation: 'middle' as const,
      nameGap: 28,
      data: Array.from({ length: steps }, (_, t) => String(t)),
    },
    yAxis: { type: 'category' as const, data: [...rowLabels] },
    visualMap: {
      min,
      max: max === min ? min + 1 : max,
      calculable: true,
      orient: 'horizontal' as const,
      left: 'center',
      bottom: 0,
      text: ['log₁₀ ‖∂L/∂hₜ‖ high', 'low'],
      textStyle: { color: colors.text },
    },
    series: [{ type: 'heatmap' as const, data }],
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
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${generated[p.value[1]]} ← ${source[p.value[0]]}: α = ${p.value[2].toFixed(3)}` },
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
