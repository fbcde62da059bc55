// Builds and initialises the model a spec asks for, sized by the task's encodings:
// inputs (dense features or a vocabulary), outputs (values, classes or tokens), and where the head reads
// (every step for many-to-many, the final states for many-to-one and one-to-one).
import type { Rng } from '../../random/rng';
import type { BuildOptions } from '../model-kind';
import type { Task } from '../../tasks/task';
import type { SequenceModelSpec } from '../../spec/model-spec';
import { SequenceModel } from './sequence-model';
import { modelInput, outputWidth } from '../../tasks/encoding-widths';
import {
  glorotUniform,
  identityRecurrentInit,
  lstmForgetBias,
  normalInit,
  orthogonalInit,
  pytorchLinearInit,
  pytorchRecurrentInit,
  scaleRecurrentWeights,
} from '../../nn/init';

export function buildModel(task: Task, spec: SequenceModelSpec, rng: Rng, options: BuildOptions = {}): SequenceModel {
  if (task.shape === 'seq2seq' || task.shape === 'one-to-many')
    throw new Error(`buildModel: task ${task.id} is ${task.shape}; a SequenceModel cannot train it`);
  const model = new SequenceModel({
    input: modelInput(task.input),
    output: { size: outputWidth(task.output), perStep: task.shape === 'many-to-many' },
    cell: spec.cell,
    hiddenSize: spec.hiddenSize,
    numLayers: spec.numLayers,
    bidirectional: spec.bidirectional,
    dropout: spec.dropout,
    embeddingDim: spec.embeddingDim,
    dtype: options.dtype,
    kernels: options.kernels,
  });
  initialiseModel(model, spec, rng);
  return model;
}

/** Applies the spec's initialisers in a fixed order, so the same seed always gives the same weights. */
export function initialiseModel(model: SequenceModel, spec: SequenceModelSpec, rng: Rng): void {
  const H = model.rnn.hiddenSize;
  const { init } = spec;
  if (model.embedding) normalInit(model.embedding.weight, 1, rng); // PyTorch's nn.Embedding: N(0, 1)
  for (const p of model.rnn.params) {
    const isWeightHh = p.name.includes('weight_hh');
    const isWeightIh = p.name.includes('weight_ih');
    if (isWeightIh) {
      if (init.input === 'xavier') glorotUniform(p, rng);
      else pytorchRecurrentInit(p, H, rng);
    } else if (isWeightHh) {
      if (init.recurrent === 'xavier') glorotUniform(p, rng);
      else if (init.recurrent === 'orthogonal') orthogonalInit(p, rng, { gates: model.rnn.cell.gates });
      else if (init.recurrent === 'identity') identityRecurrentInit(p, [], init.identityScale);
      else pytorchRecurrentInit(p, H, rng);
    } else {
      // Biases: zero for the IRNN (Le et al. 2015), PyTorch's uniform(±1/√H) otherwise.
      if (init.recurrent === 'identity') p.data.fill(0);
      else pytorchRecurrentInit(p, H, rng);
      // LSTM: the forget gate sees bias_ih + bias_hh, so put the whole forget bias in one of them.
      if (model.rnn.cell.hasCellState) lstmForgetBias(p, p.name.includes('bias_ih') ? init.forgetBias : 0);
    }
  }
  pytorchLinearInit(model.head.weight, model.head.bias, rng);
  // after every draw, so a scaled model's other weights are those of the unscaled one from the same seed
  scaleRecurrentWeights(model.rnn.params, init.recurrentScale);
}
