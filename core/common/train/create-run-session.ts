// The session a resolved spec trains in, by its model kind.
import type { Kernels } from '../nn/kernels';
import type { Dtype } from '../nn/param';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { Task } from '../tasks/task';
import { DecoderTrainingSession } from './decoder-training-session';
import { TrainingSession } from './session';

export function createRunSession(spec: ExperimentSpec, task: Task, options: { dtype?: Dtype; kernels?: Kernels } = {}): TrainingSession | DecoderTrainingSession {
  return spec.model.kind === 'sequence' ? new TrainingSession(spec, task, options) : new DecoderTrainingSession(spec, task, options);
}
