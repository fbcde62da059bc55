// Loss and metrics of a model's outputs against a batch target, over a time window [t0, t1) for
// per-step targets (so truncated BPTT can score each block), or over the whole batch for per-sequence ones.
//
// Shapes: T steps, B batch, O outputs per row, Tw = t1 − t0; rows are time-major (t, b).

import type { FloatArray } from '../nn/param';
import type { Target } from '../data/batch';
import { mseLoss, softmaxCrossEntropy, type LossResult } from './losses';
import { accuracy } from './metrics';

export interface WindowLoss extends LossResult {
  /** Accuracy over the counted rows, for class targets; null for regression. */
  readonly accuracy: { value: number; weight: number } | null;
}

export function isPerStep(target: Target): boolean {
  return target.kind === 'step-values' || target.kind === 'step-classes';
}

/** Output width the model needs for this target: O values, or V class logits. */
export function outputSize(target: Target): number {
  return target.kind === 'step-values' || target.kind === 'sequence-values' ? target.outputs : target.classes;
}

/**
 * Loss of `out` against the target rows of steps [t0, t1) (per-step targets) or of every sequence.
 * @param out [Tw*B, O] or [B, O]
 * @param dOut same shape, overwritten with ∂loss/∂out (the window's mean loss); null to skip
 */
export function targetLoss(target: Target, t0: number, t1: number, B: number, out: FloatArray, dOut: FloatArray | null): WindowLoss {
  switch (target.kind) {
    case 'step-values': {
      const O = target.outputs;
      const loss = mseLoss(out, target.values.subarray(t0 * B * O, t1 * B * O), dOut, target.mask.subarray(t0 * B, t1 * B));
      return { ...loss, accuracy: null };
    }
    case 'step-classes': {
      const ids = target.ids.subarray(t0 * B, t1 * B);
      const weights = target.mask.subarray(t0 * B, t1 * B);
      const loss = softmaxCrossEntropy(out, ids, target.classes, dOut, { weights });
      return { ...loss, accuracy: accuracy(out, ids, target.classes, weights) };
    }
    case 'sequence-values':
      return { ...mseLoss(out, target.values, dOut), accuracy: null };
    case 'sequence-class':
      return {
        ...softmaxCrossEntropy(out, target.ids, target.classes, dOut),
        accuracy: accuracy(out, target.ids, target.classes),
      };
  }
}

/**
 * The weight the whole batch's loss is averaged over (valid elements for MSE, valid rows for
 * cross-entropy), so window losses can be scaled to add up to the full-sequence mean.
 */
export function targetWeight(target: Target, B: number): number {
  switch (target.kind) {
    case 'step-values':
      return sum(target.mask) * target.outputs;
    case 'step-classes': {
      let total = 0;
      for (let i = 0; i < target.ids.length; i++) if (target.ids[i]! >= 0) total += target.mask[i]!;
      return total;
    }
    case 'sequence-values':
      return B * target.outputs;
    case 'sequence-class':
      return B;
  }
}

function sum(values: Float32Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
