// A run's resolved spec in one line for its detail header: task, model, optimiser, learning rate and batch size.
import type { ExperimentSpec } from '../../../core/common/spec/experiment-spec';
import { resolvedDecoder, type ModelSpec } from '../../../core/common/spec/model-spec';

/** e.g. "adding-problem · gru 24×1 bidirectional · adam lr 0.01 · batch 32"; a dataset run names its dataset. */
export function runSpecSummary(spec: ExperimentSpec): string {
  const { task, training } = spec;
  const taskName = task.dataset === undefined ? (task.id ?? '') : `${task.id ?? 'dataset'} (dataset ${task.dataset})`;
  return `${taskName} · ${modelSummary(spec.model)} · ${training.optimizer.kind} lr ${training.learningRate} · batch ${training.batchSize}`;
}

/** e.g. "gru 24×1 bidirectional", "encoder gru 24×1 bidirectional → decoder gru 48, attention 16", "conditioned decoder lstm 32". */
export function modelSummary(model: ModelSpec): string {
  if (model.kind === 'conditioned') return `conditioned decoder ${model.cell} ${model.hiddenSize}`;
  const stack = `${model.cell} ${model.hiddenSize}×${model.numLayers}${model.bidirectional ? ' bidirectional' : ''}`;
  if (model.kind === 'sequence') return stack;
  const decoder = resolvedDecoder(model);
  return `encoder ${stack} → decoder ${decoder.cell} ${decoder.hiddenSize}, ${model.attention ? `attention ${model.attention.size}` : 'no attention'}`;
}
