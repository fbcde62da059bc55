// The explorer's heatmap option (pure, unit-tested): one layer's signal as units × time over one page of
// steps, x the input's tokens at those steps, y the units, coloured over the signal's range.
import type { ChartColors } from './chart-options';
import type { SignalRange } from '../composables/format-explorer';
import { formatNumber } from '../composables/format';
import { visibleToken } from '../composables/format-explorer';

/**
 * @param tokens the page's step labels (length w)
 * @param values [H][w]: values[j][i] is unit j at step start + i
 */
export function unitsHeatmapOption(
  tokens: readonly string[],
  start: number,
  values: readonly (readonly number[])[],
  range: SignalRange,
  name: string,
  colors: ChartColors,
) {
  const data: [number, number, number][] = [];
  values.forEach((row, j) => {
    if (row.length !== tokens.length) throw new Error(`unitsHeatmapOption: unit ${j} has ${row.length} values for ${tokens.length} steps`);
    row.forEach((v, i) => data.push([i, j, v]));
  });
  const labels = tokens.map((t, i) => `${start + i}: ${visibleToken(t)}`);
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 56, right: 72, top: 8, bottom: 56 },
    tooltip: {
      formatter: (p: { value: [number, number, number] }) => `step ${labels[p.value[0]]} · unit ${p.value[1]}: ${name} = ${formatNumber(p.value[2])}`,
    },
    xAxis: {
      type: 'category' as const,
      name: 'step',
      nameLocation: 'middle' as const,
      nameGap: 36,
      data: labels,
      axisLabel: { formatter: (l: string) => l.split(': ')[1] ?? l },
    },
    yAxis: { type: 'category' as const, name: 'unit', nameLocation: 'middle' as const, nameGap: 36, data: values.map((_, j) => String(j)) },
    visualMap: {
      min: range.min,
      max: range.max,
      calculable: false,
      orient: 'vertical' as const,
      right: 0,
      top: 'middle',
      itemHeight: 120,
      itemWidth: 12,
      text: [`${name} ${formatNumber(range.max)}`, formatNumber(range.min)],
      textStyle: { color: colors.text },
      inRange: { color: ['#2563eb', '#f5f5f5', '#dc2626'] },
    },
    series: [{ type: 'heatmap' as const, data }],
  };
}
