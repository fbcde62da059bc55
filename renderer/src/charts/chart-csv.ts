// A chart's data as CSV: the exact points it plots (raw, never the smoothed line), one row per point.

export interface CsvSeries {
  /** The run the points belong to, as the chart names it ("run 3 · lstm on char-lm"). */
  readonly run: string;
  /** The stored series name (`train/loss`). */
  readonly series: string;
  /** [n] the x of each point in the chart's x-axis unit. */
  readonly x: readonly number[];
  /** [n] the value; NaN / ±Infinity as written by JavaScript (a diverged step), null as an empty cell (no value). */
  readonly values: readonly (number | null)[];
}

/** RFC 4180 quoting: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `run,series,<xName>,value` then one line per point, series after series, values in full precision (String(x)
 * round-trips a double), so a download can be checked against the store to the last digit.
 */
export function chartCsv(xName: string, series: readonly CsvSeries[]): string {
  const lines = [['run', 'series', xName, 'value'].map(csvField).join(',')];
  for (const s of series) {
    if (s.x.length !== s.values.length) throw new Error(`chartCsv: ${s.series} has ${s.x.length} x values for ${s.values.length} values`);
    const prefix = `${csvField(s.run)},${csvField(s.series)}`;
    for (let i = 0; i < s.x.length; i++) lines.push(`${prefix},${String(s.x[i])},${s.values[i] === null ? '' : String(s.values[i])}`);
  }
  return `${lines.join('\n')}\n`;
}
