// The New run form's fields turned into an experiment spec, by the model kind the chosen task needs:
// a recurrent stack for one-to-one / many-to-one / many-to-many, an encoder–decoder for seq2seq (and
// pairs datasets), a conditioned decoder for one-to-many. The backend validates the result.
import { modelKindFor, type ModelKind } from '../../../core/common/spec/model-spec';

export interface RunFormFields {
  cell: string;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  /** Encoder–decoder: additive attention units (0 = no attention). */
  attentionSize: number;
  /** Encoder–decoder: the decoder's hidden size (0 = the encoder's). */
  decoderHiddenSize: number;
  optimizer: string;
  learningRate: number;
  steps: number;
  batchSize: number;
  /** 0 = no clipping. */
  clipNorm: number;
  seed: number;
  threads: number;
}

export type RunTarget = { readonly task: string; readonly shape: string } | { readonly dataset: number; readonly kind: string };

const SHAPES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many', 'seq2seq'] as const;

/** The model kind a task (by its shape) or a dataset (pairs are seq2seq) trains. */
export function modelKindOf(target: RunTarget): ModelKind {
  if ('dataset' in target) return target.kind === 'pairs' ? 'seq2seq' : 'sequence';
  const shape = SHAPES.find((s) => s === target.shape);
  return shape === undefined ? 'sequence' : modelKindFor(shape);
}

export function specFromForm(fields: RunFormFields, target: RunTarget): Record<string, unknown> {
  const kind = modelKindOf(target);
  const task = 'dataset' in target ? { dataset: target.dataset, params: {} } : { id: target.task, params: {} };
  let model: Record<string, unknown>;
  if (kind === 'seq2seq') {
    model = {
      kind,
      cell: fields.cell,
      hiddenSize: fields.hiddenSize,
      numLayers: fields.numLayers,
      bidirectional: fields.bidirectional,
      ...(fields.decoderHiddenSize > 0 ? { decoder: { hiddenSize: fields.decoderHiddenSize } } : {}),
      attention: fields.attentionSize > 0 ? { size: fields.attentionSize } : null,
    };
  } else if (kind === 'conditioned') {
    model = { kind, cell: fields.cell, hiddenSize: fields.hiddenSize };
  } else {
    model = { cell: fields.cell, hiddenSize: fields.hiddenSize, numLayers: fields.numLayers, bidirectional: fields.bidirectional };
  }
  return {
    seed: fields.seed,
    task,
    model,
    training: {
      steps: fields.steps,
      batchSize: fields.batchSize,
      learningRate: fields.learningRate,
      optimizer: { kind: fields.optimizer },
      clip: fields.clipNorm > 0 ? { kind: 'norm', max: fields.clipNorm } : { kind: 'none' },
      // Data-parallel training splits a sequence model's batch; decoder models train on one thread.
      ...(kind === 'sequence' ? { threads: fields.threads } : {}),
    },
  };
}
