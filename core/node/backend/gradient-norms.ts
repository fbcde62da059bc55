// Gathers a run's per-time-step gradient norms (metrics `grad_h/<layer>/t<t>`) into one grid per
// sampled training step, for the vanishing/exploding-gradient heatmap.
import type { GradientNorms } from '../../common/api/entities';
import { parseGradNormName } from '../../common/train/metric-names';
import type { Store } from '../store/store';
import { at, mustGet } from '../../common/checked-index';

export function readGradientNorms(store: Store, runId: number): GradientNorms {
  const entries = store.metrics
    .names(runId)
    .map((name) => ({ name, parsed: parseGradNormName(name) }))
    .filter((e): e is { name: string; parsed: { layer: string; t: number } } => e.parsed !== null);
  // Layers in PyTorch order: l0, l0_reverse, l1, …
  const layers = [...new Set(entries.map((e) => e.parsed.layer))].sort((a, b) => layerKey(a) - layerKey(b));
  const timeSteps = entries.reduce((max, e) => Math.max(max, e.parsed.t + 1), 0);
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
  const sampledSteps = [...grids.keys()].sort((a, b) => a - b);
  return { layers, timeSteps, sampledSteps, values: sampledSteps.map((step) => mustGet(grids, step, 'readGradientNorms: grids by step')) };
}

function layerKey(label: string): number {
  const match = /^l(\d+)(_reverse)?$/.exec(label);
  return match ? Number(match[1]) * 2 + (match[2] ? 1 : 0) : Number.MAX_SAFE_INTEGER;
}
