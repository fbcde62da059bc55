// Cells: strict decimal numbers (with a point or a decimal comma), non-finite values told apart from text, the
// errors that name the cell and its format, and tokenisation.
import { describe, expect, it } from 'vitest';
import { cellNumberOrNaN, isNumberLike, parseCellNumber, requireNumber, tokenize } from '../../../../../core/common/data/import/cells';
import { failure } from './failure';

describe('parseCellNumber', () => {
  it('reads plain decimals, with spaces around', () => {
    for (const [cell, value] of [
      ['1', 1],
      [' -2.5 ', -2.5],
      ['+.5', 0.5],
      ['3.', 3],
      ['1e3', 1000],
      ['-1.5E-2', -0.015],
    ] as const) {
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
    expect(nan.message).toBe(
      'p.csv, line 4, column 9: the cell "NaN" in column "price" is not a finite number (NaN, infinity or too large), but it is an input. Replace it with a finite value or delete the row.',
    );
  });
});

describe('decimal commas', () => {
  it('reads 1,5 as 1.5 when the file writes decimals with commas, and nothing with a point or two commas', () => {
    for (const [cell, value] of [
      ['1,5', 1.5],
      [' -0,25 ', -0.25],
      [',5', 0.5],
      ['3', 3],
      ['2,5e3', 2500],
    ] as const) {
      expect(cellNumberOrNaN(cell, ','), cell).toBe(value);
      expect(parseCellNumber(cell, ',')).toEqual({ kind: 'number', value });
    }
    for (const cell of ['1.5', '1.234,5', '1,2,3', 'abc']) {
      expect(cellNumberOrNaN(cell, ','), cell).toBeNaN();
      expect(parseCellNumber(cell, ',').kind, cell).toBe('text');
    }
    expect(parseCellNumber('NaN', ',').kind).toBe('non-finite');
  });

  it('counts a number in either format as number-like (for header and column detection), text not', () => {
    expect(['1.5', '1,5', '-3', ' 2,0 '].every(isNumberLike)).toBe(true);
    expect(['abc', '1,2,3', '', 'NaN'].some(isNumberLike)).toBe(false);
  });

  it('refuses a number in the other format with a message naming the format, never a wrong number', () => {
    const at = { line: 7, column: 3 };
    const comma = failure(() => requireNumber('1,5', 'price', at, 'p.csv', 'it is an input'));
    expect(comma).toMatchObject({ code: 'number-format', line: 7, column: 3 });
    expect(comma.message).toContain('"1,5" in column "price" is written with a comma');
    expect(comma.message).toContain('--decimal ,');
    const point = failure(() => requireNumber('2.5', 'price', at, 'p.csv', 'it is an input', { decimal: ',' }));
    expect(point).toMatchObject({ code: 'number-format' });
    expect(point.message).toContain('read with decimal commas');
    expect(failure(() => requireNumber('1.234,5', 'price', at, 'p.csv', 'it is an input', { decimal: ',' })).code).toBe('number-format');
  });

  it('quotes at most a short part of a long cell, and says how to leave the column out when asked to', () => {
    const error = failure(() => requireNumber('x'.repeat(5000), 'price', { line: 2, column: 1 }, 'p.csv', 'it is an input', { leaveOut: 'Or leave it out.' }));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain(`"${'x'.repeat(37)}…"`);
    expect(error.message.endsWith('Or leave it out.')).toBe(true);
  });
});

describe('tokenize', () => {
  it('splits into code points or whitespace-separated words', () => {
    expect(tokenize('a😀b', 'char')).toEqual(['a', '😀', 'b']);
    expect(tokenize('  the\tcat \n sat ', 'word')).toEqual(['the', 'cat', 'sat']);
  });
});
