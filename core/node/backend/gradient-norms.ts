// Gathers a run's per-time-step gradient norms (metrics `grad_h/<layer>/t<t>`, and `grad_c/<layer>/t<t>` for an
// LSTM's cell state) into one grid per sampled training step, for the vanishing/exploding-gradient heatmap.
import type { GradientNorms } from '../../common/api/entities';
import { parseGradNormName, type GradState } from '../../common/train/metric-names';
import type { Store } from '../store/store';
import { at, mustGet } from '../../common/checked-index';

interface GradNormEntry {
  readonly name: string;
  readonly parsed: { readonly state: GradState; readonly layer: string; readonly t: number };
}

export function readGradientNorms(store: Store, runId: number): GradientNorms {
  const entries = store.metrics
    .names(runId)
    .map((name) => ({ name, parsed: parseGradNormName(name) }))
    .filter((e): e is GradNormEntry => e.parsed !== null);
  const hidden = entries.filter((e) => e.parsed.state === 'h');
  const cell = entries.filter((e) => e.parsed.state === 'c');
  // Layers in PyTorch order: l0, l0_reverse, l1, …; the cell-state grids use the hidden state's rows and steps.
  const layers = [...new Set(hidden.map((e) => e.parsed.layer))].sort((a, b) => layerKey(a) - layerKey(b));
  const timeSteps = hidden.reduce((max, e) => Math.max(max, e.parsed.t + 1), 0);
  const grids = gridsByStep(store, runId, hidden, layers, timeSteps);
  const sampledSteps = [...grids.keys()].sort((a, b) => a - b);
  const gridAt = (byStep: Map<number, (number | null)[]>, step: number) => mustGet(byStep, step, 'readGradientNorms: grids by step');
  let cellValues: (number | null)[][] | null = null;
  if (cell.length > 0) {
    const strays = cell.filter((e) => !layers.includes(e.parsed.layer) || e.parsed.t >= timeSteps);
    if (strays.length > 0) throw new Error(`run ${runId}: ‖∂L/∂c_t‖ logged for ${strays[0]?.name} with no ‖∂L/∂h_t‖ beside it`);
    const cellGrids = gridsByStep(store, runId, cell, layers, timeSteps);
    const unmatched = [...cellGrids.keys()].find((step) => !grids.has(step));
    if (unmatched !== undefined) throw new Error(`run ${runId}: ‖∂L/∂c_t‖ sampled at step ${unmatched}, where ‖∂L/∂h_t‖ was not`);
    const empty = () => new Array<number | null>(layers.length * timeSteps).fill(null);
    cellValues = sampledSteps.map((step) => cellGrids.get(step) ?? empty());
  }
  return { layers, timeSteps, sampledSteps, values: sampledSteps.map((step) => gridAt(grids, step)), cellValues };
}

/** One [layers.length, timeSteps] grid per training step the entries were sampled at; null where nothing (or no finite value) was logged. */
function gridsByStep(
  store: Store,
  runId: number,
  entries: readonly GradNormEntry[],
  layers: readonly string[],
  timeSteps: number,
): Map<number, (number | null)[]> {
  const grids = new Map<number, (number | null)[]>();
  for (const { name, parsed } of entries) {
    const series = store.metrics.series(runId, name);
    const row = layers.indexOf(parsed.layer);
    const what = `metric series ${name} of run ${runId}: values (one per step)`;
    series.steps.forEach((step, i) => {
      let grid = grids.get(step);
      if (!grid) grids.set(step, (grid = new Array<number | null>(layers.length * timeSteps).fill(null)));
      const value = at(series.values, i, what);
      grid[row * timeSteps + parsed.t] = Number.isFinite(value) ? value : null;
    });
  }
  return grids;
}

function layerKey(label: string): number {
  const match = /^l(\d+)(_reverse)?$/.exec(label);
  return match ? Number(match[1]) * 2 + (match[2] ? 1 : 0) : Number.MAX_SAFE_INTEGER;
}
