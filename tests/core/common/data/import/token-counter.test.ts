// Vocabulary limits: an error at the first token too many, or the most frequent kept and the rest <unk>.
import { describe, expect, it } from 'vitest';
import { TokenCounter } from '../../../../../core/common/data/import/token-counter';
import { UNK_ID, Vocabulary } from '../../../../../core/common/data/vocabulary';
import { failure } from './failure';

describe('TokenCounter', () => {
  it('fails at the first distinct token over the limit, with its location', () => {
    const counter = new TokenCounter('t.txt', 2, 'error', 'characters');
    const error = failure(() => Array.from('abacd').forEach((c, i) => counter.add(c, () => ({ line: 1, column: i + 1 }))));
    expect(error).toMatchObject({ code: 'vocabulary-over-limit', line: 1, column: 4 });
    expect(error.message).toContain('"c" here is one too many');
    expect(error.message).toContain('overflow: "unknown"');
  });

  it('keeps the most frequent tokens with overflow "unknown", and counts the rest', () => {
    const counter = new TokenCounter('t.txt', 2, 'unknown', 'words');
    'the cat the dog the cat a'.split(' ').forEach((w) => counter.add(w, () => ({ line: 1 })));
    const { vocabulary, unknownOccurrences } = counter.build('word');
    expect(vocabulary.ordinaryTokens).toEqual(['the', 'cat']);
    expect(unknownOccurrences).toBe(2);
    expect(vocabulary.id('dog')).toBe(UNK_ID);
  });

  it('orders a character vocabulary by code point, as Vocabulary.fromText does', () => {
    const counter = new TokenCounter('t.txt', 100, 'error', 'characters');
    const text = 'hello, wörld 😀!';
    Array.from(text).forEach((c) => counter.add(c, () => ({ line: 1 })));
    expect(counter.build('char').vocabulary.ordinaryTokens).toEqual(Vocabulary.fromText(text).ordinaryTokens);
  });

  it('encodes reserved tokens found in the text to their own ids instead of counting them', () => {
    const counter = new TokenCounter('t.txt', 10, 'error', 'words');
    ['a', '<unk>', 'b'].forEach((w) => counter.add(w, () => ({ line: 1 })));
    const { vocabulary } = counter.build('word');
    expect(vocabulary.ordinaryTokens).toEqual(['a', 'b']);
    expect(vocabulary.id('<unk>')).toBe(UNK_ID);
  });
});
