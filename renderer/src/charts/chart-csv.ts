// A chart's data as CSV: the exact points it plots (raw, never the smoothed line), one row per point.
import { csvText } from '../../../core/common/csv';

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

/**
 * `run,series,<xName>,value` then one line per point, series after series, values in full precision (String(x)
 * round-trips a double), so a download can be checked against the store to the last digit. RFC 4180 (CRLF line ends),
 * as every CSV SeqLab writes (core/common/csv.ts).
 */
export function chartCsv(xName: string, series: readonly CsvSeries[]): string {
  const rows = [['run', 'series', xName, 'value']];
  for (const s of series) {
    if (s.x.length !== s.values.length) throw new Error(`chartCsv: ${s.series} has ${s.x.length} x values for ${s.values.length} values`);
    for (let i = 0; i < s.x.length; i++) rows.push([s.run, s.series, String(s.x[i]), s.values[i] === null ? '' : String(s.values[i])]);
  }
  return csvText(rows);
}
