import { describe, expect, it } from 'vitest';
import { collate } from '../../../../core/common/data/collate';
import type { Example, SequenceExample } from '../../../../core/common/data/example';
import { validateBatch } from './validate-batch';
import { BOS_ID, EOS_ID } from '../../../../core/common/data/vocabulary';

const tokens = (vocab: number, ...ids: number[]) => ({ kind: 'tokens' as const, vocab, ids: Int32Array.from(ids) });

function stepExample(ids: number[], mask?: number[]): SequenceExample {
  return {
    kind: 'sequence',
    input: tokens(9, ...ids),
    target: { kind: 'step-classes', classes: 9, ids: Int32Array.from(ids), ...(mask ? { mask: Float32Array.from(mask) } : {}) },
  };
}

describe('collate', () => {
  it('pads variable-length many-to-many examples, masking padding', () => {
    const batch = validateBatch(collate([stepExample([4, 5]), stepExample([6, 7, 8])]));
    if (batch.kind !== 'sequence' || batch.target.kind !== 'step-classes' || batch.input.kind !== 'tokens') throw new Error('wrong kind');
    expect(batch.steps).toBe(3);
    expect(Array.from(batch.lengths)).toEqual([2, 3]);
    expect(Array.from(batch.input.ids)).toEqual([4, 6, 5, 7, 0, 8]);
    expect(Array.from(batch.target.mask)).toEqual([1, 1, 1, 1, 0, 1]);
    expect(batch.target.allowed).toBeNull();
  });

  it("keeps an example's own mask and fills a missing one with ones", () => {
    const batch = validateBatch(collate([stepExample([4, 5], [0, 1]), stepExample([6, 7, 8])]));
    if (batch.kind !== 'sequence' || batch.target.kind !== 'step-classes') throw new Error('wrong kind');
    expect(Array.from(batch.target.mask)).toEqual([0, 1, 1, 1, 0, 1]);
  });

  it('stacks per-sequence targets [B, O]', () => {
    const e = (x: number[], y: number[]): Example => ({
      kind: 'sequence',
      input: { kind: 'dense', features: 1, x: Float32Array.from(x) },
      target: { kind: 'sequence-values', outputs: 2, values: Float32Array.from(y) },
    });
    const batch = validateBatch(collate([e([1], [1, 2]), e([1, 2, 3], [3, 4])]));
    if (batch.kind !== 'sequence' || batch.target.kind !== 'sequence-values') throw new Error('wrong kind');
    expect(Array.from(batch.target.values)).toEqual([1, 2, 3, 4]);
    expect(Array.from(batch.lengths)).toEqual([1, 3]);
  });

  it('adds BOS to the decoder input and EOS to the target of seq2seq examples', () => {
    const e = (source: number[], target: number[]): Example => ({
      kind: 'seq2seq',
      source: tokens(7, ...source),
      targetVocab: 7,
      target: Int32Array.from(target),
    });
    const batch = validateBatch(collate([e([4, 5, 6], [6, 5, 4]), e([5], [])]));
    if (batch.kind !== 'seq2seq') throw new Error('wrong kind');
    expect(Array.from(batch.targetLengths)).toEqual([4, 1]);
    // time-major [T = 4, B = 2]
    expect(Array.from(batch.decoderInput)).toEqual([BOS_ID, BOS_ID, 6, 0, 5, 0, 4, 0]);
    expect(Array.from(batch.target)).toEqual([6, EOS_ID, 5, 0, 4, 0, EOS_ID, 0]);
    expect(Array.from(batch.targetMask)).toEqual([1, 1, 1, 0, 1, 0, 1, 0]);
  });

  it('stacks conditions of one-to-many examples', () => {
    const e = (id: number, y: number[]): Example => ({
      kind: 'conditioned',
      condition: { kind: 'class', classes: 3, id },
      decoderInput: { kind: 'dense', features: 1, x: Float32Array.from([0, ...y.slice(0, -1)]) },
      target: { kind: 'step-values', outputs: 1, values: Float32Array.from(y) },
    });
    const batch = validateBatch(collate([e(2, [1, 2]), e(0, [3])]));
    if (batch.kind !== 'conditioned' || batch.condition.kind !== 'class') throw new Error('wrong kind');
    expect(Array.from(batch.condition.ids)).toEqual([2, 0]);
    expect(Array.from(batch.target.mask)).toEqual([1, 1, 1, 0]);
  });

  it('refuses examples that disagree, naming the example and field', () => {
    const seq2seq: Example = { kind: 'seq2seq', source: tokens(7, 4), targetVocab: 7, target: Int32Array.of(4) };
    expect(() => collate([stepExample([4]), seq2seq])).toThrow(/examples\[1\] is 'seq2seq'/);
    expect(() => collate([stepExample([4]), { ...stepExample([4]), input: tokens(8, 4) }])).toThrow(/examples\[1\]\.input\.vocab = 8/);
    expect(() => collate([{ ...stepExample([4, 5]), target: stepExample([4]).target }])).toThrow(/examples\[0\]\.target has 1 steps but its input has 2/);
    expect(() => collate([stepExample([4, 5], [1])])).toThrow(/examples\[0\]\.target\.mask has 1 steps/);
    expect(() => collate([])).toThrow(/no examples/);
  });
});
