// Layout detection: JSON Lines or delimited, the delimiter, the header, and header problems at their cell.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectFormat, detectHeader, resolveLayout, sampleRecords } from '../../../../../core/common/data/import/detect';
import { failure } from './failure';

const request = { format: 'auto', delimiter: 'auto', header: 'auto', maxRecordChars: 10_000 } as const;

describe('detection', () => {
  it('picks the delimiter that splits rows consistently', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n', true, 'x.txt', 1000)).toBe(',');
    expect(detectDelimiter('a;b\n1,5;2\n3,5;4\n', true, 'x.txt', 1000)).toBe(';');
    expect(detectDelimiter('a\tb, c\n1\t2\n', true, 'x.txt', 1000)).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n', true, 'x.txt', 1000)).toBe('|');
    expect(detectDelimiter('"x,y"\tz\n"1,2"\t3\n', true, 'x.tsv', 1000)).toBe('\t');
    expect(detectDelimiter('one\ntwo\n', true, 'x.csv', 1000)).toBe(',');
  });

  it('reads JSON Lines by extension or by a leading brace', () => {
    expect(detectFormat('{"a":1}\n', 'x.txt', 'auto')).toBe('jsonl');
    expect(detectFormat('a,b\n', 'x.jsonl', 'auto')).toBe('jsonl');
    expect(detectFormat('{"a":1}\n', 'x.csv', 'delimited')).toBe('delimited');
  });

  it('decides on a header from the cells', () => {
    const records = (text: string) => sampleRecords(text, true, 'x.csv', ',', 1000);
    expect(detectHeader(records('time,value\n0,1.5\n1,2.5\n'))).toBe(true);
    expect(detectHeader(records('0,1.5\n1,2.5\n'))).toBe(false);
    expect(detectHeader(records('a,b\na,c\n'))).toBe(false);
    expect(detectHeader(records('hello,bonjour\ncat,chat\n'), ['source', 'target'])).toBe(true);
    expect(detectHeader(records('source,target\ncat,chat\n'), ['source', 'target'])).toBe(true);
  });

  it('names the columns from the header, or numbers them', () => {
    expect(resolveLayout('t,"load, kW"\n0,1\n', true, 'x.csv', request)).toEqual({
      format: 'delimited',
      delimiter: ',',
      header: true,
      columns: ['t', 'load, kW'],
    });
    expect(resolveLayout('0,1\n2,3\n', true, 'x.csv', request)).toEqual({
      format: 'delimited',
      delimiter: ',',
      header: false,
      columns: ['column1', 'column2'],
    });
  });

  it('asks for more text while the sample holds no whole record', () => {
    expect(resolveLayout('"a very long first field', false, 'x.csv', request)).toBeNull();
  });

  it('reports duplicate and missing header names at their cell', () => {
    expect(failure(() => resolveLayout('a,b,a\n1,2,3\n', true, 'x.csv', { ...request, header: true }))).toMatchObject({
      code: 'duplicate-header',
      line: 1,
      column: 5,
    });
    expect(failure(() => resolveLayout('a,,c\n1,2,3\n', true, 'x.csv', { ...request, header: true }))).toMatchObject({
      code: 'missing-header',
      line: 1,
      column: 3,
    });
  });

  it('reports a file of blank lines as empty', () => {
    expect(failure(() => resolveLayout('\n \r\n', true, 'x.csv', request))).toMatchObject({ code: 'empty-file' });
  });
});
