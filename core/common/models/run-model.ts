// The model a run trains, by the spec's model kind: a SequenceModel (one-to-one, many-to-one,
// many-to-many), an encoder–decoder (seq2seq) or a conditioned decoder (one-to-many), sized by the
// task's encodings and initialised from the seed in a fixed order.
import type { Rng } from '../random/rng';
import type { Kernels } from '../nn/kernels';
import type { Dtype, Param } from '../nn/param';
import type { Task } from '../tasks/task';
import type { ConditionedModelSpec, ModelSpec, Seq2SeqModelSpec } from '../spec/model-spec';
import type { SequenceModel } from './sequence/sequence-model';
import { resolvedDecoder } from '../spec/model-spec';
import { Seq2SeqModel } from './seq2seq/seq2seq-model';
import { ConditionedModel } from './conditioned/conditioned-model';
import { initialiseConditioned, initialiseSeq2Seq } from './seq2seq/init';
import { buildModel, modelInput, outputWidth } from './sequence/build-model';

export type RunModel =
  | { readonly kind: 'sequence'; readonly model: SequenceModel }
  | { readonly kind: 'seq2seq'; readonly model: Seq2SeqModel }
  | { readonly kind: 'conditioned'; readonly model: ConditionedModel };

export interface BuildOptions {
  readonly dtype?: Dtype;
  readonly kernels?: Kernels;
}

export function buildRunModel(task: Task, spec: ModelSpec, rng: Rng, options: BuildOptions = {}): RunModel {
  switch (spec.kind) {
    case 'sequence':
      return { kind: 'sequence', model: buildModel(task, spec, rng, options) };
    case 'seq2seq':
      return { kind: 'seq2seq', model: buildSeq2SeqModel(task, spec, rng, options) };
    case 'conditioned':
      return { kind: 'conditioned', model: buildConditionedModel(task, spec, rng, options) };
  }
}

/** Source: the task's input (tokens or features); target: its output tokens. */
export function buildSeq2SeqModel(task: Task, spec: Seq2SeqModelSpec, rng: Rng, options: BuildOptions = {}): Seq2SeqModel {
  if (task.shape !== 'seq2seq') throw new Error(`buildSeq2SeqModel: task ${task.id} is ${task.shape}, not seq2seq`);
  if (task.output.kind !== 'tokens') throw new Error(`buildSeq2SeqModel: task ${task.id} has ${task.output.kind} outputs; an encoder–decoder writes tokens`);
  const model = new Seq2SeqModel({
    source: modelInput(task.input),
    targetVocab: task.output.vocabulary.size,
    encoder: { cell: spec.cell, hiddenSize: spec.hiddenSize, numLayers: spec.numLayers, bidirectional: spec.bidirectional, dropout: spec.dropout, embeddingDim: spec.embeddingDim },
    decoder: resolvedDecoder(spec),
    attention: spec.attention === null ? null : { size: spec.attention.size },
    bridge: spec.bridge,
    dtype: options.dtype,
    kernels: options.kernels,
  });
  initialiseSeq2Seq(model, rng);
  return model;
}

/** Condition: the task's input (a class or features); the decoder reads and writes its outputs. */
export function buildConditionedModel(task: Task, spec: ConditionedModelSpec, rng: Rng, options: BuildOptions = {}): ConditionedModel {
  if (task.shape !== 'one-to-many') throw new Error(`buildConditionedModel: task ${task.id} is ${task.shape}, not one-to-many`);
  const { input, output } = task;
  if (input.kind === 'tokens') throw new Error(`buildConditionedModel: task ${task.id} is conditioned on tokens; a condition is one class or one feature vector`);
  const model = new ConditionedModel({
    condition: input.kind === 'classes' ? { kind: 'class', classes: input.labels.length } : { kind: 'dense', features: input.features },
    decoderInput: output.kind === 'dense' ? { kind: 'dense', features: output.features } : { kind: 'tokens', vocab: outputWidth(output), embeddingDim: spec.embeddingDim },
    outputSize: outputWidth(output),
    cell: spec.cell,
    hiddenSize: spec.hiddenSize,
    dtype: options.dtype,
    kernels: options.kernels,
  });
  initialiseConditioned(model, rng);
  return model;
}

/**
 * Copies saved values (by PyTorch-style name) into the parameters; returns what is missing or the
 * wrong size, or null when every parameter was filled.
 */
export function loadParams(params: readonly Param[], saved: Readonly<Record<string, ArrayLike<number>>>): string | null {
  for (const p of params) {
    const values = saved[p.name];
    if (!values || values.length !== p.data.length) return `no values of the right size for ${p.name}`;
  }
  for (const p of params) p.data.set(saved[p.name] as ArrayLike<number>);
  return null;
}
