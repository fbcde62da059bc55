// Every model kind, by the name a spec gives it (spec/model-spec.ts): what the training session, and
// every other user of a model, looks a kind up in. A new kind is one folder and one entry here.
import type { Batch } from '../data/batch';
import type { Param } from '../nn/param';
import type { Rng } from '../random/rng';
import type { TrainingSpec } from '../spec/training-spec';
import type { Task } from '../tasks/task';
import type { ModelSpec } from '../spec/model-spec';
import type { SessionEvaluation } from '../train/evaluation';
import type { ConditionedModel } from './conditioned/conditioned-model';
import type { BuildOptions, KindGradient, ModelKind, ModelKindName, ModelSpecOf } from './model-kind';
import type { Seq2SeqModel } from './seq2seq/seq2seq-model';
import type { SequenceModel } from './sequence/sequence-model';
import { CONDITIONED_KIND } from './conditioned/conditioned-kind';
import { SEQ2SEQ_KIND } from './seq2seq/seq2seq-kind';
import { SEQUENCE_KIND } from './sequence/sequence-kind';

/** The model each kind builds. */
export interface KindModels {
  readonly sequence: SequenceModel;
  readonly seq2seq: Seq2SeqModel;
  readonly conditioned: ConditionedModel;
}

/** A kind together with the model type it builds, K by K (so MODEL_KIND_REGISTRY[k] is typed for k). */
export type ModelKindOf<K extends ModelKindName> = ModelKind<K, KindModels[K]>;

export const MODEL_KIND_REGISTRY: { readonly [K in ModelKindName]: ModelKindOf<K> } = {
  sequence: SEQUENCE_KIND,
  seq2seq: SEQ2SEQ_KIND,
  conditioned: CONDITIONED_KIND,
};

/** The kind named `kind`. */
export function modelKind<K extends ModelKindName>(kind: K): ModelKindOf<K> {
  return MODEL_KIND_REGISTRY[kind];
}

/** A model built by its kind, named by it: narrow on `kind` to reach the kind's own model type. */
export type RunModel = { readonly [K in ModelKindName]: { readonly kind: K; readonly model: KindModels[K] } }[ModelKindName];

/** A built model with its kind's training facets bound to it: all a training session needs. */
export interface TrainableModel {
  readonly built: RunModel;
  readonly params: readonly Param[];
  readonly gradient: KindGradient;
  evaluate(batches: readonly Batch[]): SessionEvaluation;
  describe(): string;
}

/** The kind a spec names, typed for it. */
function kindOf<K extends ModelKindName>(spec: ModelSpecOf<K>): ModelKindOf<K> {
  return MODEL_KIND_REGISTRY[spec.kind as K];
}

/** Builds and initialises the model `spec` asks for, by its kind, sized by the task. */
export function buildRunModel(task: Task, spec: ModelSpec, rng: Rng, options: BuildOptions = {}): RunModel {
  const kind = kindOf(spec);
  // TypeScript cannot correlate the kind's name and model type across the mapped union; they belong together by construction.
  return { kind: kind.kind, model: kind.build(spec, task, rng, options) } as RunModel;
}

/** Builds the model `spec` asks for, by its kind, and binds the kind's facets to it (the gradient with the run's training spec). */
export function buildTrainable<K extends ModelKindName>(
  spec: ModelSpecOf<K>,
  training: TrainingSpec,
  task: Task,
  rng: Rng,
  options: BuildOptions = {},
): TrainableModel {
  const kind = kindOf(spec);
  const model = kind.build(spec, task, rng, options);
  return {
    built: { kind: kind.kind, model } as RunModel, // as in buildRunModel
    params: model.params,
    gradient: kind.gradient(model, training),
    evaluate: (batches) => kind.evaluate(model, task, batches),
    describe: () => kind.describe(model),
  };
}
