// Incremental tokenizer for delimited text (CSV per RFC 4180, TSV, and other one-character delimiters):
// text arrives in chunks of any size and complete records come out, each field with its line and column.
//
// RFC 4180: a field may be enclosed in double quotes; inside, a quote is written twice and delimiters and
// line breaks are literal. Records end at CRLF, LF or a lone CR. Beyond the RFC: blank lines are skipped, and a
// quote inside an unquoted field is kept as a literal character (e.g. 5" screen), as spreadsheet programs do.
// Text after a closing quote, or a quote never closed, is an error with the quote's location.
import { fail, quote } from './import-error';

export interface DelimitedRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly fields: string[];
  /** [fields] 1-based line of each field's first character (a quoted field may span lines). */
  readonly lines: number[];
  /** [fields] 1-based column of each field's first character (its opening quote, if quoted). */
  readonly columns: number[];
}

export type RecordSink = (record: DelimitedRecord) => void;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteSeen,
}

export class DelimitedTokenizer {
  private readonly delimiter: number;
  private state = State.FieldStart;
  /** Text of the field in progress that came from earlier chunks or quoted segments. */
  private partial = '';
  private fields: string[] = [];
  private lines: number[] = [];
  private columns: number[] = [];
  private recordLine = 1;
  /** Characters of the record in progress that came in earlier chunks (checked against maxRecordChars). */
  private recordChars = 0;
  private fieldLine = 1;
  private fieldColumn = 1;
  /** Position of the next character: its line, and the characters before it on that line. */
  private line = 1;
  private column = 0;
  private afterCr = false;

  /**
   * @param delimiter one character other than a quote or a line break
   * @param maxRecordChars longest record accepted, so an unclosed quote cannot pull a whole file into memory
   */
  constructor(
    private readonly file: string,
    delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`DelimitedTokenizer: the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Tokenizes the next chunk, calling `emit` for every record it completes. */
  push(text: string, emit: RecordSink): void {
    const delimiter = this.delimiter;
    const n = text.length;
    let segmentStart = 0;
    // the record in progress is recordChars + (i − chunkRecordStart) characters long at index i
    let chunkRecordStart = 0;
    for (let i = 0; i < n; i++) {
      if (this.state === State.Unquoted || this.state === State.Quoted) {
        // the common case in a tight loop: a run of ordinary characters inside a field
        let j = i;
        let column = this.column;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === delimiter || d === LF || d === CR || d === QUOTE) break;
          if ((d & 0xfc00) !== 0xdc00) column++;
        }
        if (j > i) {
          this.column = column;
          this.afterCr = false;
          i = j;
          if (i === n) break;
        }
      }
      const c = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.startField(State.Quoted);
            segmentStart = i + 1;
          } else if (c === delimiter) {
            this.startField(State.FieldStart);
            this.endField('');
          } else if (c === LF || c === CR) {
            if (this.fields.length > 0) {
              // `a,b,` ends with an empty field; a line with no fields at all is blank and skipped
              this.startField(State.FieldStart);
              this.endField('');
            }
            this.checkLength(i - chunkRecordStart);
            this.endRecord(emit);
            chunkRecordStart = i + 1;
          } else {
            this.startField(State.Unquoted);
            segmentStart = i;
          }
          break;
        case State.Unquoted:
          if (c === delimiter || c === LF || c === CR) {
            this.endField(this.partial + text.slice(segmentStart, i));
            this.state = State.FieldStart;
            if (c !== delimiter) {
              this.checkLength(i - chunkRecordStart);
              this.endRecord(emit);
              chunkRecordStart = i + 1;
            }
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.partial += text.slice(segmentStart, i);
            this.state = State.QuoteSeen;
          }
          break;
        case State.QuoteSeen:
          if (c === QUOTE) {
            // "" inside quotes is one literal quote: start the next segment at this one
            segmentStart = i;
            this.state = State.Quoted;
          } else if (c === delimiter || c === LF || c === CR) {
            this.endField(this.partial);
            this.state = State.FieldStart;
            if (c !== delimiter) {
              this.checkLength(i - chunkRecordStart);
              this.endRecord(emit);
              chunkRecordStart = i + 1;
            }
          } else {
            this.textAfterQuote(text.slice(i, i + 10));
          }
          break;
      }
      // position after c: CRLF is one line break, a low surrogate is not a new character
      if (c === LF) {
        if (!this.afterCr) this.line++;
        this.column = 0;
        this.afterCr = false;
      } else if (c === CR) {
        this.line++;
        this.column = 0;
        this.afterCr = true;
      } else {
        this.afterCr = false;
        if ((c & 0xfc00) !== 0xdc00) this.column++;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.partial += text.slice(segmentStart);
    this.checkLength(n - chunkRecordStart);
    this.recordChars += n - chunkRecordStart;
  }

  /** Fails when the record in progress, with `more` characters of this chunk, is over the limit. */
  private checkLength(more: number): void {
    if (this.recordChars + more > this.maxRecordChars) this.tooLong();
  }

  /** Ends the input: completes the last record, or fails if a quoted field is still open. */
  end(emit: RecordSink): void {
    switch (this.state) {
      case State.Quoted:
        fail(
          'bad-quote',
          this.file,
          { line: this.fieldLine, column: this.fieldColumn },
          'this quoted field is never closed: the file ends inside it',
          'Add the closing quote, or write a quote inside a quoted field as two quotes ("").',
        );
        break;
      case State.Unquoted:
      case State.QuoteSeen:
        this.endField(this.partial);
        break;
      case State.FieldStart:
        if (this.fields.length > 0) {
          this.startField(State.FieldStart);
          this.endField('');
        }
    }
    this.endRecord(emit);
  }

  private startField(state: State): void {
    if (this.fields.length === 0) this.recordLine = this.line;
    this.fieldLine = this.line;
    this.fieldColumn = this.column + 1;
    this.partial = '';
    this.state = state;
  }

  private endField(value: string): void {
    this.fields.push(value);
    this.lines.push(this.fieldLine);
    this.columns.push(this.fieldColumn);
    this.partial = '';
  }

  private endRecord(emit: RecordSink): void {
    const fields = this.fields;
    this.recordChars = 0;
    if (fields.length === 0) return;
    const record: DelimitedRecord = { line: this.recordLine, fields, lines: this.lines, columns: this.columns };
    this.fields = [];
    this.lines = [];
    this.columns = [];
    emit(record);
  }

  private textAfterQuote(found: string): never {
    const d = String.fromCharCode(this.delimiter);
    fail(
      'bad-quote',
      this.file,
      { line: this.line, column: this.column + 1 },
      `after the closing quote of the field that starts at line ${this.fieldLine}, column ${this.fieldColumn}, found ${quote(found)} instead of the delimiter ${quote(d)} or the end of the line`,
      'Inside a quoted field write a quote as two quotes (""), and put nothing between the closing quote and the next delimiter.',
    );
  }

  private tooLong(): never {
    const open = this.state === State.Quoted ? ` (a quoted field opened at line ${this.fieldLine}, column ${this.fieldColumn} is still open)` : '';
    fail(
      'record-too-long',
      this.file,
      { line: this.recordLine },
      `the record starting here is longer than ${this.maxRecordChars} characters${open}`,
      open === ''
        ? 'Check that the delimiter and line breaks are right, or raise the record length limit.'
        : 'Close the quote (or write a literal quote as ""), or raise the record length limit.',
    );
  }
}
