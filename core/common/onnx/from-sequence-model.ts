// A trained `SequenceModel` as the exporter's `ExportableModel`: token ids through the embedding or
// dense features straight in, the recurrent stack under its PyTorch names (the `rnn.` prefix
// dropped), and the Linear head read at every step or from the top layer's final states, with a
// softmax when the task's outputs are classes or tokens. Weights are referenced, not copied.
//
// Shapes: V vocabulary, E embedding size, I input features, H hidden, D directions, O outputs.

import type { SequenceModel } from '../models/sequence/sequence-model';
import type { ExportableInput, ExportableModel } from './exportable-model';
import type { Task } from '../tasks/task';
import type { ExportProvenance } from './seqlab-metadata';
import { recurrentParamsOf } from '../models/sequence/torch-state-dict';
import { buildSeqlabMetadata } from './seqlab-metadata';

/**
 * @param task the task the model was trained on: its encodings size the ends of the graph and go
 *   into the metadata (vocabulary, class labels or feature names)
 */
export function exportableFromSequenceModel(model: SequenceModel, task: Task, provenance: ExportProvenance): ExportableModel {
  const where = 'exportableFromSequenceModel';
  const { config } = model;
  let input: ExportableInput;
  if (config.input.kind === 'tokens') {
    if (model.embedding === null) throw new Error(`${where}: a token-input model has no embedding`);
    if (task.input.kind === 'dense') throw new Error(`${where}: the model reads tokens but task ${task.id} has dense inputs`);
    input = { kind: 'embedding', vocabSize: model.embedding.numEmbeddings, dim: model.embedding.embeddingDim, weight: model.embedding.weight.data };
  } else {
    if (task.input.kind !== 'dense') throw new Error(`${where}: the model reads dense features but task ${task.id} has ${task.input.kind} inputs`);
    input = { kind: 'features', features: config.input.features };
  }
  const { head } = model;
  return {
    input,
    recurrent: {
      cell: config.cell,
      hiddenSize: config.hiddenSize,
      numLayers: config.numLayers,
      bidirectional: config.bidirectional,
      params: recurrentParamsOf(model),
    },
    head: {
      outFeatures: head.outFeatures,
      weight: head.weight.data,
      ...(head.bias ? { bias: head.bias.data } : {}),
      softmax: task.output.kind !== 'dense',
      readout: config.output.perStep ? 'every-step' : 'final-state',
    },
    metadata: buildSeqlabMetadata(task, config.output.perStep, provenance),
  };
}
