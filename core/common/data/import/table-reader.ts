// Rows of a table-like file (delimited or JSON Lines) as the importers see them: the values of the fields they
// asked for, each with its line and column, whatever the format. Ragged rows, missing fields and invalid JSON
// stop here with their location.
import { DelimitedTokenizer, type DelimitedRecord } from './delimited-tokenizer';
import type { TableLayout } from './detect';
import { fail, quote, fieldLocation } from './import-error';
import { LineSplitter } from './line-splitter';
import { at } from '../../checked-index';

/** A cell, or a JSON array of strings and numbers (already split into elements). */
export type FieldValue = string | readonly string[];

export interface TableRow {
  /** 1-based line where the row starts. */
  readonly line: number;
  /** [fields] values of the requested fields, in the order asked for */
  readonly values: readonly FieldValue[];
  /** [fields] 1-based line and column where each value starts */
  readonly lines: readonly number[];
  readonly columns: readonly number[];
}

/** The value of requested field k (the reader fills one per requested field, so a missing one is a bug). */
export function rowValue(row: TableRow, k: number): FieldValue {
  return at(row.values, k, `TableRow at line ${row.line}: values of the requested fields`);
}

/** Receives each row; the row and its arrays are reused for the next one, so copy what must outlive the call. */
export type RowSink = (row: TableRow) => void;

/** The requested fields that a layout lacks, for an 'unknown-column' error before any row is read. */
export function missingColumns(layout: TableLayout, fields: readonly string[]): string[] {
  return layout.format === 'delimited' ? fields.filter((f) => !layout.columns.includes(f)) : [];
}

export class TableReader {
  private readonly tokenizer: DelimitedTokenizer | null;
  private readonly splitter: LineSplitter | null;
  private readonly indices: number[];
  private headerPending: boolean;
  private rowSink: RowSink = () => {};
  /** The row handed to the sink, refilled for every record (no allocation per row on the hot path). */
  private readonly row: { line: number; values: FieldValue[]; lines: number[]; columns: number[] };

  /** @param fields the column names (delimited) or JSON keys (JSON Lines) whose values each row carries */
  constructor(
    private readonly file: string,
    private readonly layout: TableLayout,
    private readonly fields: readonly string[],
    maxRecordChars: number,
  ) {
    if (layout.format === 'delimited') {
      const unknown = missingColumns(layout, fields);
      if (unknown.length > 0) throw new Error(`TableReader: unknown columns ${unknown.join(', ')} (check with missingColumns first)`);
      this.indices = fields.map((f) => layout.columns.indexOf(f));
      this.tokenizer = new DelimitedTokenizer(file, layout.delimiter, maxRecordChars);
      this.splitter = null;
      this.headerPending = layout.header;
    } else {
      this.indices = [];
      this.tokenizer = null;
      this.splitter = new LineSplitter(file, maxRecordChars);
      this.headerPending = false;
    }
    this.row = { line: 0, values: fields.map(() => ''), lines: fields.map(() => 0), columns: fields.map(() => 0) };
  }

  push(text: string, emit: RowSink): void {
    this.rowSink = emit;
    if (this.tokenizer !== null) this.tokenizer.push(text, this.onRecord);
    else this.splitter?.push(text, this.onLine);
  }

  end(emit: RowSink): void {
    this.rowSink = emit;
    if (this.tokenizer !== null) this.tokenizer.end(this.onRecord);
    else this.splitter?.end(this.onLine);
  }

  private readonly onRecord = (record: DelimitedRecord): void => {
    if (this.headerPending) {
      this.headerPending = false;
      return;
    }
    const layout = this.layout as Extract<TableLayout, { format: 'delimited' }>;
    const expected = layout.columns.length;
    const n = record.fields.length;
    if (n !== expected) {
      const at = n > expected ? fieldLocation(record, expected) : fieldLocation(record, n - 1);
      const d = layout.delimiter === '\t' ? 'tab' : quote(layout.delimiter);
      fail(
        'ragged-row',
        this.file,
        at,
        `this row has ${n} field${n === 1 ? '' : 's'} but ${layout.header ? 'the header has' : 'the first row has'} ${expected}`,
        `Make every row have ${expected} fields: look for a missing or extra ${d} delimiter, and quote fields that contain one.`,
      );
    }
    const row = this.row;
    row.line = record.line;
    for (let k = 0; k < this.indices.length; k++) {
      // j < expected = the record's field count (checked above), so every read is defined
      const j = this.indices[k]!;
      row.values[k] = record.fields[j]!;
      row.lines[k] = record.lines[j]!;
      row.columns[k] = record.columns[j]!;
    }
    this.rowSink(row);
  };

  private readonly onLine = (text: string, line: number): void => {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const position = /position (\d+)/.exec(e instanceof Error ? e.message : '');
      const column = position === null ? 1 : codePointColumn(text, Number(position[1]));
      fail(
        'invalid-json',
        this.file,
        { line, column },
        `this line is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
        'Write one JSON object per line, e.g. {"source": "…", "target": "…"}, with no line breaks inside an object.',
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(
        'invalid-record',
        this.file,
        { line, column: 1 },
        'this line is JSON but not an object',
        `Write each line as an object with the fields ${this.fields.map((f) => quote(f)).join(' and ')}.`,
      );
    }
    const record = value as Record<string, unknown>;
    const values = this.fields.map((key) => jsonField(record, key, text, line, this.file));
    const columns = this.fields.map((key) => {
      const at = text.indexOf(JSON.stringify(key));
      return at < 0 ? 1 : codePointColumn(text, at);
    });
    this.rowSink({ line, values, lines: this.fields.map(() => line), columns });
  };
}

function jsonField(record: Record<string, unknown>, key: string, text: string, line: number, file: string): FieldValue {
  const value = Object.hasOwn(record, key) ? record[key] : undefined;
  const at = { line, column: value === undefined ? 1 : Math.max(1, codePointColumn(text, text.indexOf(JSON.stringify(key)))) };
  if (value === undefined) {
    fail('invalid-record', file, at, `this object has no field ${quote(key)}`, `Add the field, or name the field that holds it in the import options.`);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String);
  return fail(
    'invalid-record',
    file,
    at,
    `the field ${quote(key)} is ${Array.isArray(value) ? 'an array holding something other than strings and numbers' : `a ${value === null ? 'null' : typeof value}`}`,
    'Give it a string, a number, or an array of strings or numbers.',
  );
}

/** 1-based column (in code points) of UTF-16 index `index` of a line. */
export function codePointColumn(text: string, index: number): number {
  let column = 1;
  for (let i = 0; i < index && i < text.length; i++) if ((text.charCodeAt(i) & 0xfc00) !== 0xdc00) column++;
  return column;
}
