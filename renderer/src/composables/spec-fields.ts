// Every field of an experiment spec, read from its zod schema (core/common/spec): path, kind, allowed range,
// choices and default. The New run form renders the fields it does not lay out by hand from this list, and the
// sweep builder offers it to vary, so a field added to a schema appears in both without a renderer edit.
// A discriminated union (optimiser, schedule, clip, BPTT, model) contributes its discriminator as a choice and then
// the fields of the variant the spec has chosen (or of its default).
import { z } from 'zod';
import { experimentSpecSchema } from '../../../core/common/spec/experiment-spec';
import { readFieldPath } from '../../../core/common/spec/field-path';
import { datasetDefinitions } from '../../../core/common/tasks/dataset-definitions';
import { describeRange, type ParamSpecs } from '../../../core/common/tasks/params';
import { findTask } from '../../../core/common/tasks/registry';

/** One end of a number field's range; `inclusive: false` for e.g. learningRate > 0. */
export interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

export type SpecFieldKind = 'int' | 'number' | 'boolean' | 'choice' | 'text';

export interface SpecField {
  /** Dotted, as issues and sweeps name it: `training.optimizer.weightDecay`, `training.optimizer.betas.0`. */
  readonly path: string;
  readonly label: string;
  readonly kind: SpecFieldKind;
  readonly min: Bound | null;
  readonly max: Bound | null;
  /** For choices. */
  readonly options: readonly (string | number)[];
  /** The schema's default; undefined when the field must be given (e.g. a step schedule's stepSize). */
  readonly default: unknown;
  /** For a union's discriminator: the union's path (changing it drops the other variant's fields). */
  readonly variantOf: string | null;
}

/**
 * Labels a person reads. Written by hand because a schema has no words for its fields; a path missing here is
 * labelled from its last segment (`evalBatches` → "Eval batches"), so a new field still appears. No label but the
 * hand-laid ones contains the words users and tests find those by ("steps", "learning rate", "batch size", …).
 */
const LABELS: Readonly<Record<string, string>> = {
  name: 'Title of the run',
  seed: 'Seed',
  'model.kind': 'Model kind',
  'model.cell': 'Cell',
  'model.hiddenSize': 'Hidden size',
  'model.numLayers': 'Layers',
  'model.bidirectional': 'Bidirectional',
  'model.dropout': 'Dropout',
  'model.embeddingDim': 'Embedding size',
  'model.init.recurrent': 'Recurrent init',
  'model.init.input': 'Input init',
  'model.init.identityScale': 'Identity (IRNN) scale',
  'model.init.forgetBias': 'LSTM forget bias',
  'model.init.recurrentScale': 'Recurrent scale',
  'model.attention.size': 'Attention size',
  'model.decoder.cell': 'Decoder cell',
  'model.decoder.hiddenSize': 'Decoder hidden size',
  'model.decoder.embeddingDim': 'Decoder embedding size',
  'model.bridge': 'Encoder→decoder bridge',
  'training.steps': 'Steps',
  'training.batchSize': 'Batch size',
  'training.learningRate': 'Learning rate',
  'training.optimizer.kind': 'Optimiser',
  'training.optimizer.weightDecay': 'Weight decay',
  'training.optimizer.momentum': 'Momentum',
  'training.optimizer.betas.0': 'β1',
  'training.optimizer.betas.1': 'β2',
  'training.optimizer.eps': 'ε',
  'training.schedule.kind': 'LR schedule',
  'training.schedule.warmupSteps': 'Warm-up length',
  'training.schedule.stepSize': 'Decay period',
  'training.schedule.gamma': 'Decay factor γ',
  'training.schedule.minLr': 'Minimum LR',
  'training.clip.kind': 'Gradient clipping',
  'training.clip.max': 'Clip at',
  'training.bptt.mode': 'Backpropagation through time',
  'training.bptt.k1': 'k1',
  'training.bptt.k2': 'k2',
  'training.evalEvery': 'Evaluate every',
  'training.evalBatches': 'Evaluation batches',
  'training.gradNormsEvery': 'Gradient norms every (0 = never)',
  'training.checkpointEvery': 'Checkpoint every',
  'training.divergence.action': 'On divergence',
  'training.divergence.valLossOverReference': 'Divergence: val loss × over the first',
  'training.divergence.valLossOverBest': 'Divergence: val loss × over the best',
  'training.divergence.evaluations': 'Divergence: evaluations in a row',
  'training.divergence.gradNorm': 'Divergence: gradient norm above',
  'training.divergence.gradNormSteps': 'Divergence: for updates in a row',
  'training.earlyStoppingPatience': 'Early-stopping patience (0 = off)',
  'training.threads': 'Threads',
  'training.kernels': 'Kernels',
  'training.teacherForcing.kind': 'Teacher forcing',
  'training.teacherForcing.ratio': 'Teacher-forcing ratio',
};

