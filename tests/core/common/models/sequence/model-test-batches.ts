// Small seeded batches and models for the model and trainer tests.
import { Rng } from '../../../../../core/common/random/rng';
import type { SequenceBatch, Target } from '../../../../../core/common/data/batch';
import { SequenceModel, type SequenceModelConfig } from '../../../../../core/common/models/sequence/sequence-model';
import { uniformInit } from '../../../../../core/common/nn/init';
import type { CellName } from '../../../../../core/common/nn/recurrent-cell';

export interface BatchShape {
  T: number;
  B: number;
  lengths: number[];
  input: { kind: 'dense'; features: number } | { kind: 'tokens'; vocab: number };
  target: 'step-values' | 'step-classes' | 'sequence-values' | 'sequence-class';
  outputs: number;
}

export function randomBatch(shape: BatchShape, seed: number): SequenceBatch {
  const rng = new Rng(seed);
  const { T, B, lengths, outputs } = shape;
  const valid = (t: number, b: number) => t < (lengths[b] as number);
  const spec = shape.input;
  const input =
    spec.kind === 'dense'
      ? { kind: 'dense' as const, features: spec.features, x: Float32Array.from({ length: T * B * spec.features }, () => rng.uniform(-1, 1)) }
      : {
          kind: 'tokens' as const,
          vocab: spec.vocab,
          ids: Int32Array.from({ length: T * B }, (_, i) => (valid(Math.floor(i / B), i % B) ? 1 + rng.int(spec.vocab - 1) : 0)),
        };
  const mask = Float32Array.from({ length: T * B }, (_, i) => (valid(Math.floor(i / B), i % B) ? 1 : 0));
  let target: Target;
  switch (shape.target) {
    case 'step-values':
      target = { kind: 'step-values', outputs, values: Float32Array.from({ length: T * B * outputs }, () => rng.uniform(-1, 1)), mask };
      break;
    case 'step-classes':
      target = { kind: 'step-classes', classes: outputs, ids: Int32Array.from({ length: T * B }, () => rng.int(outputs)), mask, allowed: null };
      break;
    case 'sequence-values':
      target = { kind: 'sequence-values', outputs, values: Float32Array.from({ length: B * outputs }, () => rng.uniform(-1, 1)) };
      break;
    case 'sequence-class':
      target = { kind: 'sequence-class', classes: outputs, ids: Int32Array.from({ length: B }, () => rng.int(outputs)) };
      break;
  }
  return { kind: 'sequence', steps: T, batchSize: B, input, lengths: Int32Array.from(lengths), target };
}

export function smallModel(cell: CellName, shape: BatchShape, extra: Partial<SequenceModelConfig> = {}, seed = 7): SequenceModel {
  const model = new SequenceModel({
    input: shape.input,
    output: { size: shape.outputs, perStep: shape.target.startsWith('step') },
    cell,
    hiddenSize: 3,
    numLayers: 1,
    bidirectional: false,
    dropout: 0,
    embeddingDim: 3,
    dtype: 'float64',
    ...extra,
  });
  const rng = new Rng(seed);
  for (const p of model.params) uniformInit(p, 0.6, rng);
  return model;
}
