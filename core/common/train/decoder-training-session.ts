// A training session of a model with a decoder: an encoder–decoder on a seq2seq task, or a
// conditioned decoder on a one-to-many task. Same contract as TrainingSession (run-session.ts): seeded
// streams, one step per call, a fixed validation stream, exact checkpoint / restore. The decoder is
// unrolled step by step, so BPTT is always full; the teacher-forcing ratio follows the spec's schedule.
//
// Evaluation: the teacher-forced loss and token accuracy, and for seq2seq also the exact-sequence
// accuracy of free-running greedy decoding (what a user of the model sees), each also per source length.
import type { ConditionedBatch, Seq2SeqBatch } from '../data/batch';
import type { Kernels } from '../nn/kernels';
import type { Dtype, Param } from '../nn/param';
import type { ExperimentSpec } from '../spec/experiment-spec';
import type { TeacherForcingSpec } from '../spec/training-spec';
import type { Task } from '../tasks/task';
import type { ConditionedModel } from '../models/conditioned/conditioned-model';
import type { Seq2SeqModel } from '../models/seq2seq/seq2seq-model';
import type { TeacherForcingSchedule } from '../models/decoder/teacher-forcing';
import type { RunSession, SessionEvaluation, SessionStep } from './run-session';
import { buildConditionedModel, buildSeq2SeqModel } from '../models/run-model';
import { kernelsFor } from '../nn/kernel-choice';
import { DecoderTrainer } from '../models/decoder/decoder-trainer';
import { evaluateSeq2Seq } from '../models/seq2seq/evaluate';
import { constantRatio, inverseSigmoidDecay, linearDecay } from '../models/decoder/teacher-forcing';
import { samplesGradNorms } from './run-session';
import { SeededSession } from './seeded-session';
import { STREAM, evaluationRng, scheduleFor, streamRng } from './session-setup';

type DecoderModel = { readonly kind: 'seq2seq'; readonly model: Seq2SeqModel } | { readonly kind: 'conditioned'; readonly model: ConditionedModel };

export class DecoderTrainingSession extends SeededSession implements RunSession {
  readonly decoderModel: DecoderModel;
  private readonly trainer: DecoderTrainer<Seq2SeqBatch> | DecoderTrainer<ConditionedBatch>;
  /** Whether the ratio varies by step (then each step reports it). */
  private readonly scheduledSampling: boolean;

  constructor(
    spec: ExperimentSpec,
    readonly task: Task,
    options: { dtype?: Dtype; kernels?: Kernels } = {},
  ) {
    super(spec);
    const build = { ...options, kernels: options.kernels ?? kernelsFor(spec.training.kernels) };
    const rng = streamRng(spec.seed, STREAM.init);
    const { model: modelSpec, training } = spec;
    if (modelSpec.kind === 'seq2seq') this.decoderModel = { kind: 'seq2seq', model: buildSeq2SeqModel(task, modelSpec, rng, build) };
    else if (modelSpec.kind === 'conditioned') this.decoderModel = { kind: 'conditioned', model: buildConditionedModel(task, modelSpec, rng, build) };
    else throw new Error('DecoderTrainingSession: a sequence model trains in a TrainingSession');
    const common = { optimizer: this.optimizer, schedule: scheduleFor(training), clip: training.clip, teacherForcing: teacherForcingSchedule(training.teacherForcing) };
    this.trainer = this.decoderModel.kind === 'seq2seq' ? new DecoderTrainer<Seq2SeqBatch>({ model: this.decoderModel.model, ...common }) : new DecoderTrainer<ConditionedBatch>({ model: this.decoderModel.model, ...common });
    this.scheduledSampling = training.teacherForcing.kind !== 'constant';
  }

  get params(): readonly Param[] {
    return this.decoderModel.model.params;
  }

  next(): SessionStep {
    const { training } = this.spec;
    const batch = this.task.batch(this.dataRng, training.batchSize, 'train');
    const opts = { rng: this.dropoutRng, hGradNorms: samplesGradNorms(this.completed + 1, training.gradNormsEvery) };
    let stats;
    if (this.decoderModel.kind === 'seq2seq') {
      if (batch.kind !== 'seq2seq') throw new Error(`DecoderTrainingSession: task ${this.task.id} produces ${batch.kind} batches, an encoder–decoder needs seq2seq batches`);
      stats = (this.trainer as DecoderTrainer<Seq2SeqBatch>).step(batch, this.completed, opts);
    } else {
      if (batch.kind !== 'conditioned') throw new Error(`DecoderTrainingSession: task ${this.task.id} produces ${batch.kind} batches, a conditioned decoder needs conditioned batches`);
      stats = (this.trainer as DecoderTrainer<ConditionedBatch>).step(batch, this.completed, opts);
    }
    this.completed += 1;
    return { ...stats, step: this.completed, teacherForcing: this.scheduledSampling ? stats.teacherForcing : null };
  }

  evaluate(split: 'validation' | 'test' = 'validation'): SessionEvaluation {
    const rng = evaluationRng(this.task, split);
    const { batchSize, evalBatches } = this.spec.training;
    const batches = Array.from({ length: evalBatches }, () => this.task.batch(rng, batchSize, split));
    if (this.decoderModel.kind === 'seq2seq') {
      const r = evaluateSeq2Seq(this.decoderModel.model, batches.filter((b): b is Seq2SeqBatch => b.kind === 'seq2seq'));
      return { loss: r.loss, accuracy: r.tokenAccuracy, sequenceAccuracy: r.sequenceAccuracy, legalNextAccuracy: null, weight: r.sequences, perplexity: null, bitsPerChar: null, byLength: r.byLength };
    }
    let lossSum = 0, weight = 0, correct = 0, scored = 0;
    for (const batch of batches) {
      if (batch.kind !== 'conditioned') continue;
      const r = this.decoderModel.model.evalLoss(batch);
      lossSum += r.loss * r.weight;
      weight += r.weight;
      if (r.accuracy !== null) {
        correct += r.accuracy.value * r.accuracy.weight;
        scored += r.accuracy.weight;
      }
    }
    return { loss: weight > 0 ? lossSum / weight : 0, accuracy: scored > 0 ? correct / scored : null, sequenceAccuracy: null, legalNextAccuracy: null, weight, perplexity: null, bitsPerChar: null, byLength: null };
  }
}

export function teacherForcingSchedule(spec: TeacherForcingSpec): TeacherForcingSchedule {
  switch (spec.kind) {
    case 'constant':
      return constantRatio(spec.ratio);
    case 'linear':
      return linearDecay(spec.start, spec.floor, spec.slope);
    case 'inverse-sigmoid':
      return inverseSigmoidDecay(spec.k);
  }
}
