// Evaluation metrics over whole sequences of per-step class targets, beyond per-step accuracy:
// exact-sequence accuracy, and the legal-next-symbol criterion of Hochreiter & Schmidhuber (1997)
// for grammars, where a step counts as right when the arg-max is any symbol the grammar allows there.
//
// Shapes: T steps, B batch, V classes; out [T*B, V] time-major logits.

import type { StepTarget } from '../../data/batch';
import type { FloatArray } from '../../nn/param';

export interface SequenceMetrics {
  /** Fraction of sequences whose every scored step has the target as arg-max. */
  readonly sequenceAccuracy: number;
  /** Fraction of sequences whose arg-max is an allowed class at every scored step; null without `allowed`. */
  readonly legalNextAccuracy: number | null;
  /** Sequences with at least one scored step. */
  readonly sequences: number;
}

export function sequenceMetrics(target: Extract<StepTarget, { kind: 'step-classes' }>, out: FloatArray, T: number, B: number): SequenceMetrics {
  const V = target.classes;
  if (out.length !== T * B * V) throw new Error(`sequenceMetrics: out has ${out.length} values, expected [${T * B}, ${V}]`);
  let exact = 0;
  let legal = 0;
  let sequences = 0;
  for (let b = 0; b < B; b++) {
    let scored = false;
    let allExact = true;
    let allLegal = true;
    for (let t = 0; t < T; t++) {
      const row = t * B + b;
      if (target.mask[row] === 0 || target.ids[row]! < 0) continue;
      scored = true;
      let best = 0;
      for (let v = 1; v < V; v++) if (out[row * V + v]! > out[row * V + best]!) best = v;
      if (best !== target.ids[row]) allExact = false;
      if (target.allowed && target.allowed[row * V + best] === 0) allLegal = false;
    }
    if (!scored) continue;
    sequences++;
    if (allExact) exact++;
    if (allLegal) legal++;
  }
  return {
    sequenceAccuracy: sequences > 0 ? exact / sequences : 0,
    legalNextAccuracy: target.allowed ? (sequences > 0 ? legal / sequences : 0) : null,
    sequences,
  };
}
