import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { embeddedReber, embeddedReberSample, REBER_VOCABULARY } from '../../../../core/common/tasks/embedded-reber';
import { isEmbeddedReber } from '../../../../core/common/tasks/reber';

describe('embedded Reber task', () => {
  it('predicts the next symbol of a grammatical string, the drawn symbol always allowed', () => {
    const rng = new Rng(10);
    const wrong: string[] = [];
    for (let i = 0; i < 300; i++) {
      const e = embeddedReberSample(rng);
      if (e.input.kind !== 'tokens' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
      const input = REBER_VOCABULARY.decodeText(e.input.ids);
      const target = REBER_VOCABULARY.decodeText(e.target.ids);
      const ok =
        isEmbeddedReber(input + target.slice(-1)) && input.slice(1) === target.slice(0, -1) && allowedAt(e).every((set, t) => set.includes(target[t]!));
      if (!ok) wrong.push(input);
    }
    expect(wrong).toEqual([]);
  });

  it('allows exactly the symbols that follow each prefix in the generated language', () => {
    // Empirical oracle: for a prefix seen ≥ 30 times, every legal next symbol (each has probability ≥ 1/2
    // in the grammar) is observed with probability ≥ 1 − 2⁻³⁰, and an illegal one never is.
    const observed = new Map<string, { next: Set<string>; allowed: string; count: number }>();
    const inconsistent: string[] = [];
    const rng = new Rng(11);
    for (let i = 0; i < 3000; i++) {
      const e = embeddedReberSample(rng);
      if (e.input.kind !== 'tokens' || e.target.kind !== 'step-classes') throw new Error('wrong kind');
      const input = REBER_VOCABULARY.decodeText(e.input.ids);
      const target = REBER_VOCABULARY.decodeText(e.target.ids);
      allowedAt(e).forEach((set, t) => {
        const prefix = input.slice(0, t + 1);
        const entry = observed.get(prefix) ?? { next: new Set<string>(), allowed: set.join(''), count: 0 };
        if (set.join('') !== entry.allowed) inconsistent.push(prefix); // the same prefix must always get the same set
        entry.next.add(target[t]!);
        entry.count++;
        observed.set(prefix, entry);
      });
    }
    expect(inconsistent).toEqual([]);
    const frequent = [...observed.values()].filter((e) => e.count >= 30);
    expect(frequent.length).toBeGreaterThan(50);
    expect(frequent.filter((e) => [...e.next].sort().join('') !== [...e.allowed].sort().join(''))).toEqual([]);
  });

  it('declares the forgotten-branch baseline of 0.5', () => {
    expect(embeddedReber.create({}).baseline).toMatchObject({ metric: 'legal-next-accuracy', value: 0.5 });
  });
});

/** The allowed symbols at each step of an example, in vocabulary order. */
function allowedAt(e: ReturnType<typeof embeddedReberSample>): string[][] {
  if (e.target.kind !== 'step-classes' || e.target.allowed === undefined) throw new Error('no allowed sets');
  const { allowed, ids } = e.target;
  const V = REBER_VOCABULARY.size;
  return Array.from(ids, (_, t) => REBER_VOCABULARY.ordinaryTokens.filter((s) => allowed[t * V + REBER_VOCABULARY.id(s)] === 1));
}
