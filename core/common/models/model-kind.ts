// What a model kind is: the one interface the sequence model (one-to-one, many-to-one, many-to-many),
// the encoder–decoder (seq2seq) and the conditioned decoder (one-to-many) each implement in their own
// folder (models/sequence/, models/seq2seq/, models/conditioned/), so the training session, and every
// later user of a model, dispatches on the kind instead of on `spec.model.kind`. Adding a kind means
// adding a folder with one ModelKind and its entry in model-kinds.ts.
//
// A kind's facets take the model it built (M), so each is typed for its own model. Facets so far:
// build, the gradient of one batch, evaluation and a description. Export, parity and inference facets
// join this interface with the same shape: a function of the built model.
import type { Batch } from '../data/batch';
import type { Kernels } from '../nn/kernels';
import type { Dtype, Param } from '../nn/param';
import type { Rng } from '../random/rng';
import type { ModelKind as ModelKindName, ModelSpec } from '../spec/model-spec';
import type { TrainingSpec } from '../spec/training-spec';
import type { Task } from '../tasks/task';
import type { SessionEvaluation } from '../train/evaluation';
import type { BatchOutcome } from '../train/update-step';

export type { ModelKindName };

/** The model part of a spec of kind K. */
export type ModelSpecOf<K extends ModelKindName> = Extract<ModelSpec, { readonly kind: K }>;

/** What every kind's model has: its trained parameters, under the names checkpoints and exports use. */
export interface KindModel {
  readonly params: readonly Param[];
}

export interface BuildOptions {
  /** Default float32. */
  readonly dtype?: Dtype | undefined;
  /** Default the JavaScript kernels. */
  readonly kernels?: Kernels | undefined;
}

export interface GradientOptions {
  /** Draws dropout masks (and scheduled-sampling coins). */
  readonly rng: Rng;
  /** Also measure ‖∂L/∂h_t‖ per layer and step (BatchOutcome.gradNorms). */
  readonly gradNorms: boolean;
}

/** The first half of a training step, bound to one built model and the run's training spec. */
export interface KindGradient {
  /**
   * Zeroes Param.grad, then forward (training mode), loss and backward of one batch into it.
   * `step` (from 0) is the optimiser step about to be taken (it picks the teacher-forcing ratio).
   * Refuses a batch of another kind, naming both.
   */
  compute(batch: Batch, step: number, opts: GradientOptions): BatchOutcome;
}

export interface ModelKind<K extends ModelKindName, M extends KindModel> {
  readonly kind: K;
  /** One sentence for people: what the kind is and which task shapes it trains. */
  readonly description: string;
  /**
   * Builds and initialises the model `spec` asks for, sized by the task's encodings, drawing initial
   * values from `rng` in a fixed order (one seed, one set of weights). Refuses a task of a shape it cannot train.
   */
  build(spec: ModelSpecOf<K>, task: Task, rng: Rng, options?: BuildOptions): M;
  /** The gradient of one batch, with what the training spec sets for this kind (BPTT, teacher forcing). */
  gradient(model: M, training: TrainingSpec): KindGradient;
  /** Loss and metrics of held-out batches (the same ones at every evaluation), without dropout or gradients. */
  evaluate(model: M, task: Task, batches: readonly Batch[]): SessionEvaluation;
  /** One line describing a built model, e.g. `LSTM 2×64 → 10 per step, 14,410 parameters`. */
  describe(model: M): string;
}

/** Throws unless the batch is of the kind a model trains on (a task of another shape cannot reach here through a checked spec). */
export function expectBatch<B extends Batch['kind']>(batch: Batch, kind: B, who: string): Extract<Batch, { kind: B }> {
  if (batch.kind !== kind) throw new Error(`${who}: the task produced ${batch.kind} batches; this model trains on ${kind} batches`);
  return batch as Extract<Batch, { kind: B }>;
}

/** The number of trained values, grouped by thousands, for descriptions. */
export function parameterCount(params: readonly Param[]): string {
  return `${params.reduce((n, p) => n + p.data.length, 0).toLocaleString('en-US')} parameters`;
}
