// The choices a spec offers, read from the schemas that enforce them, and how a person reads each: the New run
// form lists its optimisers, clip kinds and model kinds from here, so a new one added to its schema needs no
// renderer edit (its label here is required by the compiler).
import { MODEL_KINDS, type ModelKind } from './model-spec';
import { bpttSpecSchema, clipSpecSchema, optimizerSpecSchema, type BpttSpec, type ClipSpec, type OptimizerSpec } from './training-spec';

export type OptimizerKind = OptimizerSpec['kind'];
export type ClipKind = ClipSpec['kind'];
export type BpttMode = BpttSpec['mode'];

/** In the schema's order. */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = optimizerSpecSchema.options.map((option) => option.shape.kind.value);
export const CLIP_KINDS: readonly ClipKind[] = clipSpecSchema.options.map((option) => option.shape.kind.value);
export const BPTT_MODES: readonly BpttMode[] = bpttSpecSchema.options.map((option) => option.shape.mode.value);
export { MODEL_KINDS };

export const OPTIMIZER_LABELS: Readonly<Record<OptimizerKind, string>> = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSProp', adagrad: 'Adagrad' };
export const CLIP_LABELS: Readonly<Record<ClipKind, string>> = { none: 'No clipping', norm: 'Clip the global norm', value: 'Clip each value' };
export const BPTT_LABELS: Readonly<Record<BpttMode, string>> = { full: 'Full BPTT', truncated: 'Truncated BPTT (k1, k2)' };
export const MODEL_KIND_LABELS: Readonly<Record<ModelKind, string>> = {
  sequence: 'Recurrent stack',
  seq2seq: 'Encoder–decoder',
  conditioned: 'Conditioned decoder',
};
