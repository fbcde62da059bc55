// The attention map of free-running decoding: one distribution over the valid source steps per
// generated token, the same tokens as greedy decoding, and on a trained reverser the weight of each
// output letter peaks on its mirror image in the source.
import { describe, expect, it } from 'vitest';
import type { Seq2SeqBatch } from '../../../../../core/common/data/batch';
import { Rng } from '../../../../../core/common/random/rng';
import { parseExperimentSpec } from '../../../../../core/common/spec/experiment-spec';
import { attentionMaps } from '../../../../../core/common/models/seq2seq/attention-map';
import { greedyDecode } from '../../../../../core/common/models/seq2seq/evaluate';
import { TrainingSession } from '../../../../../core/common/models/training-session';

function reverser(steps: number, attention: { size: number } | null = { size: 16 }): TrainingSession {
  const parsed = parseExperimentSpec({
    seed: 2,
    task: { id: 'reverse-string', params: { alphabet: 6, minLength: 4, maxLength: 7 } },
    model: { kind: 'seq2seq', cell: 'gru', hiddenSize: 16, bidirectional: true, embeddingDim: 8, decoder: { hiddenSize: 32 }, attention, bridge: 'linear' },
    training: { steps, batchSize: 32, learningRate: 1e-2, clip: { kind: 'norm', max: 1 }, gradNormsEvery: 0 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return new TrainingSession(parsed.spec, parsed.task);
}

function model(s: TrainingSession) {
  if (s.model.kind !== 'seq2seq') throw new Error('seq2seq expected');
  return s.model.model;
}

describe('attentionMaps', () => {
  it('gives one distribution over the valid source steps per generated token, decoding as greedyDecode does', () => {
    const s = reverser(3);
    const batch = s.task.batch(new Rng(5), 6, 'validation') as Seq2SeqBatch;
    const maps = attentionMaps(model(s), batch);
    const greedy = greedyDecode(model(s), batch);
    expect(maps).toHaveLength(6);
    maps.forEach((m, b) => {
      expect(Array.from(m.generated)).toEqual(Array.from(greedy.tokens[b] ?? []));
      expect(m.sourceLength).toBe(batch.sourceLengths[b]);
      expect(m.source).toHaveLength(m.sourceLength);
      expect(m.target).toHaveLength(batch.targetLengths[b] as number);
      expect(m.weights).toHaveLength(m.generated.length);
      for (const row of m.weights ?? []) {
        expect(row).toHaveLength(m.sourceLength);
        expect(row.every((w) => w >= 0)).toBe(true);
        expect(Math.abs(row.reduce((a, w) => a + w, 0) - 1)).toBeLessThan(1e-5);
      }
    });
    expect(attentionMaps(model(reverser(1, null)), batch)[0]?.weights).toBeNull();
  });

  it('on a trained reverser, output letter i looks hardest at source letter L − 1 − i', () => {
    const s = reverser(250);
    while (!s.finished) s.next();
    const batch = s.task.batch(new Rng(6), 32, 'test') as Seq2SeqBatch;
    let letters = 0,
      mirrored = 0;
    for (const m of attentionMaps(model(s), batch)) {
      const L = m.sourceLength;
      (m.weights ?? []).slice(0, L).forEach((row, i) => {
        letters += 1;
        if (row.indexOf(Math.max(...row)) === L - 1 - i) mirrored += 1;
      });
    }
    expect(letters).toBeGreaterThan(100);
    expect(mirrored / letters).toBeGreaterThan(0.8);
  });
});
