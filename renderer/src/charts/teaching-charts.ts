// The teaching playground's charts: the training loss over steps and the ‖∂L/∂h_t‖ profile over t (log scales),
// and a forecaster's held-out window, truth and current forecast. Each update is a new option (at most ten a
// second, a few thousand points), which EChart merges into the chart it has.
import { curveChartOption, type ChartColors } from './chart-options';

const axis = (name: string, colors: ChartColors, log: boolean) => ({
  type: log ? ('log' as const) : ('value' as const),
  name,
  nameLocation: 'middle' as const,
  nameGap: log ? 44 : 26,
  scale: true,
  splitLine: { lineStyle: { color: colors.grid } },
});

/** A log axis shows positive values only: a zero or NaN value is a gap. */
const positive = (v: number | null): number | null => (v !== null && Number.isFinite(v) && v > 0 ? v : null);

/** One line on a linear x axis and a log y axis. */
function logLineOption(x: string, y: string, points: readonly (readonly [number, number | null])[], colors: ChartColors, symbols: boolean) {
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 64, right: 16, top: 16, bottom: 44 },
    tooltip: { trigger: 'axis' as const },
    xAxis: axis(x, colors, false),
    yAxis: axis(y, colors, true),
    series: [{ type: 'line' as const, showSymbol: symbols, connectNulls: false, data: points.map(([step, v]) => [step, positive(v)]) }],
  };
}

/** Points the loss chart draws at most: a redraw stays short however long the session has trained. */
export const MAX_DRAWN_POINTS = 400;

/** Every k-th point (k the smallest that keeps at most `max`), the last always kept. */
export function thin<T>(points: readonly T[], max = MAX_DRAWN_POINTS): readonly T[] {
  if (points.length <= max) return points;
  const stride = Math.ceil(points.length / max);
  const kept = points.filter((_, i) => i % stride === 0);
  const last = points.at(-1);
  return last !== undefined && kept.at(-1) !== last ? [...kept, last] : kept;
}

/** The training loss of the session's steps (thinned to MAX_DRAWN_POINTS). */
export function lossChartOption(curve: readonly (readonly [number, number | null])[], colors: ChartColors) {
  return logLineOption('step', 'training loss', thin(curve), colors, false);
}

/** ‖∂L/∂h_t‖ for t = 1…T. */
export function profileChartOption(profile: readonly (number | null)[] | null, colors: ChartColors) {
  return logLineOption(
    't',
    '‖∂L/∂h_t‖',
    (profile ?? []).map((norm, t) => [t + 1, norm] as const),
    colors,
    true,
  );
}

/** A forecaster's panel: the window (t = 1..W), then the true next values and the model's forecast of them. */
export function forecastPanelOption(window: readonly number[], target: readonly number[], output: readonly number[], colors: ChartColors) {
  const W = window.length;
  const after = (values: readonly number[]) => values.map((_, k) => W + k + 1);
  return curveChartOption(
    [
      { label: 'window', steps: window.map((_, t) => t + 1), values: window },
      { label: 'truth', steps: after(target), values: target },
      { label: 'forecast', steps: after(output), values: output },
    ],
    { yName: 'value', colors },
  );
}
