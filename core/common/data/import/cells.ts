// What a cell holds: strict decimal numbers (no hex, no thousands separators, no '' read as 0 the way
// `Number` would), the type of a column of cells, and splitting a cell into tokens.
import { fail, quote, type Location } from './import-error';

const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

export type CellNumber =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'empty' }
  /** NaN, ±Inf, or a decimal too large for a double (1e999). */
  | { readonly kind: 'non-finite' }
  | { readonly kind: 'text' };

const EMPTY: CellNumber = { kind: 'empty' };
const NON_FINITE_CELL: CellNumber = { kind: 'non-finite' };
const TEXT: CellNumber = { kind: 'text' };

/** The cell's finite number, or NaN when it holds anything else (allocation-free, for the hot path). */
export function cellNumberOrNaN(cell: string): number {
  let from = 0;
  let to = cell.length;
  while (from < to && isBlank(cell.charCodeAt(from))) from++;
  while (to > from && isBlank(cell.charCodeAt(to - 1))) to--;
  if (from === to || !isDecimal(cell, from, to)) return NaN;
  const value = Number(from === 0 && to === cell.length ? cell : cell.slice(from, to));
  return Number.isFinite(value) ? value : NaN;
}

/** Reads a cell as a finite number; surrounding spaces are ignored. */
export function parseCellNumber(cell: string): CellNumber {
  let from = 0;
  let to = cell.length;
  while (from < to && isBlank(cell.charCodeAt(from))) from++;
  while (to > from && isBlank(cell.charCodeAt(to - 1))) to--;
  if (from === to) return EMPTY;
  if (isDecimal(cell, from, to)) {
    const value = Number(from === 0 && to === cell.length ? cell : cell.slice(from, to));
    return Number.isFinite(value) ? { kind: 'number', value } : NON_FINITE_CELL;
  }
  return NON_FINITE.test(cell.slice(from, to)) ? NON_FINITE_CELL : TEXT;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Whether s[from, to) is a plain decimal: an optional sign, digits with an optional point (or a point and
 * digits), an optional exponent — /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ by hand, as it runs on every cell.
 */
function isDecimal(s: string, from: number, to: number): boolean {
  let i = from;
  let c = s.charCodeAt(i);
  if (c === 0x2b || c === 0x2d) i++;
  const intStart = i;
  while (i < to && isDigit(s.charCodeAt(i))) i++;
  let digits = i - intStart;
  if (i < to && s.charCodeAt(i) === 0x2e) {
    const fractionStart = ++i;
    while (i < to && isDigit(s.charCodeAt(i))) i++;
    digits += i - fractionStart;
  }
  if (digits === 0) return false;
  if (i < to && (s.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    c = s.charCodeAt(i);
    if (c === 0x2b || c === 0x2d) i++;
    const start = i;
    while (i < to && isDigit(s.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  return i === to;
}

export function isNumberCell(cell: string): boolean {
  return parseCellNumber(cell).kind === 'number';
}

/** The narrowest type every non-empty cell of a column fits; 'empty' when all are empty. */
export type ColumnType = 'empty' | 'integer' | 'number' | 'text';

/** Accumulates a column's type cell by cell. */
export class ColumnTypeTracker {
  private sawNumber = false;
  private sawFraction = false;
  private sawText = false;
  empty = 0;

  add(cell: string): void {
    const parsed = parseCellNumber(cell);
    if (parsed.kind === 'empty') this.empty++;
    else if (parsed.kind === 'number') {
      this.sawNumber = true;
      if (!Number.isInteger(parsed.value) || /[.eE]/.test(cell)) this.sawFraction = true;
    } else this.sawText = true;
  }

  get type(): ColumnType {
    if (this.sawText) return 'text';
    if (!this.sawNumber) return 'empty';
    return this.sawFraction ? 'number' : 'integer';
  }
}

export type TokenLevel = 'char' | 'word';

const WHITESPACE = /\s+/u;

/** Tokens of a cell: its code points (char level) or its whitespace-separated words (word level). */
export function tokenize(text: string, level: TokenLevel): string[] {
  if (level === 'char') return Array.from(text);
  return text.split(WHITESPACE).filter((t) => t.length > 0);
}

/**
 * A cell that must hold a finite number; otherwise an ImportFailure at its location whose message names the
 * column and what to do. `use` says why a number is needed, e.g. 'it is an input of the series'.
 */
export function requireNumber(cell: string, column: string, at: Location, file: string, use: string): number {
  const fast = cellNumberOrNaN(cell);
  if (!Number.isNaN(fast)) return fast;
  const parsed = parseCellNumber(cell);
  switch (parsed.kind) {
    case 'number':
      return parsed.value;
    case 'empty':
      return fail('empty-cell', file, at, `the cell in column ${quote(column)} is empty, but ${use}`, 'Fill in the value (gaps are not interpolated) or delete the row.');
    case 'non-finite':
      return fail('non-finite', file, at, `the cell ${quote(cell.trim())} in column ${quote(column)} is not a finite number (NaN, infinity or too large), but ${use}`, 'Replace it with a finite value or delete the row.');
    case 'text':
      return fail('not-a-number', file, at, `the cell ${quote(cell.trim())} in column ${quote(column)} is not a number, but ${use}`, 'Write it as a plain decimal number (e.g. -1.5 or 2e-3, with a point, no thousands separators), or leave this column out of the import.');
  }
}

/** Fails at a value so large that its column's mean and variance overflow (they could not normalise it). */
export function tooLargeToNormalise(value: number, column: string, at: Location, file: string): never {
  return fail('non-finite', file, at, `the value ${value} in column ${quote(column)} is too large to normalise (its square overflows double precision)`, 'Rescale the column (e.g. to other units) before importing.');
}
