// Builds and initialises the conditioned decoder a one-to-many spec asks for, sized by the task's encodings.
import type { Rng } from '../../random/rng';
import type { Task } from '../../tasks/task';
import type { ConditionedModelSpec } from '../../spec/model-spec';
import type { BuildOptions } from '../model-kind';
import { outputWidth } from '../../tasks/encoding-widths';
import { ConditionedModel } from './conditioned-model';
import { initialiseConditioned } from './init';
import { scaleRecurrentWeights } from '../../nn/init';

/** Condition: the task's input (a class or features); the decoder reads and writes its outputs. */
export function buildConditionedModel(task: Task, spec: ConditionedModelSpec, rng: Rng, options: BuildOptions = {}): ConditionedModel {
  if (task.shape !== 'one-to-many') throw new Error(`buildConditionedModel: task ${task.id} is ${task.shape}, not one-to-many`);
  const { input, output } = task;
  if (input.kind === 'tokens')
    throw new Error(`buildConditionedModel: task ${task.id} is conditioned on tokens; a condition is one class or one feature vector`);
  const model = new ConditionedModel({
    condition: input.kind === 'classes' ? { kind: 'class', classes: input.labels.length } : { kind: 'dense', features: input.features },
    decoderInput:
      output.kind === 'dense' ? { kind: 'dense', features: output.features } : { kind: 'tokens', vocab: outputWidth(output), embeddingDim: spec.embeddingDim },
    outputSize: outputWidth(output),
    cell: spec.cell,
    hiddenSize: spec.hiddenSize,
    dtype: options.dtype,
    kernels: options.kernels,
  });
  initialiseConditioned(model, rng);
  // after every draw, so a scaled model's other weights are those of the unscaled one from the same seed
  if (spec.init) scaleRecurrentWeights(model.decoder.cell.params, spec.init.recurrentScale);
  return model;
}
