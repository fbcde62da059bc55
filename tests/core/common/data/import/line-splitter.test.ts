// Line splitting for JSON Lines and previews: every line ending, any chunking, a length limit at its line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../../core/common/data/import/line-splitter';
import { failure } from './failure';

function split(text: string, cuts: readonly number[], max = 1000): [string, number][] {
  const out: [string, number][] = [];
  const splitter = new LineSplitter('f.jsonl', max);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(text.slice(from, cut), (l, n) => out.push([l, n]));
    from = cut;
  }
  splitter.push(text.slice(from), (l, n) => out.push([l, n]));
  splitter.end((l, n) => out.push([l, n]));
  return out;
}

describe('LineSplitter', () => {
  it('splits at LF, CRLF and lone CR with 1-based numbers', () => {
    expect(split('a\r\nb\rc\n\nd', [])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['', 4],
      ['d', 5],
    ]);
  });

  it('gives the same lines however the text is cut (300 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r'), maxLength: 30 }), fc.array(fc.nat(), { maxLength: 5 }), (text, rawCuts) => {
        expect(
          split(
            text,
            rawCuts.map((c) => c % (text.length + 1)),
          ),
        ).toEqual(split(text, []));
      }),
      { numRuns: 300 },
    );
  });

  it('stops a line over the limit at its number', () => {
    expect(failure(() => split('ok\n' + 'x'.repeat(20) + '\n', [5, 9], 10))).toMatchObject({ code: 'record-too-long', line: 2 });
  });
});
