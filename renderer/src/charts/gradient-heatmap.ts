// The per-time-step gradient heatmap of a run: ‖∂L/∂h_t‖ (or ‖∂L/∂c_t‖ of an LSTM's cell) per layer/direction row
// and time step, at one sampled training step, on a log colour scale shared by every sampled step so the slider
// compares like with like.
import { axisNumberFormatter, formatNumber } from '../composables/format';
import type { ChartColors } from './chart-options';

/** What a heatmap measures: the gradient reaching the hidden state h_t, or an LSTM's cell state c_t. */
export type GradientQuantity = 'h' | 'c';

const QUANTITY_SYMBOL: Record<GradientQuantity, string> = { h: '‖∂L/∂hₜ‖', c: '‖∂L/∂cₜ‖' };

/** log₁₀ bounds of one colour scale. */
export interface ColorRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The log₁₀ range of every positive finite value of every snapshot (`grids`: one [rows × steps] grid per sampled
 * step): one scale for all of them. A grid of no such value gives [0, 1].
 */
export function gradientColorRange(grids: readonly (readonly (number | null)[])[]): ColorRange {
  let min = Infinity;
  let max = -Infinity;
  for (const grid of grids) {
    for (const v of grid) {
      if (v === null || !(v > 0) || !Number.isFinite(v)) continue;
      const log = Math.log10(v);
      if (log < min) min = log;
      if (log > max) max = log;
    }
  }
  if (min === Infinity) return { min: 0, max: 1 };
  return { min, max: max === min ? min + 1 : max };
}

/**
 * A row's name: `l0` → "layer 1 →", `l0_reverse` → "layer 1 ←" (layers counted from 1, the arrow the direction the
 * layer reads the sequence); an encoder–decoder's encoder layers say "encoder", its decoder row "decoder".
 */
export function gradientRowLabel(layer: string, encoderDecoder: boolean): string {
  if (layer === 'decoder') return 'decoder';
  const match = /^l(\d+)(_reverse)?$/.exec(layer);
  if (!match) return layer;
  const label = `layer ${Number(match[1]) + 1} ${match[2] ? '←' : '→'}`;
  return encoderDecoder ? `encoder ${label}` : label;
}

/**
 * The leading time steps with no value in any row, [0, end): with truncated BPTT the gradient is measured over the
 * last window only (the steps before it are never backpropagated to). Null when step 0 has a value.
 * @param values [rows × steps] row-major
 */
export function unmeasuredLead(values: readonly (number | null)[], rows: number, steps: number): number | null {
  let end = 0;
  while (end < steps && Array.from({ length: rows }, (_, r) => values[r * steps + end]).every((v) => v === null || v === undefined)) end++;
  return end === 0 || end === steps ? null : end;
}

/**
 * @param values [rows × steps] row-major; null: not measured
 * @param leadNote words for the unmeasured leading steps (unmeasuredLead), drawn over them; null draws none
 */
export function gradientHeatmapOption(input: {
  readonly values: readonly (number | null)[];
  readonly rows: number;
  readonly steps: number;
  readonly rowLabels: readonly string[];
  readonly range: ColorRange;
  readonly quantity: GradientQuantity;
  readonly leadNote: string | null;
  readonly colors: ChartColors;
}) {
  const { values, rows, steps, rowLabels, range, quantity, colors } = input;
  if (values.length !== rows * steps) throw new Error(`gradientHeatmapOption: ${values.length} values for ${rows} × ${steps}`);
  if (rowLabels.length !== rows) throw new Error(`gradientHeatmapOption: ${rowLabels.length} row labels for ${rows} rows`);
  // [t, row, log₁₀ value (null: not drawable), value]
  const data: [number, number, number | null, number | null][] = [];
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < steps; t++) {
      const v = values[r * steps + t] ?? null;
      data.push([t, r, v !== null && v > 0 && Number.isFinite(v) ? Math.log10(v) : null, v]);
    }
  }
  const lead = unmeasuredLead(values, rows, steps);
  const legendLabel = axisNumberFormatter([10 ** range.min, 10 ** range.max]);
  return {
    animation: false,
    textStyle: { color: colors.text },
    // Room for the longest row label ("encoder layer 2 ←"), at about 7 px a character; the legend on the right.
    grid: { left: Math.max(72, 12 + 7 * Math.max(0, ...rowLabels.map((l) => l.length))), right: 96, top: 16, bottom: 44 },
    tooltip: {
      formatter: (p: { value: [number, number, number | null, number | null] }) =>
        `${QUANTITY_SYMBOL[quantity]} of ${rowLabels[p.value[1]] ?? ''}, t = ${p.value[0]}: ${p.value[3] === null ? 'not measured' : formatNumber(p.value[3])}`,
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
      min: range.min,
      max: range.max,
      dimension: 2,
      calculable: true,
      orient: 'vertical' as const,
      right: 0,
      top: 'middle',
      itemHeight: 120,
      itemWidth: 12,
      text: ['high', 'low'],
      formatter: (log: number) => legendLabel(10 ** log),
      textStyle: { color: colors.text },
    },
    series: [
      {
        type: 'heatmap' as const,
        data,
        ...(lead !== null && input.leadNote !== null
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: 'rgba(128, 128, 128, 0.12)' },
                label: {
                  show: true,
                  position: 'inside' as const,
                  color: colors.text,
                  width: 220,
                  lineHeight: 16,
                  overflow: 'break' as const,
                  formatter: input.leadNote,
                },
                data: [[{ xAxis: '0' }, { xAxis: String(lead - 1) }]],
              },
            }
          : {}),
      },
    ],
  };
}
