// The New run form's fields turned into an experiment spec, by the model kind the chosen task needs:
// a recurrent stack for one-to-one / many-to-one / many-to-many, an encoder–decoder for seq2seq (and
// pairs datasets), a conditioned decoder for one-to-many. The spec is typed by the schema's input, so a field
// the schema does not have fails to compile; the backend validates the values. The form's ranges come from the
// limits the schemas enforce.
import type { z } from 'zod';
import { DEFAULT_CELL, type CellName } from '../../../core/common/nn/cell-names';
import { SEED_LIMITS, parseSpecFields, type ExperimentSpecInput } from '../../../core/common/spec/experiment-spec';
import { readFieldPath, writeFieldPath } from '../../../core/common/spec/field-path';
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
import type { ParamValue } from '../../../core/common/tasks/params';
import { TASK_SHAPES } from '../../../core/common/tasks/task-vocabulary';
import { specFields, type SpecField } from './spec-fields';

/** The IRNN of Le, Jaitly & Hinton (2015): a ReLU RNN whose recurrent weights start as a scaled identity. */
export const IRNN = 'irnn';
/** The cell select's choices: every cell, and IRNN (rnn_relu with `model.init.recurrent: identity`). */
export type CellChoice = CellName | typeof IRNN;
export const IRNN_LABEL = 'IRNN (ReLU, identity init)';

export interface RunFormFields {
  cell: CellChoice;
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
  /** The task's own parameters by name (its declaration's defaults fill what is left out). */
  taskParams: Record<string, ParamValue>;
  /** Values of the fields laid out from the schema (spec-fields.ts), by path; a path left out takes its default. */
  extra: Record<string, unknown>;
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
  taskParams: {},
  extra: {},
};

/** DEFAULT_RUN_FORM with records of its own, for a form to edit. */
export function freshRunForm(): RunFormFields {
  return { ...DEFAULT_RUN_FORM, taskParams: {}, extra: {} };
}

/**
 * The spec paths the form lays out by hand rather than from the schema: the task select, the model kind (the task
 * decides it), the fields whose labels, names and limits existing users and tests rely on, and those with a
 * meaning of their own in the form (attention and decoder size read 0 as "none" / "same"; the cell select
 * offers IRNN; threads are bounded by the backend's machine).
 */
export const HAND_LAID_PATHS: ReadonlySet<string> = new Set([
  'task.id',
  'task.dataset',
  'seed',
  'model.kind',
  'model.cell',
  'model.hiddenSize',
  'model.numLayers',
  'model.bidirectional',
  'model.attention.size',
  'model.decoder.hiddenSize',
  'training.optimizer.kind',
  'training.learningRate',
  'training.steps',
  'training.batchSize',
  'training.clip.kind',
  'training.clip.max',
  'training.bptt.mode',
  'training.bptt.k1',
  'training.bptt.k2',
  'training.threads',
]);

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

