// The comparison as CSV: every logged value of one metric of each compared run at full resolution (runs.history,
// not the chart's downsampled series), one row per run and step, numbers exactly as stored (JavaScript's
// shortest round-trip form: parsing the text gives the same double back). NaN and ±Infinity are written as such.
//
//   run_id,run,step,wall_time_ms,val/loss
//   3,lstm seed 1,10,1733580000000,0.4123456789012345
import type { MetricHistory } from '../../api/entities';
import { csvText } from '../../csv';

export interface CsvRun {
  readonly runId: number;
  /** The run's readable name (trial-label.ts runLabel). */
  readonly label: string;
  readonly history: MetricHistory;
}

export function comparisonCsv(runs: readonly CsvRun[], metric: string): string {
  const rows: string[][] = [['run_id', 'run', 'step', 'wall_time_ms', metric]];
  for (const { runId, label, history } of runs) {
    const column = history.names.indexOf(metric);
    if (column < 0) continue; // the run never logged this metric: no rows, rather than rows of blanks
    for (const row of history.rows) {
      const value = row.values[column];
      if (value === undefined)
        throw new Error(`comparisonCsv: run ${runId} step ${row.step} has ${row.values.length} values for ${history.names.length} names`);
      if (value === null) continue; // this step logged other metrics only
      rows.push([String(runId), label, String(row.step), String(row.wallTime), String(value)]);
    }
  }
  return csvText(rows);
}
