// Builds and initialises the encoder–decoder a seq2seq spec asks for, sized by the task's encodings.
import type { Rng } from '../../random/rng';
import type { Task } from '../../tasks/task';
import type { Seq2SeqModelSpec } from '../../spec/model-spec';
import type { BuildOptions } from '../model-kind';
import { resolvedDecoder } from '../../spec/model-spec';
import { modelInput } from '../../tasks/encoding-widths';
import { initialiseSeq2Seq } from './init';
import { scaleRecurrentWeights } from '../../nn/init';
import { Seq2SeqModel } from './seq2seq-model';

/** Source: the task's input (tokens or features); target: its output tokens. */
export function buildSeq2SeqModel(task: Task, spec: Seq2SeqModelSpec, rng: Rng, options: BuildOptions = {}): Seq2SeqModel {
  if (task.shape !== 'seq2seq') throw new Error(`buildSeq2SeqModel: task ${task.id} is ${task.shape}, not seq2seq`);
  if (task.output.kind !== 'tokens') throw new Error(`buildSeq2SeqModel: task ${task.id} has ${task.output.kind} outputs; an encoder–decoder writes tokens`);
  const model = new Seq2SeqModel({
    source: modelInput(task.input),
    targetVocab: task.output.vocabulary.size,
    encoder: {
      cell: spec.cell,
      hiddenSize: spec.hiddenSize,
      numLayers: spec.numLayers,
      bidirectional: spec.bidirectional,
      dropout: spec.dropout,
      embeddingDim: spec.embeddingDim,
    },
    decoder: resolvedDecoder(spec),
    attention: spec.attention === null ? null : { size: spec.attention.size },
    bridge: spec.bridge,
    dtype: options.dtype,
    kernels: options.kernels,
  });
  initialiseSeq2Seq(model, rng);
  // after every draw, so a scaled model's other weights are those of the unscaled one from the same seed
  if (spec.init) scaleRecurrentWeights([...model.encoder.rnn.params, ...model.decoder.cell.params], spec.init.recurrentScale);
  return model;
}
