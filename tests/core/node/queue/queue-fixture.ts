// What the queue tests compare between a run trained on agents and its twin trained here: the final parameters
// (from the run's last 'latest' checkpoint, bit for bit) and its curves (step and value of every row).
import { decodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import type { Store } from '../../../../core/node/store/store';

/** Parameter name → its float32 values as plain numbers, from the run's 'latest' checkpoint. */
export function finalParameters(store: Store, runId: number): Record<string, number[]> {
  const checkpoint = store.checkpoints.load(runId, 'latest');
  if (!checkpoint) throw new Error(`run ${runId} has no 'latest' checkpoint`);
  const { params } = decodeCheckpoint(checkpoint.blob).checkpoint;
  return Object.fromEntries(Object.entries(params).map(([name, values]) => [name, Array.from(values)]));
}

/** [step, value] of every row of a series, in step order (default: the training loss). */
export function curve(store: Store, runId: number, name = 'train/loss'): [number, number][] {
  const series = store.metrics.series(runId, name);
  return series.steps.map((step, i) => [step, series.values[i] ?? Number.NaN]);
}
