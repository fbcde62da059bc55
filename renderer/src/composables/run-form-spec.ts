// The New run form's fields turned into an experiment spec, by the model kind the chosen task needs:
// a recurrent stack for one-to-one / many-to-one / many-to-many, an encoder–decoder for seq2seq (and
// pairs datasets), a conditioned decoder for one-to-many. The spec is typed by the schema's input, so a field
// the schema does not have fails to compile; the backend validates the values. The form's ranges come from the
// limits the schemas enforce.
import type { z } from 'zod';
import { DEFAULT_CELL, type CellName } from '../../../core/common/nn/cell-names';
import { SEED_LIMITS, type ExperimentSpecInput } from '../../../core/common/spec/experiment-spec';
import {
  MODEL_LIMITS,
  modelKindFor,
  type conditionedModelSpecSchema,
  type ModelKind,
  type seq2seqModelSpecSchema,
  type sequenceModelSpecSchema,
} from '../../../core/common/spec/model-spec';
import type { BpttMode, ClipKind, OptimizerKind } from '../../../core/common/spec/spec-choices';
import { TRAINING_LIMITS, type trainingSpecSchema } from '../../../core/common/spec/training-spec';
import { TASK_SHAPES } from '../../../core/common/tasks/task-vocabulary';

export interface RunFormFields {
  cell: CellName;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
  /** Encoder–decoder: additive attention units (0 = no attention). */
  attentionSize: number;
  /** Encoder–decoder: the decoder's hidden size (0 = the encoder's). */
  decoderHiddenSize: number;
  optimizer: OptimizerKind;
  learningRate: number;
  steps: number;
  batchSize: number;
  clip: ClipKind;
  /** The clipping threshold (global norm or per value); unused without clipping. */
  clipMax: number;
  /** Sequence models: full or truncated backpropagation through time, every k1 steps through the last k2. */
  bptt: BpttMode;
  bpttK1: number;
  bpttK2: number;
  seed: number;
  threads: number;
}

/** What the form shows first: a small LSTM with Adam and the global norm clipped at 5. */
export const DEFAULT_RUN_FORM: Readonly<RunFormFields> = {
  cell: DEFAULT_CELL,
  hiddenSize: 64,
  numLayers: 1,
  bidirectional: false,
  attentionSize: 64,
  decoderHiddenSize: 0,
  optimizer: 'adam',
  learningRate: 0.001,
  steps: 1000,
  batchSize: 32,
  clip: 'norm',
  clipMax: 5,
  bptt: 'full',
  bpttK1: 20,
  bpttK2: 20,
  seed: 1,
  threads: 1,
};

/**
 * The min / max of each numeric field: the schemas' limits, with 0 allowed where the form reads 0 as "none" or
 * "same". The learning rate must be above its min (HTML's min is inclusive; the backend names the field).
 */
export const RUN_FORM_LIMITS = {
  hiddenSize: MODEL_LIMITS.hiddenSize,
  numLayers: MODEL_LIMITS.numLayers,
  attentionSize: { min: 0, max: MODEL_LIMITS.attentionSize.max },
  decoderHiddenSize: { min: 0, max: MODEL_LIMITS.hiddenSize.max },
  learningRate: TRAINING_LIMITS.learningRate,
  steps: TRAINING_LIMITS.steps,
  batchSize: TRAINING_LIMITS.batchSize,
  bpttK1: TRAINING_LIMITS.bpttSteps,
  bpttK2: TRAINING_LIMITS.bpttSteps,
  threads: TRAINING_LIMITS.threads,
  seed: SEED_LIMITS,
} as const satisfies Partial<Record<keyof RunFormFields, { readonly min: number; readonly max: number }>>;

export type RunTarget = { readonly task: string; readonly shape: string } | { readonly dataset: number; readonly kind: string };

type ModelInput = z.input<typeof sequenceModelSpecSchema> | z.input<typeof seq2seqModelSpecSchema> | z.input<typeof conditionedModelSpecSchema>;

/** A spec the form builds: the schema's input, with the model and training parts typed by their own schemas. */
export type RunFormSpec = Omit<ExperimentSpecInput, 'model' | 'training'> & { model: ModelInput; training: z.input<typeof trainingSpecSchema> };

/** The model kind a task (by its shape) or a dataset (pairs are seq2seq) trains. */
export function modelKindOf(target: RunTarget): ModelKind {
  if ('dataset' in target) return target.kind === 'pairs' ? 'seq2seq' : 'sequence';
  const shape = TASK_SHAPES.find((s) => s === target.shape);
  return shape === undefined ? 'sequence' : modelKindFor(shape);
}

export function specFromForm(fields: RunFormFields, target: RunTarget): RunFormSpec {
  const kind = modelKindOf(target);
  const task = 'dataset' in target ? { dataset: target.dataset, params: {} } : { id: target.task, params: {} };
  let model: ModelInput;
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
      clip: fields.clip === 'none' ? { kind: 'none' } : { kind: fields.clip, max: fields.clipMax },
      // Truncated BPTT and data-parallel training are for sequence models; decoder models train whole sequences on one thread.
      ...(kind === 'sequence'
        ? { threads: fields.threads, bptt: fields.bptt === 'full' ? { mode: 'full' } : { mode: 'truncated', k1: fields.bpttK1, k2: fields.bpttK2 } }
        : {}),
    },
  };
}
