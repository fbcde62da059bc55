// The Task model: what a built-in problem declares (shape, encodings, loss, metrics, a baseline to beat,
// parameters) and how it produces seeded batches. The trainer needs nothing else (docs/ARCHITECTURE.md).
import type { Batch } from '../data/batch';
import { collate } from '../data/collate';
import type { Example } from '../data/example';
import type { Split } from '../data/split';
import type { Vocabulary } from '../data/vocabulary';
import type { Rng } from '../random/rng';
import type { ParamIssue, ParamSpecs, ParamValue, ParamValues } from './params';
import type { EncodingKind, LossName, MetricName, TaskShape } from './task-vocabulary';

export type { LossName, MetricName, TaskShape } from './task-vocabulary';

export type { Split } from '../data/split';

/** How one side of a task is encoded; a kind missing from ENCODING_KINDS (task-vocabulary.ts) becomes `never`. */
export type Encoding = { readonly kind: EncodingKind } & (
  | { readonly kind: 'dense'; readonly features: number; /** one name per feature, for the UI */ readonly names: readonly string[] }
  | { readonly kind: 'classes'; /** label of each class id */ readonly labels: readonly string[] }
  | { readonly kind: 'tokens'; readonly vocabulary: Vocabulary }
);

/** The number to beat, and what naive predictor produces it. */
export interface Baseline {
  readonly metric: MetricName;
  readonly value: number;
  /** One sentence, e.g. 'Always predicting 1 (the mean target) gives MSE = Var(sum) = 1/6 ≈ 0.167.' */
  readonly description: string;
}

/**
 * Whether a model may read the inputs after step t when it answers for step t. Every task declares it, with the
 * reason for that task, once, on its definition (a refusal quotes the reason):
 * - `causal: true` — a later input reveals the target at t, as in next-step prediction, where the input at t + 1
 *   is the target at t. The model must be causal: a bidirectional encoder is refused, because its reverse
 *   direction would read the very input the model must predict (experiment-spec.ts, completeSpec).
 * - `causal: false` — later inputs tell nothing the target at t is not allowed to depend on: the target is due
 *   after the whole input (a class, a forecast past the window, a seq2seq target), or later inputs are
 *   independent of it. Reading ahead is legitimate, so a bidirectional encoder is allowed.
 */
export interface Causality {
  readonly causal: boolean;
  /** Why, in one clause about this task's target, e.g. "its target at step t is the input at step t + 1". */
  readonly reason: string;
}

/**
 * The declaration of every encoder–decoder task: the encoder reads the source, never the target, and the
 * decoder is causal by construction.
 */
export const ENCODER_DECODER_CAUSALITY: Causality = {
  causal: false,
  reason:
    'the encoder reads the whole source before the decoder writes, the target tokens are never encoder inputs, and the decoder reads only the tokens before the one it writes',
};

/** A task with its parameters resolved: ready to produce batches. */
export interface Task {
  readonly id: string;
  readonly shape: TaskShape;
  /** The definition's declaration: whether inputs after step t may be read for the output at t. */
  readonly causality: Causality;
  readonly loss: LossName;
  readonly metrics: readonly MetricName[];
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The sequence input; for one-to-many the condition, for seq2seq the source. */
  readonly input: Encoding;
  /** The outputs: regression values, classes or target tokens. */
  readonly output: Encoding;
  readonly baseline: Baseline;
  /** One unpadded example; deterministic given the generator's state. */
  sample(rng: Rng, split?: Split): Example;
  /** `batchSize` examples collated into a padded time-major batch; deterministic given the generator's state. */
  batch(rng: Rng, batchSize: number, split?: Split): Batch;
  /** For a task whose target is a function of its input: that target for any input, or why this input has none. */
  readonly targetOf?: TargetOf;
}

/**
 * The target the task's own definition gives a dense input x [L, I] (e.g. the adding problem's sum of the two
 * marked values), or the reason the input is outside the definition (e.g. three markers).
 */
export type TargetOf = (
  x: Float32Array,
  features: number,
) => { readonly ok: true; readonly values: Float32Array } | { readonly ok: false; readonly reason: string };

/** A registry entry: what the UI lists, and how to make a Task from parameters. */
export interface TaskDefinition<S extends ParamSpecs = ParamSpecs> {
  /** Stable kebab-case id stored in experiment specs, e.g. 'adding-problem'. */
  readonly id: string;
  readonly title: string;
  /** One paragraph a user sees: the problem, why it is hard, and the paper it comes from. */
  readonly description: string;
  readonly shape: TaskShape;
  /** Whether a model may read inputs after step t to answer for step t, and why (see Causality). */
  readonly causality: Causality;
  readonly loss: LossName;
  readonly metrics: readonly MetricName[];
  readonly params: S;
  /** Rules between parameters (e.g. minLength ≤ maxLength); each issue names a parameter. */
  check?(params: ParamValues<S>): readonly ParamIssue[];
  /** Builds the task; `params` are already validated (see registry.createTask). */
  create(params: ParamValues<S>): Task;
}

/** Identity that infers the parameter types of a definition. */
export function defineTask<const S extends ParamSpecs>(definition: TaskDefinition<S>): TaskDefinition<S> {
  return definition;
}

/** The parts of a Task that differ between tasks; the rest comes from the definition. */
export interface TaskParts {
  readonly input: Encoding;
  readonly output: Encoding;
  readonly baseline: Baseline;
  /** The definition's metrics, when what the built task can report depends on its data (e.g. bits per character for text read by character). */
  readonly metrics?: readonly MetricName[];
  sample(rng: Rng, split: Split): Example;
  readonly targetOf?: TargetOf;
}

/** Assembles a Task whose batches are `batchSize` samples collated. */
export function buildTask<S extends ParamSpecs>(definition: TaskDefinition<S>, params: ParamValues<S>, parts: TaskParts): Task {
  const sample = (rng: Rng, split: Split = 'train'): Example => parts.sample(rng, split);
  return {
    id: definition.id,
    shape: definition.shape,
    causality: definition.causality,
    loss: definition.loss,
    metrics: parts.metrics ?? definition.metrics,
    params: Object.freeze({ ...params }) as Readonly<Record<string, ParamValue>>,
    input: parts.input,
    output: parts.output,
    baseline: parts.baseline,
    sample,
    batch(rng: Rng, batchSize: number, split: Split = 'train'): Batch {
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${definition.id}.batch: batchSize must be a positive integer, got ${batchSize}`);
      return collate(Array.from({ length: batchSize }, () => sample(rng, split)));
    },
    ...(parts.targetOf ? { targetOf: parts.targetOf } : {}),
  };
}

/** Dense encoding helper: `dense(['value', 'marker'])`. */
export function dense(names: readonly string[]): Encoding {
  return { kind: 'dense', features: names.length, names };
}

/** Issue when a minimum exceeds a maximum; none otherwise. */
export function orderedRange(minName: string, min: number, maxName: string, max: number): ParamIssue[] {
  return min <= max ? [] : [{ param: minName, message: `${minName} (${min}) must not exceed ${maxName} (${max})` }];
}
