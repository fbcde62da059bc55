import { describe, expect, it } from 'vitest';
import { UNK_ID } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { DATE_VOCABULARY, dateNormalisation } from '../../../../core/common/tasks/date-normalisation';
import { normaliseDate } from '../../../../core/common/tasks/dates';

describe('date-normalisation task', () => {
  it('pairs a formatted date with its ISO form, every character in the vocabulary, all formats used', () => {
    const task = dateNormalisation.create({ minYear: 1900, maxYear: 2099 });
    const rng = new Rng(1);
    const shapes = new Set<string>();
    const wrong: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const e = task.sample(rng);
      if (e.kind !== 'seq2seq' || e.source.kind !== 'tokens') throw new Error('wrong kind');
      const source = DATE_VOCABULARY.decodeText(e.source.ids);
      const target = DATE_VOCABULARY.decodeText(e.target);
      if (e.source.ids.includes(UNK_ID) || !/^(19|20)\d\d-\d\d-\d\d$/.test(target) || normaliseDate(source) !== target) wrong.push(`${source} → ${target}`);
      shapes.add(source.replace(/[A-Z][a-z]+/g, 'W').replace(/\d/g, '9'));
    }
    expect(wrong).toEqual([]);
    expect(shapes.size).toBeGreaterThanOrEqual(8);
  });

  it('measures the constant-answer baseline well below what a model can reach', () => {
    const { baseline } = dateNormalisation.create({ minYear: 1900, maxYear: 2099 });
    expect(baseline.description).toContain('1999-06-15');
    // the dashes, EOS and the century are usually right; the rest rarely
    expect(baseline.value).toBeGreaterThan(0.4);
    expect(baseline.value).toBeLessThan(0.6);
  });
});
