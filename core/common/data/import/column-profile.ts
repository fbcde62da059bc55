// What the first rows of each column hold, and the decisions read from it: the decimal mark of a file's numbers,
// each column's type ("numeric in most rows" makes a column numeric, so one bad cell is an error at that cell,
// never a column silently dropped), whether a first column is an index rather than data, and which columns a
// series reads by default — each choice with the reason a person is shown.
import { isCommaNumber, isPointFraction, parseCellNumber, type DecimalMark } from './cells';
import type { DelimitedRecord } from './delimited-tokenizer';
import { quote, quoteList } from './import-error';
import { at } from '../../checked-index';

/** The type most non-empty cells of a column have; 'empty' when all are empty. */
export type ColumnType = 'empty' | 'integer' | 'number' | 'text';

/** A cell of a numeric column that is not a finite number, where it is. */
export interface BadCell {
  readonly line: number;
  readonly column: number;
  readonly cell: string;
}

const MAX_DISTINCT = 1000;
const MAX_BAD_CELLS = 10;
const DATE =
  /^(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
/** Names a first column has when it counts or stamps the rows rather than measuring anything. */
const INDEX_NAME = /^(?:t|time|timestamp|datetime|date|index|idx|step|row|id|#|unnamed: ?0)$/i;

/** Accumulates what one column's cells hold, cell by cell. */
export class ColumnProfile {
  empty = 0;
  numbers = 0;
  /** Non-empty cells that are not finite numbers: text, NaN, infinities, numbers in the other decimal format. */
  notNumbers = 0;
  dateCells = 0;
  /** Whitespace-separated tokens over the non-empty cells (a sequence column has several per cell). */
  words = 0;
  private fraction = false;
  private increasing = true;
  private previous = -Infinity;
  private readonly values = new Set<string>();
  /** The first non-number cells, for the preview's problems and the reasons shown. */
  readonly bad: BadCell[] = [];
  /** The first empty cells (an error too in a column a series reads). */
  readonly blanks: BadCell[] = [];

  constructor(readonly decimal: DecimalMark = '.') {}

  add(cell: string, line = 0, column = 0): void {
    const text = cell.trim();
    if (this.values.size < MAX_DISTINCT) this.values.add(text);
    if (text === '') {
      this.empty++;
      if (this.blanks.length < MAX_BAD_CELLS) this.blanks.push({ line, column, cell: text });
      return;
    }
    this.words += text.split(/\s+/u).length;
    const parsed = parseCellNumber(text, this.decimal);
    if (parsed.kind === 'number') {
      this.numbers++;
      if (!Number.isInteger(parsed.value) || /[.,eE]/.test(text)) this.fraction = true;
      if (!(parsed.value > this.previous)) this.increasing = false;
      this.previous = parsed.value;
      return;
    }
    this.notNumbers++;
    this.increasing = false;
    if (DATE.test(text)) this.dateCells++;
    if (this.bad.length < MAX_BAD_CELLS) this.bad.push({ line, column, cell: text });
  }

  get cells(): number {
    return this.empty + this.numbers + this.notNumbers;
  }

  /** Numeric in most rows: more than half the non-empty cells are finite numbers. */
  get numeric(): boolean {
    return this.numbers > this.notNumbers;
  }

  get type(): ColumnType {
    if (this.numbers + this.notNumbers === 0) return 'empty';
    if (!this.numeric) return 'text';
    return this.fraction ? 'number' : 'integer';
  }

  /** Cells of a numeric column that are not finite numbers (each one an error when the column is read). */
  get invalid(): number {
    return this.numeric ? this.notNumbers : 0;
  }

  /** Distinct cells (counted up to 1000), empty included. */
  get distinct(): number {
    return this.values.size;
  }

  /** Most non-empty cells are dates or times. */
  get holdsDates(): boolean {
    return this.dateCells * 2 > this.numbers + this.notNumbers;
  }

  /** Whole numbers that only increase, all of them: a row counter, a year, a time step. */
  get monotoneIntegers(): boolean {
    return this.type === 'integer' && this.notNumbers === 0 && this.increasing && this.numbers >= 3;
  }

  meanWords(): number {
    const filled = this.numbers + this.notNumbers;
    return filled === 0 ? 0 : this.words / filled;
  }
}

/** Profiles of every column of the records (header excluded), each with the file's decimal mark. */
export function profileColumns(records: readonly DelimitedRecord[], width: number, decimal: DecimalMark): ColumnProfile[] {
  const profiles = Array.from({ length: width }, () => new ColumnProfile(decimal));
  for (const r of records) r.fields.forEach((cell, j) => profiles[j]?.add(cell, r.lines[j], r.columns[j]));
  return profiles;
}

/** The decimal mark, as asked or detected, and the reason to show when it is not the usual point. */
export interface DecimalChoice {
  readonly mark: DecimalMark;
  readonly note: string | null;
}

/**
 * A file delimited by something other than a comma whose numbers are written 1,5 (and no more often 1.5) has
 * decimal commas; otherwise points. A comma-delimited file cannot hold an unquoted decimal comma, and a quoted
 * "1,234" there is as likely a thousands separator: its cells stay errors that name the format, never numbers.
 */
export function detectDecimal(records: readonly DelimitedRecord[], delimiter: string, requested: 'auto' | DecimalMark): DecimalChoice {
  if (requested !== 'auto') return { mark: requested, note: requested === ',' ? 'numbers are read with decimal commas (1,5 is 1.5), as asked' : null };
  let commas = 0;
  let points = 0;
  let example = '';
  for (const r of records) {
    for (const cell of r.fields) {
      const text = cell.trim();
      if (isCommaNumber(text)) {
        commas++;
        if (example === '') example = text;
      } else if (isPointFraction(text)) points++;
    }
  }
  if (commas === 0 || delimiter === ',' || points > commas) return { mark: '.', note: null };
  const d = delimiter === '\t' ? 'tabs' : quote(delimiter);
  return {
    mark: ',',
    note: `numbers are read with decimal commas (${quote(example)} is ${example.replace(',', '.')}): the file is delimited by ${d} and writes its numbers that way; import with the decimal option "." to read points instead`,
  };
}

/** Why a column is an index (a time stamp or row counter) rather than a value to learn from, or null. */
export function indexReason(name: string, j: number, profile: ColumnProfile, width: number): string | null {
  if (j !== 0 || width < 2) return null;
  if (INDEX_NAME.test(name.trim())) return `its name ${quote(name)} marks a time or row index`;
  if (profile.holdsDates) return 'it holds dates or times: a time index';
  if (profile.monotoneIntegers) return 'its whole numbers only increase: a row counter or time index';
  return null;
}

/** A column's part in a series import, and why. */
export interface ColumnChoice {
  readonly name: string;
  readonly role: 'input' | 'target' | 'input and target' | 'left out';
  readonly reason: string;
}

/** The series columns chosen from the first rows when the options name none. */
export interface DefaultInputs {
  readonly inputs: string[];
  /** Why each column is in or out (the target's part is added once it is known). */
  readonly reasons: Map<string, { readonly input: boolean; readonly reason: string }>;
  /** A numeric first column left out as an index, for the message when it is the only numeric one. */
  readonly index: string | null;
}

/** Every numeric column except an index-like first one; text, date and empty columns are left out, each with its reason. */
export function defaultInputs(columns: readonly string[], profiles: readonly ColumnProfile[]): DefaultInputs {
  const inputs: string[] = [];
  const reasons = new Map<string, { input: boolean; reason: string }>();
  let index: string | null = null;
  columns.forEach((name, j) => {
    const p = at(profiles, j, 'defaultInputs: column profiles (one per column)');
    const asIndex = indexReason(name, j, p, columns.length);
    if (asIndex !== null) {
      if (p.numeric) index = name;
      reasons.set(name, { input: false, reason: `an index, not a value to learn from: ${asIndex} (name it in the columns option to use it anyway)` });
    } else if (p.numeric) {
      inputs.push(name);
      const bad =
        p.invalid === 0
          ? ''
          : `; ${p.invalid} cell${p.invalid === 1 ? ' is' : 's are'} not (${quoteList(
              p.bad.map((b) => b.cell),
              3,
            )}), an error at import`;
      reasons.set(name, { input: true, reason: `holds numbers (${p.numbers} of ${p.numbers + p.notNumbers} cells in the first rows${bad})` });
    } else if (p.type === 'empty') reasons.set(name, { input: false, reason: 'empty in the first rows' });
    else if (p.holdsDates) reasons.set(name, { input: false, reason: 'holds dates or times, not numbers' });
    else reasons.set(name, { input: false, reason: `holds text, not numbers (e.g. ${quote(p.bad[0]?.cell ?? '')})` });
  });
  return { inputs, reasons, index };
}
