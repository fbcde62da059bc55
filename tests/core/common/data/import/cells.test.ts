// Cells: strict decimal numbers, non-finite values told apart from text, column types and tokenisation.
import { describe, expect, it } from 'vitest';
import { cellNumberOrNaN, ColumnTypeTracker, parseCellNumber, requireNumber, tokenize } from '../../../../../core/common/data/import/cells';
import { failure } from './failure';

describe('parseCellNumber', () => {
  it('reads plain decimals, with spaces around', () => {
    for (const [cell, value] of [['1', 1], [' -2.5 ', -2.5], ['+.5', 0.5], ['3.', 3], ['1e3', 1000], ['-1.5E-2', -0.015]] as const) {
      expect(parseCellNumber(cell)).toEqual({ kind: 'number', value });
      expect(cellNumberOrNaN(cell)).toBe(value);
    }
  });

  it('does not read what Number would accept but a person did not mean as a number', () => {
    for (const cell of ['0x10', '1,000', '1_000', '.', '-', 'e5', '1e', '1.2.3', '12abc', 'Infinityx']) {
      expect(parseCellNumber(cell).kind, cell).toBe('text');
      expect(cellNumberOrNaN(cell)).toBeNaN();
    }
    expect(parseCellNumber('   ').kind).toBe('empty');
  });

  it('tells NaN, infinities and overflowing decimals apart from text', () => {
    for (const cell of ['NaN', 'nan', 'inf', '-Infinity', '+INF', '1e999']) expect(parseCellNumber(cell).kind, cell).toBe('non-finite');
  });
});

describe('requireNumber', () => {
  it('names the cell, its column and what to do', () => {
    const at = { line: 4, column: 9 };
    expect(failure(() => requireNumber('abc', 'price', at, 'p.csv', 'it is an input'))).toMatchObject({ code: 'not-a-number', line: 4, column: 9 });
    expect(failure(() => requireNumber('', 'price', at, 'p.csv', 'it is an input')).code).toBe('empty-cell');
    const nan = failure(() => requireNumber('NaN', 'price', at, 'p.csv', 'it is an input'));
    expect(nan.code).toBe('non-finite');
    expect(nan.message).toBe('p.csv, line 4, column 9: the cell "NaN" in column "price" is not a finite number (NaN, infinity or too large), but it is an input. Replace it with a finite value or delete the row.');
  });
});

describe('ColumnTypeTracker', () => {
  const typeOf = (cells: string[]): string => {
    const t = new ColumnTypeTracker();
    cells.forEach((c) => t.add(c));
    return t.type;
  };
  it('finds the narrowest type of the non-empty cells', () => {
    expect(typeOf(['1', '', '2'])).toBe('integer');
    expect(typeOf(['1', '2.0'])).toBe('number');
    expect(typeOf(['1', 'x'])).toBe('text');
    expect(typeOf(['', ' '])).toBe('empty');
  });
});

describe('tokenize', () => {
  it('splits into code points or whitespace-separated words', () => {
    expect(tokenize('a😀b', 'char')).toEqual(['a', '😀', 'b']);
    expect(tokenize('  the\tcat \n sat ', 'word')).toEqual(['the', 'cat', 'sat']);
  });
});
