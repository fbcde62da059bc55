// The sizes a resource estimate needs from a built Task (resource-estimate.ts): the model's input and output
// widths, and the lengths and bytes of its batches, measured on one sample batch drawn with a fixed seed.
import type { Batch } from '../data/batch';
import { modelInput, outputWidth } from '../tasks/encoding-widths';
import { Rng } from '../random/rng';
import type { Task } from '../tasks/task';
import type { TaskDimensions } from './resource-estimate';

/** Examples drawn to measure the batches: lengths that vary are taken as the longest of these. */
export const SAMPLED_EXAMPLES = 64;
/** Fixed, so the same spec always gets the same estimate. */
const SAMPLE_SEED = 0x5eed;

/** @param batchSize the run's; at most SAMPLED_EXAMPLES examples are drawn */
export function taskDimensions(task: Task, batchSize: number): TaskDimensions {
  const rows = Math.max(1, Math.min(batchSize, SAMPLED_EXAMPLES));
  const batch = task.batch(new Rng(SAMPLE_SEED), rows, 'train');
  const input = modelInput(task.input);
  return {
    input,
    outputSize: outputWidth(task.output),
    decoderReads: task.output.kind === 'dense' ? 'dense' : 'tokens',
    perStep: task.shape === 'many-to-many',
    ...steps(batch),
    rowBytes: Math.ceil(arrayBytes(batch) / rows),
  };
}

function steps(batch: Batch): { inputSteps: number; targetSteps: number | null } {
  switch (batch.kind) {
    case 'sequence':
      return { inputSteps: batch.steps, targetSteps: null };
    case 'seq2seq':
      return { inputSteps: batch.sourceSteps, targetSteps: batch.targetSteps };
    case 'conditioned':
      return { inputSteps: 1, targetSteps: batch.steps };
  }
}

/** Bytes of every typed array in a batch (its inputs, targets, masks and lengths). */
function arrayBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce((sum: number, item) => sum + arrayBytes(item), 0);
}
