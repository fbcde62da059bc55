// What a seq2seq run's model attends to, as the attention worker computes it: rebuild the model from the
// run's spec and checkpoint, decode `count` examples of the run's own validation stream (the batches its
// evaluations score) greedily, and return each with its attention map in the task's tokens.
import type { Seq2SeqBatch } from '../../common/data/batch';
import type { Vocabulary } from '../../common/data/vocabulary';
import { attentionMaps } from '../../common/models/seq2seq/attention-map';
import { formatSpecIssues } from '../../common/spec/experiment-spec';
import type { Encoding } from '../../common/tasks/task';
import { evaluationRng } from '../../common/train/session-setup';
import { taskForRun } from '../data/run-spec';
import { restoreTrainedModel } from '../models/restore-model';
import type { AttentionJob, AttentionReply } from './attention-protocol';

export async function runAttentionJob(job: AttentionJob): Promise<AttentionReply> {
  const parsed = await taskForRun(job.spec, job.dataset);
  if (!parsed.ok) return { ok: false, message: `The run's spec is no longer valid, so its model cannot be rebuilt:\n${formatSpecIssues(parsed.issues)}` };
  const { spec, task } = parsed;
  if (spec.model.kind !== 'seq2seq')
    return { ok: false, message: `This run trains a ${spec.model.kind} model; attention belongs to encoder–decoders (seq2seq tasks).` };
  if (spec.model.attention === null)
    return {
      ok: false,
      message:
        'This encoder–decoder has no attention (model.attention is null): its decoder reads only the encoder’s final state. Train a run with attention (e.g. "attention": { "size": 64 }) to see what it looks at.',
    };
  const restored = restoreTrainedModel(parsed, new Uint8Array(job.checkpoint.bytes), 'seq2seq');
  if (!restored.ok) return { ok: false, message: restored.message };
  const model = restored.model;

  const batch = task.batch(evaluationRng(task, 'validation'), job.count, 'validation') as Seq2SeqBatch;
  const source = vocabularyOf(task.input),
    target = vocabularyOf(task.output);
  const examples = attentionMaps(model, batch).map((m) => {
    const generated = Array.from(m.generated);
    return {
      source: m.source === null ? Array.from({ length: m.sourceLength }, (_, s) => `x${s}`) : tokens(source, m.source),
      target: tokens(target, m.target),
      generated: tokens(target, m.generated),
      exact: generated.length === m.target.length && generated.every((id, i) => id === m.target[i]),
      weights: (m.weights ?? []).map((row) => Array.from(row)),
    };
  });
  return { ok: true, value: { checkpoint: job.checkpoint.kind, step: job.checkpoint.step, examples } };
}

function vocabularyOf(encoding: Encoding): Vocabulary | null {
  return encoding.kind === 'tokens' ? encoding.vocabulary : null;
}

function tokens(vocabulary: Vocabulary | null, ids: ArrayLike<number>): string[] {
  return Array.from(ids, (id) => (vocabulary === null ? String(id) : vocabulary.token(id)));
}
