// Tiny models for the explorer tests, built through the spec and the training session as a run builds them.
import type { Seq2SeqModel } from '../../../../core/common/models/seq2seq/seq2seq-model';
import type { SequenceModel } from '../../../../core/common/models/sequence/sequence-model';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { parseExperimentSpec } from '../../../../core/common/spec/experiment-spec';

export function session(spec: unknown): TrainingSession {
  const parsed = parseExperimentSpec(spec);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new TrainingSession(parsed.spec, parsed.task);
}

export function sequenceModel(s: TrainingSession): SequenceModel {
  if (s.model.kind !== 'sequence') throw new Error('a sequence model expected');
  return s.model.model;
}

export function seq2seqModel(s: TrainingSession): Seq2SeqModel {
  if (s.model.kind !== 'seq2seq') throw new Error('a seq2seq model expected');
  return s.model.model;
}

export const charLm = (cell: string, extra: Record<string, unknown> = {}) =>
  session({
    seed: 4,
    task: { id: 'char-lm', params: { window: 16, corpusLength: 2000 } },
    model: { cell, hiddenSize: 6, embeddingDim: 4, ...extra },
    training: { steps: 2, batchSize: 4 },
  });

export const reverser = (cell: string, attention: { size: number } | null) =>
  session({
    seed: 2,
    task: { id: 'reverse-string', params: { alphabet: 6, minLength: 3, maxLength: 7 } },
    model: { kind: 'seq2seq', cell, hiddenSize: 6, bidirectional: true, embeddingDim: 4, decoder: { hiddenSize: 8 }, attention, bridge: 'linear' },
    training: { steps: 2, batchSize: 8 },
  });
