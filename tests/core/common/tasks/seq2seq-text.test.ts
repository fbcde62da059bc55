import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../../../core/common/data/vocabulary';
import { guessAccuracy, textPairExample } from '../../../../core/common/tasks/seq2seq-text';

describe('seq2seq text helpers', () => {
  it('scores a guess position by position over the target and its EOS', () => {
    expect(guessAccuracy('abc', 'abc')).toEqual({ total: 4, count: 4 });
    expect(guessAccuracy('abc', 'abd')).toEqual({ total: 3, count: 4 }); // EOS still right
    expect(guessAccuracy('abc', 'ab')).toEqual({ total: 2, count: 4 }); // EOS too early
    expect(guessAccuracy('abc', 'abcd')).toEqual({ total: 3, count: 4 }); // EOS too late
    expect(guessAccuracy('', '')).toEqual({ total: 1, count: 1 });
  });

  it('encodes both sides with one vocabulary', () => {
    const v = new Vocabulary(['a', 'b']);
    const e = textPairExample(v, 'ab', 'ba');
    expect(e.targetVocab).toBe(v.size);
    expect(Array.from(e.target)).toEqual([5, 4]);
  });
});
