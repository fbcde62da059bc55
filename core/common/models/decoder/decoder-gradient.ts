// The gradient facet (model-kind.ts) both decoder kinds share: the teacher-forcing ratio of the step
// from the spec's schedule, then forward, loss and backward of the batch. The decoder is unrolled
// step by step, so BPTT is always full. A step reports its ratio only when the schedule varies it.
import type { Batch } from '../../data/batch';
import type { TrainingSpec } from '../../spec/training-spec';
import type { KindGradient } from '../model-kind';
import type { TrainableDecoderModel } from './decoder-trainer';
import { decoderBatchOutcome } from './decoder-trainer';
import { teacherForcingSchedule } from './teacher-forcing';

/** @param accept the model's own batches, refusing any other kind */
export function decoderGradient<TBatch>(model: TrainableDecoderModel<TBatch>, training: TrainingSpec, accept: (batch: Batch) => TBatch): KindGradient {
  const schedule = teacherForcingSchedule(training.teacherForcing);
  const scheduledSampling = training.teacherForcing.kind !== 'constant';
  return {
    compute(batch, step, opts) {
      const outcome = decoderBatchOutcome(model, accept(batch), schedule(step), { rng: opts.rng, hGradNorms: opts.gradNorms });
      return scheduledSampling ? outcome : { ...outcome, teacherForcing: null };
    },
  };
}
