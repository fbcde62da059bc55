import { describe, expect, it } from 'vitest';
import { syntheticText } from '../../../../core/common/tasks/synthetic-text';

describe('syntheticText', () => {
  const text = syntheticText(1865, 20_000);

  it('is deterministic per seed, differs across seeds, has the exact length and extends as a prefix', () => {
    expect(syntheticText(1865, 20_000)).toBe(text);
    expect(syntheticText(1866, 20_000)).not.toBe(text);
    expect(text).toHaveLength(20_000);
    expect(text.startsWith(syntheticText(1865, 777))).toBe(true);
    expect(syntheticText(1, 0)).toBe('');
  });

  it('reads like prose: a small printable alphabet, capitalised sentences, paragraphs and dialogue', () => {
    expect(text).toMatch(/^[A-Za-z ,.?"\n]+$/);
    expect(new Set(text).size).toBeLessThan(60);
    const sentences = text.split(/(?<=[.?]) |\n\n/).slice(0, -1);
    expect(sentences.length).toBeGreaterThan(200);
    for (const s of sentences) expect(s).toMatch(/^"?[A-Z][^.?]*[.?]"?$|^"[A-Z].*," [a-z]+ [A-Za-z ]+\.$/);
    expect(text.split('\n\n').length).toBeGreaterThan(30);
    expect(text).toContain('," ');
    expect(text).not.toMatch(/\ba [aeiou]/); // "an" before a vowel
  });
});
