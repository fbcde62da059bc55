// Held-out evaluation of a one-to-many model: the teacher-forced loss over the target steps (weighted by
// the scored targets) and, for class or token outputs, the step accuracy. No dropout, no gradients.
import type { ConditionedBatch } from '../../data/batch';
import type { EvalStats } from '../../train/evaluation';
import type { ConditionedModel } from './conditioned-model';

export function evaluateConditioned(model: ConditionedModel, batches: Iterable<ConditionedBatch>): EvalStats {
  let lossSum = 0,
    weight = 0,
    correct = 0,
    scored = 0;
  for (const batch of batches) {
    const r = model.evalLoss(batch);
    lossSum += r.loss * r.weight;
    weight += r.weight;
    if (r.accuracy !== null) {
      correct += r.accuracy.value * r.accuracy.weight;
      scored += r.accuracy.weight;
    }
  }
  return { loss: weight > 0 ? lossSum / weight : 0, accuracy: scored > 0 ? correct / scored : null, sequenceAccuracy: null, legalNextAccuracy: null, weight };
}
