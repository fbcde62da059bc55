// The explorer's inputs: a validation example is row `index` of the run's own validation stream; typed text is
// read in the task's vocabulary (characters it lacks as <unk>, named); typed values must match the features.
import { describe, expect, it } from 'vitest';
import type { SequenceBatch } from '../../../../core/common/data/batch';
import { UNK_ID } from '../../../../core/common/data/vocabulary';
import { resolveExplorerInput } from '../../../../core/common/explore/explorer-input';
import { evaluationRng } from '../../../../core/common/train/session-setup';
import { charLm, session } from './explore-helpers';

const adding = () =>
  session({ seed: 1, task: { id: 'adding-problem', params: { length: 10 } }, model: { cell: 'gru', hiddenSize: 4 }, training: { steps: 1, batchSize: 2 } });

describe('resolveExplorerInput', () => {
  it('a validation example is that row of the validation stream, over its valid steps', () => {
    const task = charLm('lstm').task;
    const r = resolveExplorerInput(task, 'sequence', { kind: 'validation', index: 2 });
    if (!r.ok) throw new Error(r.message);
    const batch = task.batch(evaluationRng(task, 'validation'), 3, 'validation') as SequenceBatch;
    if (batch.input.kind !== 'tokens' || r.input.buffer.kind !== 'tokens') throw new Error('tokens expected');
    const ids = batch.input.ids;
    expect(r.input.steps).toBe(batch.lengths[2]);
    expect(Array.from(r.input.buffer.ids)).toEqual(Array.from({ length: r.input.steps }, (_, t) => ids[t * 3 + 2]));
  });

  it('typed text: characters the vocabulary lacks are read as <unk> and named once; the tokens are the typed characters', () => {
    const task = charLm('lstm').task;
    const r = resolveExplorerInput(task, 'sequence', { kind: 'text', text: 'ab€€c' });
    if (!r.ok || r.input.buffer.kind !== 'tokens') throw new Error('a token input expected');
    expect(r.input.tokens).toEqual(['a', 'b', '€', '€', 'c']);
    expect(r.input.unknown).toEqual(['€']);
    expect(r.input.buffer.ids[2]).toBe(UNK_ID);
    expect(r.input.buffer.ids[0]).not.toBe(UNK_ID);
  });

  it('values: rows of the task’s features; a row of the wrong width, or text for a value model, is refused saying what it needs', () => {
    const task = adding().task;
    const ok = resolveExplorerInput(task, 'sequence', {
      kind: 'values',
      values: [
        [0.5, 1],
        [0.25, 0],
      ],
    });
    expect(ok.ok && ok.input.values).toEqual({ features: 2, x: Float32Array.from([0.5, 1, 0.25, 0]) });
    expect(resolveExplorerInput(task, 'sequence', { kind: 'values', values: [[0.5, 1], [0.25]] })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Row 2 has 1 value(s); this model reads 2 per step'),
    });
    expect(resolveExplorerInput(task, 'sequence', { kind: 'text', text: 'abc' })).toMatchObject({ ok: false, message: expect.stringContaining('not text') });
    expect(resolveExplorerInput(charLm('gru').task, 'sequence', { kind: 'values', values: [[1]] })).toMatchObject({
      ok: false,
      message: expect.stringContaining('reads text'),
    });
  });
});
