import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { BLANK, copyMemory, copySample, copyVocabulary, DELIMITER } from '../../../../core/common/tasks/copy-memory';

describe('copy memory', () => {
  const options = { symbols: 10, alphabet: 8, delay: 30, recallOnly: false };
  const vocabulary = copyVocabulary(8);

  it('shows N symbols, waits D − 1 blanks, shows the delimiter, and expects the symbols back at the end', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 200; i++) {
      const e = copySample(rng, vocabulary, options);
      if (e.input.kind !== 'tokens' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
      const input = vocabulary.decode(e.input.ids);
      const target = vocabulary.decode(e.target.ids);
      expect(input).toHaveLength(50);
      const symbols = input.slice(0, 10);
      expect(symbols.every((s) => 'abcdefgh'.includes(s))).toBe(true);
      expect(input.slice(10, 39).every((s) => s === BLANK)).toBe(true);
      expect(input[39]).toBe(DELIMITER);
      expect(input.slice(40).every((s) => s === BLANK)).toBe(true);
      expect(target.slice(0, 40).every((s) => s === BLANK)).toBe(true);
      expect(target.slice(40)).toEqual(symbols);
      expect(e.target.mask).toBeUndefined();
    }
  });

  it('draws the symbols uniformly from the alphabet', () => {
    const rng = new Rng(8);
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const e = copySample(rng, vocabulary, options);
      if (e.input.kind !== 'tokens') throw new Error('wrong kind');
      for (const s of vocabulary.decode(e.input.ids.subarray(0, 10))) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe('abcdefgh');
    for (const c of counts.values()) expect(Math.abs(c - 1250)).toBeLessThan(120);
  });

  it('has the memoryless baseline it declares: N·log K / (D + 2N), or log K scoring recall only', () => {
    for (const recallOnly of [false, true]) {
      const task = copyMemory.create({ ...options, recallOnly });
      const batch = task.batch(new Rng(1), 16);
      if (batch.kind !== 'sequence' || batch.target.kind !== 'step-classes') throw new Error('wrong kind');
      // the memoryless predictor: blank with certainty where the target is blank, uniform over K at recall steps
      const blank = vocabulary.id(BLANK);
      let loss = 0;
      let weight = 0;
      const { ids, mask } = batch.target;
      ids.forEach((id, i) => {
        const w = mask[i]!;
        loss += w * (id === blank ? 0 : Math.log(8));
        weight += w;
      });
      expect(loss / weight).toBeCloseTo(task.baseline.value, 10);
      expect(task.baseline.value).toBeCloseTo(recallOnly ? Math.log(8) : (10 * Math.log(8)) / 50, 10);
    }
  });
});
