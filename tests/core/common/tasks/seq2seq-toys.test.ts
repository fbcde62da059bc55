import { describe, expect, it } from 'vitest';
import type { Example } from '../../../../core/common/data/example';
import { validateBatch } from '../data/validate-batch';
import { UNK_ID } from '../../../../core/common/data/vocabulary';
import { Rng } from '../../../../core/common/random/rng';
import { drawOperand, reverseString, sortDigits, textAddition } from '../../../../core/common/tasks/seq2seq-toys';
import type { Task } from '../../../../core/common/tasks/task';

/** Decoded source and target strings of n samples. */
function pairs(task: Task, n: number, seed: number): { source: string; target: string }[] {
  if (task.input.kind !== 'tokens') throw new Error('token task expected');
  const vocabulary = task.input.vocabulary;
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const e: Example = task.sample(rng);
    if (e.kind !== 'seq2seq' || e.source.kind !== 'tokens') throw new Error('wrong kind');
    if (e.source.ids.includes(UNK_ID) || e.target.includes(UNK_ID)) throw new Error('a character is missing from the vocabulary');
    return { source: vocabulary.decodeText(e.source.ids), target: vocabulary.decodeText(e.target) };
  });
}

describe('reverse-string', () => {
  it('targets the reversed source, with lengths uniform in range', () => {
    const task = reverseString.create({ alphabet: 5, minLength: 2, maxLength: 6 });
    const all = pairs(task, 2000, 1);
    expect(all.filter(({ source, target }) => !/^[a-e]{2,6}$/.test(source) || target !== Array.from(source).reverse().join(''))).toEqual([]);
    const lengths = new Set(all.map(({ source }) => source.length));
    expect([...lengths].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('collates into valid BOS / EOS batches with the declared vocabulary', () => {
    const task = reverseString.create({ alphabet: 26, minLength: 20, maxLength: 20 });
    const batch = validateBatch(task.batch(new Rng(2), 8));
    if (batch.kind !== 'seq2seq') throw new Error('wrong kind');
    expect(batch.sourceSteps).toBe(20);
    expect(batch.targetSteps).toBe(21);
    expect(Array.from(batch.targetLengths)).toEqual(new Array(8).fill(21));
  });
});

describe('sort-digits', () => {
  it('targets the same digits in ascending order', () => {
    const all = pairs(sortDigits.create({ minLength: 1, maxLength: 15 }), 2000, 3);
    expect(all.filter(({ source, target }) => !/^\d{1,15}$/.test(source) || target !== Array.from(source).sort().join(''))).toEqual([]);
  });
});

describe('text-addition', () => {
  it('answers with correct arithmetic', () => {
    const wrong = pairs(textAddition.create({ maxDigits: 4 }), 3000, 4).filter(({ source, target }) => {
      const match = source.match(/^(0|[1-9]\d{0,3})\+(0|[1-9]\d{0,3})$/); // no leading zeros
      return match === null || target !== String(Number(match[1]) + Number(match[2]));
    });
    expect(wrong).toEqual([]);
  });

  it('draws operand digit counts uniformly, then values uniformly among them', () => {
    const rng = new Rng(5);
    const byDigits = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) byDigits[String(drawOperand(rng, 3)).length]!++;
    expect(byDigits[0]).toBe(0);
    for (const count of byDigits.slice(1)) expect(Math.abs(count - 8000 / 3)).toBeLessThan(150);
  });

  it('measures the naive baselines once, the same on every call', () => {
    const a = textAddition.create({ maxDigits: 3 }).baseline;
    expect(textAddition.create({ maxDigits: 3 }).baseline).toEqual(a);
    expect(a.value).toBeGreaterThan(0);
    expect(a.value).toBeLessThan(0.6);
    // reversing is position-dependent: echoing the source is right on ~1/K of positions, plus EOS and the middle
    const reverse = reverseString.create({ alphabet: 10, minLength: 20, maxLength: 20 }).baseline.value;
    expect(reverse).toBeGreaterThan(0.1);
    expect(reverse).toBeLessThan(0.2);
  });
});
