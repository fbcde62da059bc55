import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { charLanguageModelOn, CORPUS_SEED, unigramPerplexity } from '../../../../core/common/tasks/char-lm';
import { splitRange } from '../../../../core/common/data/series-split';
import { syntheticText } from '../../../../core/common/tasks/synthetic-text';

describe('char-lm', () => {
  const text = syntheticText(CORPUS_SEED, 30_000);
  const task = charLanguageModelOn(text, 48);
  if (task.input.kind !== 'tokens') throw new Error('token task expected');
  const vocabulary = task.input.vocabulary;

  it('targets the next character at every step of a window of consecutive text', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) {
      const e = task.sample(rng);
      if (e.kind !== 'sequence' || e.input.kind !== 'tokens' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
      expect(e.input.ids).toHaveLength(48);
      expect(Array.from(e.input.ids.subarray(1))).toEqual(Array.from(e.target.ids.subarray(0, 47)));
      const window = vocabulary.decodeText(e.input.ids) + vocabulary.decodeText(e.target.ids.subarray(47));
      expect(text.includes(window)).toBe(true);
    }
  });

  it('keeps validation and test windows inside their own part of the text', () => {
    const rng = new Rng(2);
    for (const split of ['validation', 'test'] as const) {
      const [from, to] = splitRange(text.length, split);
      const part = text.slice(from, to);
      for (let i = 0; i < 100; i++) {
        const e = task.sample(rng, split);
        if (e.kind !== 'sequence' || e.input.kind !== 'tokens' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
        expect(part.includes(vocabulary.decodeText(e.input.ids) + vocabulary.decodeText(e.target.ids.subarray(47)))).toBe(true);
      }
    }
  });

  it('computes the unigram perplexity: ≈ K for uniform text over K symbols, ≈ 1 for constant text', () => {
    const rng = new Rng(3);
    const uniform = Array.from({ length: 50_000 }, () => 'abcd'[rng.int(4)]).join('');
    const v = Vocabulary.fromText(uniform);
    expect(unigramPerplexity(v.encode(uniform), v)).toBeCloseTo(4, 1);
    const constant = 'a'.repeat(1000);
    expect(unigramPerplexity(Vocabulary.fromText(constant).encode(constant), Vocabulary.fromText(constant))).toBeCloseTo(1, 2);
    expect(task.baseline.metric).toBe('perplexity');
    expect(task.baseline.value).toBeGreaterThan(10);
    expect(task.baseline.value).toBeLessThan(vocabulary.size);
  });

  it('refuses a window that does not fit the smallest split', () => {
    expect(() => charLanguageModelOn('abcdefghij'.repeat(10), 10)).toThrow(/window of 10 \+ 1 characters does not fit/);
  });
});
