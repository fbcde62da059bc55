// Rebuilding a run's trained model for export and inspection: the checkpoint's values land in the model of the
// run's kind; another kind, an unreadable checkpoint and another model's checkpoint are refused, saying why.
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec, type ExperimentSpecInput } from '../../../../core/common/spec/experiment-spec';
import { encodeCheckpoint } from '../../../../core/common/train/checkpoint-codec';
import { TrainingSession } from '../../../../core/common/models/training-session';
import { restoreTrainedModel } from '../../../../core/node/models/restore-model';

function parsed(input: ExperimentSpecInput) {
  const result = parseExperimentSpec(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

const reverse = (hiddenSize: number) =>
  parsed({
    task: { id: 'reverse-string', params: { alphabet: 4, minLength: 2, maxLength: 4 } },
    model: { kind: 'seq2seq', cell: 'gru', hiddenSize },
    training: { steps: 2, batchSize: 2 },
  });

function checkpointBytes(spec: ReturnType<typeof reverse>): Uint8Array {
  const session = new TrainingSession(spec.spec, spec.task);
  session.next();
  return encodeCheckpoint(session.checkpoint(), {});
}

describe('restoreTrainedModel', () => {
  it("fills the run's model with the checkpoint's values", () => {
    const spec = reverse(4);
    const session = new TrainingSession(spec.spec, spec.task);
    session.next();
    const saved = session.checkpoint();
    const restored = restoreTrainedModel(spec, encodeCheckpoint(saved, {}), 'seq2seq');
    if (!restored.ok) throw new Error(restored.message);
    for (const p of restored.model.params) expect(Array.from(p.data)).toEqual(Array.from(saved.params[p.name] ?? []));
  });

  it("refuses another kind, an unreadable checkpoint and another model's checkpoint, saying why", () => {
    const spec = reverse(4);
    expect(restoreTrainedModel(spec, checkpointBytes(spec), 'sequence')).toEqual({
      ok: false,
      code: 'unsupported-model',
      message: 'This run trains an encoder–decoder, not a sequence model (recurrent stack + dense head).',
    });
    expect(restoreTrainedModel(spec, Uint8Array.of(1, 2, 3), 'seq2seq')).toMatchObject({
      ok: false,
      code: 'bad-checkpoint',
      message: expect.stringContaining('cannot be read'),
    });
    expect(restoreTrainedModel(spec, checkpointBytes(reverse(6)), 'seq2seq')).toMatchObject({
      ok: false,
      code: 'bad-checkpoint',
      message: expect.stringMatching(/no values of the right size for encoder\..*; it does not belong to this run's model/),
    });
  });
});
