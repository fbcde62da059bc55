// The RFC 4180 tokenizer: quoting, line endings, positions, errors with their location, and a property test that
// any table written with RFC 4180 quoting reads back field for field however the text is cut into chunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer, type DelimitedRecord } from '../../../../../core/common/data/import/delimited-tokenizer';
import { ImportFailure } from '../../../../../core/common/data/import/import-error';
import { failure } from './failure';

function tokenize(text: string, delimiter = ',', cuts: readonly number[] = [], maxRecordChars = 1_000_000): DelimitedRecord[] {
  const records: DelimitedRecord[] = [];
  const tokenizer = new DelimitedTokenizer('t.csv', delimiter, maxRecordChars);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.push(text.slice(from, cut), (r) => records.push(r));
    from = cut;
  }
  tokenizer.push(text.slice(from), (r) => records.push(r));
  tokenizer.end((r) => records.push(r));
  return records;
}

describe('DelimitedTokenizer', () => {
  it('reads RFC 4180 quoting: delimiters, line breaks and doubled quotes inside quotes', () => {
    const records = tokenize('a,"b,c","say ""hi""","two\r\nlines"\r\n1,2,3,4\r\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends, skips blank lines, keeps a trailing empty field', () => {
    expect(tokenize('a,b\n\nc,d\r\re,\r\nf,g').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', ''],
      ['f', 'g'],
    ]);
  });

  it('keeps a quote inside an unquoted field as a literal character', () => {
    expect(tokenize('5" screen,x\n').map((r) => r.fields)).toEqual([['5" screen', 'x']]);
  });

  it('gives each field the line and column (in code points) where it starts', () => {
    const records = tokenize('é😀,"x\ny",z\nq,w\n');
    expect(records).toHaveLength(2);
    const [first, second] = [records[0]!, records[1]!];
    expect(first.line).toBe(1);
    expect(first.columns).toEqual([1, 4, 4]);
    expect(first.lines).toEqual([1, 1, 2]);
    expect(second.line).toBe(3);
    expect(second.columns).toEqual([1, 3]);
  });

  it('reports an unclosed quote at the quote that opened it', () => {
    const error = failure(() => tokenize('a,b\nc,"unclosed\nmore,text\n'));
    expect(error).toMatchObject({ code: 'bad-quote', file: 't.csv', line: 2, column: 3 });
    expect(error.message).toContain('t.csv, line 2, column 3');
    expect(error.message).toContain('never closed');
  });

  it('reports text after a closing quote where it is', () => {
    expect(failure(() => tokenize('a,b\n"x"y,z\n'))).toMatchObject({ code: 'bad-quote', line: 2, column: 4 });
  });

  it('stops a record longer than the limit at the line where it starts, however it is chunked', () => {
    const text = 'a,b\n"' + 'x'.repeat(100) + '\n';
    for (const cuts of [[], [5], [3, 40, 80]]) {
      expect(failure(() => tokenize(text, ',', cuts, 50))).toMatchObject({ code: 'record-too-long', line: 2 });
    }
  });

  it('reads tab- and semicolon-delimited text', () => {
    expect(tokenize('a\tb\n"c\td"\te\n', '\t').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c\td', 'e'],
    ]);
    expect(tokenize('1;2\n', ';').map((r) => r.fields)).toEqual([['1', '2']]);
  });

  it('refuses a quote or a line break as the delimiter (a caller bug)', () => {
    expect(() => new DelimitedTokenizer('t.csv', '"', 10)).toThrow(/delimiter/);
    expect(() => new DelimitedTokenizer('t.csv', '\n', 10)).toThrow(/delimiter/);
  });
});

/** RFC 4180 writer: quote a field when it holds the delimiter, a quote, a line break, or is empty (so empty rows are not blank lines). */
function writeField(field: string, delimiter: string): string {
  return field === '' || field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

describe('DelimitedTokenizer properties', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', ';', '\t', '"', '\n', '\r', ' ', 'é', '😀'), maxLength: 8 });
  const table = fc
    .integer({ min: 1, max: 5 })
    .chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }));

  it('reads back any table written with RFC 4180 quoting, whatever the chunking and line ends (400 runs)', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, delimiter, eol, rawCuts) => {
          const text = rows.map((r) => r.map((f) => writeField(f, delimiter)).join(delimiter)).join(eol) + eol;
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          expect(tokenize(text, delimiter, cuts).map((r) => r.fields)).toEqual(rows);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on arbitrary text either reads records or fails with a located ImportFailure, never anything else (400 runs)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' '), maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (text, rawCuts) => {
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          try {
            const records = tokenize(text, ',', cuts, 30);
            for (const r of records) expect(r.fields.length).toBe(r.columns.length);
          } catch (e) {
            if (!(e instanceof ImportFailure)) throw e;
            expect(e.error.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
