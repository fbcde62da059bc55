// What a cell holds: strict decimal numbers (no hex, no thousands separators, no '' read as 0 the way
// `Number` would), with a point or — for files written that way — a comma before the fraction, and splitting a
// cell into tokens.
import { fail, quote, type Location } from './import-error';

const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
/** A number written with a decimal comma (1,5 · -0,25 · 3,1e-2): what a point-decimal read must not take for text silently. */
const COMMA_NUMBER = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;
/** A number with a fraction after a point (1.5 · .5 · 2.e3): what a comma-decimal read must not take for a thousands separator. */
const POINT_FRACTION = /^[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The character before a number's fraction: '.' (1.5) or ',' (1,5, common in files delimited by ';'). */
export type DecimalMark = '.' | ',';

export type CellNumber =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'empty' }
  /** NaN, ±Inf, or a decimal too large for a double (1e999). */
  | { readonly kind: 'non-finite' }
  | { readonly kind: 'text' };

const EMPTY: CellNumber = { kind: 'empty' };
const NON_FINITE_CELL: CellNumber = { kind: 'non-finite' };
const TEXT: CellNumber = { kind: 'text' };

/** The cell's finite number, or NaN when it holds anything else (allocation-free for '.', for the hot path). */
export function cellNumberOrNaN(cell: string, decimal: DecimalMark = '.'): number {
  if (decimal === ',') return commaDecimal(cell, (text) => cellNumberOrNaN(text), NaN);
  let from = 0;
  let to = cell.length;
  while (from < to && isBlank(cell.charCodeAt(from))) from++;
  while (to > from && isBlank(cell.charCodeAt(to - 1))) to--;
  if (from === to || !isDecimal(cell, from, to)) return NaN;
  const value = Number(from === 0 && to === cell.length ? cell : cell.slice(from, to));
  return Number.isFinite(value) ? value : NaN;
}

/**
 * A comma-decimal cell read as its point-decimal twin: no point is allowed (1.234,5 has a thousands separator, 2.5
 * is the other format), and its one comma becomes the point.
 */
function commaDecimal<T>(cell: string, read: (text: string) => T, refused: T): T {
  if (cell.includes('.')) return refused;
  const comma = cell.indexOf(',');
  return read(comma < 0 ? cell : `${cell.slice(0, comma)}.${cell.slice(comma + 1)}`);
}

/** Whether a (trimmed) cell is a number written with a decimal comma. */
export function isCommaNumber(cell: string): boolean {
  return COMMA_NUMBER.test(cell);
}

/** Whether a (trimmed) cell is a number with a fraction after a decimal point. */
export function isPointFraction(cell: string): boolean {
  return POINT_FRACTION.test(cell);
}

/** A number, or a number in the other decimal format: what makes a column numeric, a header row not one, a file a series. */
export function isNumberLike(cell: string): boolean {
  const trimmed = cell.trim();
  return parseCellNumber(trimmed).kind === 'number' || isCommaNumber(trimmed);
}

/** Reads a cell as a finite number; surrounding spaces are ignored. */
export function parseCellNumber(cell: string, decimal: DecimalMark = '.'): CellNumber {
  if (decimal === ',') return NON_FINITE.test(cell.trim()) ? NON_FINITE_CELL : commaDecimal(cell, (text) => parseCellNumber(text), TEXT);
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

export type TokenLevel = 'char' | 'word';

const WHITESPACE = /\s+/u;

/** Tokens of a cell: its code points (char level) or its whitespace-separated words (word level). */
export function tokenize(text: string, level: TokenLevel): string[] {
  if (level === 'char') return Array.from(text);
  return text.split(WHITESPACE).filter((t) => t.length > 0);
}

/** How a number is read, and what to say to leave its column out. */
export interface NumberReading {
  readonly decimal?: DecimalMark;
  /** A sentence on how to leave the column out of the import (series inputs); absent where that is not an option. */
  readonly leaveOut?: string;
}

/**
 * A cell that must hold a finite number; otherwise an ImportFailure at its location whose message names the
 * column, quotes the cell (shortened) and says what to do. `use` says why a number is needed, e.g. 'it is an input of the series'.
 */
export function requireNumber(cell: string, column: string, at: Location, file: string, use: string, reading: NumberReading = {}): number {
  const decimal = reading.decimal ?? '.';
  const fast = cellNumberOrNaN(cell, decimal);
  if (!Number.isNaN(fast)) return fast;
  const parsed = parseCellNumber(cell, decimal);
  const text = cell.trim();
  const leaveOut = reading.leaveOut === undefined ? '' : ` ${reading.leaveOut}`;
  switch (parsed.kind) {
    case 'number':
      return parsed.value;
    case 'empty':
      return fail(
        'empty-cell',
        file,
        at,
        `the cell in column ${quote(column)} is empty, but ${use}`,
        `Fill in the value (gaps are not interpolated) or delete the row.${leaveOut}`,
      );
    case 'non-finite':
      return fail(
        'non-finite',
        file,
        at,
        `the cell ${quote(text)} in column ${quote(column)} is not a finite number (NaN, infinity or too large), but ${use}`,
        `Replace it with a finite value or delete the row.${leaveOut}`,
      );
    case 'text':
      if (decimal === '.' && isCommaNumber(text)) {
        return fail(
          'number-format',
          file,
          at,
          `the cell ${quote(text)} in column ${quote(column)} is written with a comma (a decimal comma or a thousands separator), but this file's numbers are read with a decimal point`,
          `If the file writes decimals with commas (1,5), import it with the decimal option "," (seqlab data import --decimal ,); otherwise write the number without the comma.${leaveOut}`,
        );
      }
      if (decimal === ',' && (isPointFraction(text) || /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$/.test(text))) {
        return fail(
          'number-format',
          file,
          at,
          `the cell ${quote(text)} in column ${quote(column)} has a point, but this file's numbers are read with decimal commas (1,5), so a point would be a thousands separator or the other format`,
          `Write every number of the file with a decimal comma and no thousands separators, or import it with the decimal option "." if its numbers use points (seqlab data import --decimal .).${leaveOut}`,
        );
      }
      return fail(
        'not-a-number',
        file,
        at,
        `the cell ${quote(text)} in column ${quote(column)} is not a number, but ${use}`,
        `Write it as a plain decimal number (e.g. -1${decimal}5 or 2e-3, no thousands separators), or delete the row.${leaveOut}`,
      );
  }
}

/** Fails at a value so large that its column's mean and variance overflow (they could not normalise it). */
export function tooLargeToNormalise(value: number, column: string, at: Location, file: string): never {
  return fail(
    'non-finite',
    file,
    at,
    `the value ${value} in column ${quote(column)} is too large to normalise (its square overflows double precision)`,
    'Rescale the column (e.g. to other units) before importing.',
  );
}
