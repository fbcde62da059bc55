import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../core/common/random/rng';
import { embeddedReberString, isEmbeddedReber, isReber, REBER_SYMBOLS, reberString } from '../../../../core/common/tasks/reber';

// Independent oracle: the Reber grammar as a regular expression, derived by hand from the automaton.
// From state 4 to the end: (X T* V P)* (S | X T* V V); the P branch can also end at once with P T* V V.
const REBER = 'B(?:(?:TS*X|PT*VP)(?:XT*VP)*(?:S|XT*VV)|PT*VV)E';
const reberRegex = new RegExp(`^${REBER}$`);
const embeddedRegex = new RegExp(`^B(?:T${REBER}T|P${REBER}P)E$`);

describe('Reber grammar', () => {
  it('generates only strings the acceptor and the regular expression accept', () => {
    const rng = new Rng(1997);
    const rejected: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const plain = reberString(rng).symbols;
      if (!isReber(plain) || !reberRegex.test(plain)) rejected.push(plain);
      const embedded = embeddedReberString(rng).symbols;
      if (!isEmbeddedReber(embedded) || !embeddedRegex.test(embedded)) rejected.push(embedded);
    }
    expect(rejected).toEqual([]);
  });

  it('rejects the known corruptions: wrong penultimate branch, truncation, a foreign symbol', () => {
    const rng = new Rng(2);
    const accepted: string[] = [];
    for (let i = 0; i < 500; i++) {
      const s = embeddedReberString(rng).symbols;
      const flipped = `${s.slice(0, -2)}${s[1] === 'T' ? 'P' : 'T'}E`;
      for (const bad of [flipped, s.slice(0, -1), `${s.slice(0, 4)}Q${s.slice(5)}`]) if (isEmbeddedReber(bad)) accepted.push(bad);
    }
    expect(accepted).toEqual([]);
    expect(isReber('BTXSE')).toBe(true);
    expect(isReber('BTXSEE')).toBe(false);
    expect(isEmbeddedReber('BTBTXSETE')).toBe(true);
    expect(isEmbeddedReber('BTBTXSEPE')).toBe(false);
    expect(isEmbeddedReber('')).toBe(false);
  });

  it('agrees with the regular expression on random mutations of grammatical strings (property)', () => {
    const mutation = fc.record({
      seed: fc.integer(),
      position: fc.nat(),
      symbol: fc.constantFrom(...REBER_SYMBOLS),
      kind: fc.constantFrom('substitute', 'insert', 'delete'),
    });
    fc.assert(
      fc.property(mutation, ({ seed, position, symbol, kind }) => {
        const s = embeddedReberString(new Rng(seed)).symbols;
        const i = position % s.length;
        const mutated =
          kind === 'substitute'
            ? s.slice(0, i) + symbol + s.slice(i + 1)
            : kind === 'insert'
              ? s.slice(0, i) + symbol + s.slice(i)
              : s.slice(0, i) + s.slice(i + 1);
        expect(isEmbeddedReber(mutated)).toBe(embeddedRegex.test(mutated));
        expect(isReber(mutated.slice(2, -2))).toBe(reberRegex.test(mutated.slice(2, -2)));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the regular expression on arbitrary strings over the alphabet (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...REBER_SYMBOLS), { maxLength: 14 }), (symbols) => {
        const s = `B${symbols.join('')}`;
        expect(isReber(s)).toBe(reberRegex.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('records the legal symbols at every position, the drawn one among them', () => {
    const rng = new Rng(6);
    const wrong: string[] = [];
    for (let i = 0; i < 500; i++) {
      const { symbols, legal } = embeddedReberString(rng);
      const ok =
        legal.length === symbols.length &&
        legal.every((set, k) => set.includes(symbols[k]!) && set.length <= 2) &&
        legal[symbols.length - 2]!.join('') === symbols[1];
      if (!ok) wrong.push(symbols);
    }
    expect(wrong).toEqual([]);
  });
});
