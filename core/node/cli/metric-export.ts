// A run's metrics as data for other tools (`seqlab show RUN --metrics --csv|--json`, `--grad-norms --json`): every
// logged value at full resolution, and the ‖∂L/∂h_t‖ (and an LSTM's ‖∂L/∂c_t‖) profiles of every sampled step with their
// layers named.
import type { GradientNorms, MetricHistory } from '../../common/api/entities';
import { csvText } from '../../common/csv';

/**
 * RFC 4180 CSV: `step,wall_time,<name>…` then one line per step that logged any metric; wall_time is ISO 8601 UTC,
 * an empty cell a metric not logged at that step, NaN / Infinity / -Infinity a value a diverged run logged.
 */
export function metricHistoryCsv(history: MetricHistory): string {
  const rows = [['step', 'wall_time', ...history.names]];
  for (const row of history.rows) rows.push([String(row.step), new Date(row.wallTime).toISOString(), ...row.values.map((v) => (v === null ? '' : String(v)))]);
  return csvText(rows);
}

/** The ‖∂L/∂h_t‖ profiles of one sampled training step: one array over t per layer and direction (`l0`, `l0_reverse`, `decoder`). */
export interface GradNormSnapshot {
  readonly step: number;
  readonly profiles: Readonly<Record<string, readonly (number | null)[]>>;
  /** ‖∂L/∂c_t‖ of an LSTM's cell state, named and shaped as `profiles`; null for runs that logged none. */
  readonly cellProfiles: Readonly<Record<string, readonly (number | null)[]>> | null;
}

/** The API's [layers, timeSteps] grid per step as named profiles; null where a layer has no t (a decoder shorter than the source). */
export function gradNormSnapshots(norms: GradientNorms): GradNormSnapshot[] {
  const T = norms.timeSteps;
  const named = (grid: readonly (number | null)[]) => Object.fromEntries(norms.layers.map((layer, l) => [layer, grid.slice(l * T, (l + 1) * T)]));
  return norms.sampledSteps.map((step, i) => {
    const cellGrid = norms.cellValues?.[i];
    return { step, profiles: named(norms.values[i] ?? []), cellProfiles: cellGrid === undefined ? null : named(cellGrid) };
  });
}