/** "evalBatches" → "Eval batches"; a path's last segment as words. */
function labelOf(path: string): string {
  const known = LABELS[path];
  if (known !== undefined) return known;
  const last = path.split('.').at(-1) ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const parent = path.split('.').at(-2);
  const prefix = parent === 'divergence' ? 'Divergence: ' : '';
  return `${prefix}${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

function numberBound(schema: z.ZodNumber, value: number | null): Bound | null {
  if (value === null || !Number.isFinite(value)) return null;
  return { value, inclusive: schema.safeParse(value).success };
}

function leaf(path: string, kind: SpecFieldKind, extra: Partial<Pick<SpecField, 'min' | 'max' | 'options' | 'variantOf'>>, fallback: unknown): SpecField {
  return {
    path,
    label: labelOf(path),
    kind,
    min: extra.min ?? null,
    max: extra.max ?? null,
    options: extra.options ?? [],
    default: fallback,
    variantOf: extra.variantOf ?? null,
  };
}

/** The literal a union option's discriminator holds (under a default, as `kind: 'sequence'` is). */
function literalOf(schema: z.ZodType | undefined): string | number | undefined {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  if (current instanceof z.ZodLiteral) {
    const value = current.value;
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

function walk(schema: z.ZodType, path: string, value: unknown, fallback: unknown, out: SpecField[]): void {
  if (schema instanceof z.ZodDefault) {
    walk(schema.unwrap() as z.ZodType, path, value, schema.def.defaultValue, out);
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    walk(schema.unwrap() as z.ZodType, path, value, fallback, out);
  } else if (schema instanceof z.ZodPipe) {
    // z.preprocess: the schema the value is read by is the pipe's output
    walk(schema.out as z.ZodType, path, value, fallback, out);
  } else if (schema instanceof z.ZodDiscriminatedUnion) {
    const discriminator = schema.def.discriminator;
    const options = (schema.options as z.ZodType[]).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
    const literals = options.map((o) => literalOf(o.shape[discriminator] as z.ZodType | undefined));
    const current = readFieldPath(value, discriminator);
    const defaultKind = readFieldPath(fallback, discriminator);
    const chosen = current.found ? current.value : defaultKind.found ? defaultKind.value : literals[0];
    const index = Math.max(0, literals.indexOf(chosen as string | number));
    const option = options[index];
    const kinds = literals.filter((l): l is string | number => l !== undefined);
    const kindPath = `${path}.${discriminator}`;
    out.push(leaf(kindPath, 'choice', { options: kinds, variantOf: path }, defaultKind.found ? defaultKind.value : kinds[0]));
    if (option === undefined) return;
    for (const [key, child] of Object.entries(option.shape)) {
      if (key === discriminator) continue;
      walk(child as z.ZodType, `${path}.${key}`, readOf(value, key), readOf(fallback, key), out);
    }
  } else if (schema instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(schema.shape)) {
      walk(child as z.ZodType, path === '' ? key : `${path}.${key}`, readOf(value, key), readOf(fallback, key), out);
    }
  } else if (schema instanceof z.ZodTuple) {
    (schema.def.items as z.ZodType[]).forEach((item, i) => walk(item, `${path}.${i}`, readOf(value, String(i)), readOf(fallback, String(i)), out));
  } else if (schema instanceof z.ZodNumber) {
    out.push(leaf(path, schema.isInt ? 'int' : 'number', { min: numberBound(schema, schema.minValue), max: numberBound(schema, schema.maxValue) }, fallback));
  } else if (schema instanceof z.ZodBoolean) {
    out.push(leaf(path, 'boolean', {}, fallback));
  } else if (schema instanceof z.ZodEnum) {
    out.push(leaf(path, 'choice', { options: schema.options as (string | number)[] }, fallback));
  } else if (schema instanceof z.ZodString) {
    out.push(leaf(path, 'text', {}, fallback));
  }
  // Literals (version) are fixed; records (task.params) are the task's own parameters, listed from its declaration.
}

function readOf(value: unknown, key: string): unknown {
  const read = readFieldPath(value, key);
  return read.found ? read.value : undefined;
}

/** The spec's fields, with the variants `spec` has chosen (a model without `kind` is a sequence model). */
export function specFields(spec: unknown): SpecField[] {
  const out: SpecField[] = [];
  walk(experimentSpecSchema, '', spec, undefined, out);
  return out;
}

/** "a whole number in [1, 10000000]", "a number in (0, 10]", "one of adam, sgd". */
export function describeField(field: Pick<SpecField, 'kind' | 'min' | 'max' | 'options'>): string {
  switch (field.kind) {
    case 'int':
    case 'number': {
      const what = field.kind === 'int' ? 'a whole number' : 'a number';
      if (field.min === null && field.max === null) return what;
      const low = field.min === null ? '(−∞' : `${field.min.inclusive ? '[' : '('}${field.min.value}`;
      const high = field.max === null ? '∞)' : `${field.max.value}${field.max.inclusive ? ']' : ')'}`;
      return `${what} in ${low}, ${high}`;
    }
    case 'boolean':
      return 'on or off';
    case 'choice':
      return `one of ${field.options.join(', ')}`;
    case 'text':
      return 'text';
  }
}

/** What a field input needs: a spec field, or a task parameter (declared in core/common/tasks with its own words). */
export interface InputField {
  readonly path: string;
  readonly label: string;
  readonly kind: SpecFieldKind;
  /** HTML min / max: the inclusive ends only (an exclusive end is stated in `range` and checked by the schema). */
  readonly min: number | null;
  readonly max: number | null;
  readonly options: readonly (string | number)[];
  readonly default: unknown;
  /** The rule in words, shown with the field's problems: "a number in (0, 10]". */
  readonly range: string;
  readonly description: string | null;
}

export function inputOfSpecField(field: SpecField): InputField {
  return {
    path: field.path,
    label: field.label,
    kind: field.kind,
    min: field.min?.inclusive === true ? field.min.value : null,
    max: field.max?.inclusive === true ? field.max.value : null,
    options: field.options,
    default: field.default,
    range: describeField(field),
    description: null,
  };
}

function paramFields(params: ParamSpecs, asImported: boolean): InputField[] {
  return Object.entries(params).map(([name, param]) => ({
    path: `task.params.${name}`,
    label: param.label,
    kind: param.kind === 'int' ? 'int' : param.kind === 'number' ? 'number' : param.kind === 'boolean' ? 'boolean' : 'choice',
    min: param.kind === 'int' || param.kind === 'number' ? param.min : null,
    max: param.kind === 'int' || param.kind === 'number' ? param.max : null,
    options: param.kind === 'choice' ? param.options : [],
    // a dataset's defaults are the values it was imported with, which only the backend reads: none shown here
    default: asImported ? undefined : param.default,
    range: describeRange(param),
    description: asImported ? `${param.description} Left empty: the value the dataset was imported with.` : param.description,
  }));
}

/** A built-in task's parameters as fields at `task.params.<name>`, from the task's declaration; none for an unknown task. */
export function taskParamFields(taskId: string): InputField[] {
  const definition = findTask(taskId);
  return definition === undefined ? [] : paramFields(definition.params, false);
}

/** A registered dataset's parameters (by its kind: series, text, …), from its kind's declaration; none for an unknown kind. */
export function datasetParamFields(kind: string): InputField[] {
  const definition = Object.entries(datasetDefinitions).find(([name]) => name === kind)?.[1];
  return definition === undefined ? [] : paramFields(definition.params, true);
}