/** The spec the hand-laid fields give, before the schema-laid ones (`extra`) are written in. */
function handLaidSpec(fields: RunFormFields, target: RunTarget): RunFormSpec {
  const kind = modelKindOf(target);
  const params = { ...fields.taskParams };
  const task = 'dataset' in target ? { dataset: target.dataset, params } : { id: target.task, params };
  let model: ModelInput;
  // IRNN is a sequence model's initialisation; a decoder model offered it gets the plain ReLU cell (the select shows so).
  const cell: CellName = fields.cell === IRNN ? 'rnn_relu' : fields.cell;
  if (kind === 'seq2seq') {
    model = {
      kind,
      cell,
      hiddenSize: fields.hiddenSize,
      numLayers: fields.numLayers,
      bidirectional: fields.bidirectional,
      ...(fields.decoderHiddenSize > 0 ? { decoder: { hiddenSize: fields.decoderHiddenSize } } : {}),
      attention: fields.attentionSize > 0 ? { size: fields.attentionSize } : null,
    };
  } else if (kind === 'conditioned') {
    model = { kind, cell, hiddenSize: fields.hiddenSize };
  } else if (fields.cell === IRNN) {
    model = {
      cell: 'rnn_relu',
      hiddenSize: fields.hiddenSize,
      numLayers: fields.numLayers,
      bidirectional: fields.bidirectional,
      init: { recurrent: 'identity' },
    };
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

/** The schema-laid fields of a spec: every field of its variants except the hand-laid ones (and IRNN's init, which the cell gives). */
export function schemaLaidFields(spec: unknown, cell: CellChoice): SpecField[] {
  return specFields(spec).filter((field) => !HAND_LAID_PATHS.has(field.path) && !(cell === IRNN && field.path === 'model.init.recurrent'));
}

function withValues(spec: unknown, values: Readonly<Record<string, unknown>>, paths: ReadonlySet<string> | null): unknown {
  let current = spec;
  for (const [path, value] of Object.entries(values)) {
    if (value === undefined || (paths !== null && !paths.has(path))) continue;
    const written = writeFieldPath(current, path, value);
    if (!written.ok) throw new Error(`run form: ${written.message}`);
    current = written.value;
  }
  return current;
}

/**
 * The spec the form describes. A value in `extra` for a field of a variant no longer chosen (momentum after SGD
 * became Adam) is left out: the variant's schema would refuse it.
 */
export function specFromForm(fields: RunFormFields, target: RunTarget): RunFormSpec {
  const base = handLaidSpec(fields, target);
  const chosen = withValues(base, fields.extra, null);
  const paths = new Set(schemaLaidFields(chosen, fields.cell).map((field) => field.path));
  return withValues(base, fields.extra, paths) as RunFormSpec;
}

/** The form's target task, as the Task select holds it: a built-in task id or "dataset:<id>". */
export const DATASET_PREFIX = 'dataset:';

export type FormFromSpec = { readonly ok: true; readonly taskId: string; readonly fields: RunFormFields } | { readonly ok: false; readonly message: string };

/**
 * The form's fields for a spec (a preset, a file, the JSON editor, a cloned run), or why the form cannot show it.
 * Fields the spec leaves out take the schema's defaults, as the spec means them. The form must give back the same
 * spec once resolved, or the spec is refused: turning it into the form never drops or changes a value.
 * @param shapeOf the shape of a built-in task, or for a dataset its kind
 */
export function formFromSpec(spec: unknown, shapeOf: (taskId: string) => string | undefined): FormFromSpec {
  const parsed = parseSpecFields(spec);
  if (!parsed.ok) return { ok: false, message: `the spec has problems (${parsed.issues.map((i) => i.path).join(', ')}); fix them in the JSON first` };
  const resolved = parsed.spec;
  const taskId = resolved.task.dataset !== undefined ? `${DATASET_PREFIX}${resolved.task.dataset}` : (resolved.task.id ?? '');
  const shape = shapeOf(taskId);
  if (shape === undefined) return { ok: false, message: `the form does not know task "${taskId}"; keep editing the spec as JSON` };
  const target: RunTarget = resolved.task.dataset !== undefined ? { dataset: resolved.task.dataset, kind: shape } : { task: taskId, shape };
  const { model, training } = resolved;
  const irnn = model.kind === 'sequence' && model.cell === 'rnn_relu' && model.init.recurrent === 'identity';
  const cell: CellChoice = irnn ? IRNN : model.cell;
  const fields: RunFormFields = {
    ...freshRunForm(),
    cell,
    hiddenSize: model.hiddenSize,
    numLayers: model.kind === 'conditioned' ? DEFAULT_RUN_FORM.numLayers : model.numLayers,
    bidirectional: model.kind === 'conditioned' ? false : model.bidirectional,
    attentionSize: model.kind === 'seq2seq' ? (model.attention?.size ?? 0) : DEFAULT_RUN_FORM.attentionSize,
    decoderHiddenSize: model.kind === 'seq2seq' ? (model.decoder.hiddenSize ?? 0) : 0,
    optimizer: training.optimizer.kind,
    learningRate: training.learningRate,
    steps: training.steps,
    batchSize: training.batchSize,
    clip: training.clip.kind,
    clipMax: training.clip.kind === 'none' ? DEFAULT_RUN_FORM.clipMax : training.clip.max,
    bptt: training.bptt.mode,
    bpttK1: training.bptt.mode === 'truncated' ? training.bptt.k1 : DEFAULT_RUN_FORM.bpttK1,
    bpttK2: training.bptt.mode === 'truncated' ? training.bptt.k2 : DEFAULT_RUN_FORM.bpttK2,
    seed: resolved.seed,
    threads: training.threads,
    taskParams: { ...(resolved.task.params as Record<string, ParamValue>) },
    extra: {},
  };
  for (const field of schemaLaidFields(resolved, cell)) {
    const read = readFieldPath(resolved, field.path);
    if (read.found && read.value !== undefined && JSON.stringify(read.value) !== JSON.stringify(field.default)) fields.extra[field.path] = read.value;
  }
  const back = parseSpecFields(specFromForm(fields, target));
  if (!back.ok || JSON.stringify(back.spec) !== JSON.stringify(resolved)) {
    return { ok: false, message: 'the form cannot show every field of this spec as it stands; keep editing it as JSON' };
  }
  return { ok: true, taskId, fields };
}
