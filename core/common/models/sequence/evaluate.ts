// Held-out evaluation of a sequence model: the mean loss over batches (weighted by their valid targets)
// and accuracy, and for per-step class targets the fraction of sequences entirely right and, for
// grammars, of sequences predicting a legal symbol at every step. No dropout, no gradients.
//
// Shapes: T steps, B batch.
import type { SequenceBatch } from '../../data/batch';
import type { EvalStats } from '../../train/evaluation';
import type { SequenceModel } from './sequence-model';
import { targetLoss } from '../../train/target-loss';
import { sequenceMetrics } from './target-metrics';

export function evaluateSequence(model: SequenceModel, batches: Iterable<SequenceBatch>): EvalStats {
  let lossSum = 0;
  let weight = 0;
  let accSum = 0;
  let accWeight = 0;
  let sequences = 0;
  let exact = 0;
  let legal = 0;
  let hasLegal = false;
  for (const batch of batches) {
    const { steps: T, batchSize: B } = batch;
    model.beginBatch(batch.input.kind === 'dense' ? { kind: 'dense', x: batch.input.x } : { kind: 'tokens', ids: batch.input.ids }, T, B);
    const pass = model.forwardWindow(0, T, batch.lengths, null, { training: false });
    const loss = targetLoss(batch.target, 0, T, B, pass.out, null);
    lossSum += loss.loss * loss.weight;
    weight += loss.weight;
    if (loss.accuracy) {
      accSum += loss.accuracy.value * loss.accuracy.weight;
      accWeight += loss.accuracy.weight;
    }
    if (batch.target.kind === 'step-classes') {
      const m = sequenceMetrics(batch.target, pass.out, T, B);
      sequences += m.sequences;
      exact += m.sequenceAccuracy * m.sequences;
      if (m.legalNextAccuracy !== null) {
        hasLegal = true;
        legal += m.legalNextAccuracy * m.sequences;
      }
    }
  }
  return {
    loss: weight > 0 ? lossSum / weight : 0,
    accuracy: accWeight > 0 ? accSum / accWeight : null,
    sequenceAccuracy: sequences > 0 ? exact / sequences : null,
    legalNextAccuracy: hasLegal && sequences > 0 ? legal / sequences : null,
    weight,
  };
}
