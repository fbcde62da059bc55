// The Reber grammar (Reber 1967) and its embedded form (Cleeremans, Servan-Schreiber & McClelland 1989;
// Hochreiter & Schmidhuber 1997, experiment 1): a seeded generator that records the legal symbols at
// every position, and acceptors.
//
// Reber automaton (each listed transition taken with equal probability):
//   0 -B-> 1;  1 -T-> 2, -P-> 3;  2 -S-> 2, -X-> 4;  3 -T-> 3, -V-> 5;  4 -X-> 3, -S-> 6;  5 -P-> 4, -V-> 6;  6 -E-> accept
// Embedded: B (T|P) <Reber string> (the same T|P) E — the penultimate symbol depends on the second,
// across the whole inner string.
import type { Rng } from '../random/rng';
import { at } from '../checked-index';

export const REBER_SYMBOLS = ['B', 'T', 'P', 'S', 'X', 'V', 'E'] as const;

const ACCEPT = 7;
/** TRANSITIONS[state] = [symbol, next state][] */
const TRANSITIONS: readonly (readonly (readonly [string, number])[])[] = [
  [['B', 1]],
  [
    ['T', 2],
    ['P', 3],
  ],
  [
    ['S', 2],
    ['X', 4],
  ],
  [
    ['T', 3],
    ['V', 5],
  ],
  [
    ['X', 3],
    ['S', 6],
  ],
  [
    ['P', 4],
    ['V', 6],
  ],
  [['E', ACCEPT]],
];

/** A generated string with, at each position i, the symbols the grammar allows there given s[0..i). */
export interface GrammarString {
  readonly symbols: string;
  readonly legal: readonly (readonly string[])[];
}

/** Appends one Reber string (B … E) to `out`, walking the automaton. */
function walkReber(rng: Rng, symbols: string[], legal: string[][]): void {
  let state = 0;
  while (state !== ACCEPT) {
    const options = at(TRANSITIONS, state, 'walkReber: transitions of the state');
    const [symbol, next] = rng.choice(options);
    symbols.push(symbol);
    legal.push(options.map(([s]) => s));
    state = next;
  }
}

export function reberString(rng: Rng): GrammarString {
  const symbols: string[] = [];
  const legal: string[][] = [];
  walkReber(rng, symbols, legal);
  return { symbols: symbols.join(''), legal };
}

export function embeddedReberString(rng: Rng): GrammarString {
  const branch = rng.int(2) === 0 ? 'T' : 'P';
  const symbols = ['B', branch];
  const legal = [['B'], ['T', 'P']];
  walkReber(rng, symbols, legal);
  symbols.push(branch, 'E');
  // the long-term dependency: only the branch chosen at position 1 is legal here
  legal.push([branch], ['E']);
  return { symbols: symbols.join(''), legal };
}

/** True when `s` is a string of the Reber grammar. */
export function isReber(s: string): boolean {
  let state = 0;
  for (const symbol of s) {
    if (state === ACCEPT) return false;
    const edge = at(TRANSITIONS, state, 'isReber: transitions of the state').find(([candidate]) => candidate === symbol);
    if (edge === undefined) return false;
    state = edge[1];
  }
  return state === ACCEPT;
}

/** True when `s` is a string of the embedded Reber grammar. */
export function isEmbeddedReber(s: string): boolean {
  const n = s.length;
  if (n < 4 || s[0] !== 'B' || s[n - 1] !== 'E') return false;
  const branch = s[1];
  return (branch === 'T' || branch === 'P') && s[n - 2] === branch && isReber(s.slice(2, n - 2));
}
