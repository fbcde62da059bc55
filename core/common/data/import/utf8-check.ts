// Streaming check that a file is text: valid UTF-8 (the WHATWG decoder's rules: no overlong forms, no
// surrogates, nothing above U+10FFFF) and no NUL bytes, with the line and column of the first bad byte.
// Runs over raw byte chunks before decoding, so a decoder never silently substitutes U+FFFD.
import { fail } from './import-error';

const SAVE_AS_UTF8 = 'Save the file as UTF-8 (most editors and spreadsheet programs offer "UTF-8" when saving or exporting as CSV) and import it again.';

export class Utf8Checker {
  /** Continuation bytes still expected, and the range the next one must fall in. */
  private needed = 0;
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private codePoint = 0;
  /** Where the sequence in progress started, for the error's location. */
  private startLine = 1;
  private startColumn = 1;
  private startOffset = 0;
  private leadByte = 0;
  private offset = 0;
  private line = 1;
  /** Code points already on this line. */
  private column = 0;
  private afterCr = false;

  constructor(private readonly file: string) {}

  /** Bytes checked so far. */
  get bytes(): number {
    return this.offset;
  }

  /** Checks the next chunk; throws an ImportFailure ('binary-file' or 'invalid-encoding') at the first bad byte. */
  check(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.needed === 0) {
        if (byte < 0x80) {
          if (byte === 0x0a) {
            if (!this.afterCr) this.line++;
            this.column = 0;
            this.afterCr = false;
          } else if (byte === 0x0d) {
            this.line++;
            this.column = 0;
            this.afterCr = true;
          } else {
            if (byte === 0) this.nul();
            this.column++;
            this.afterCr = false;
          }
          this.offset++;
          continue;
        }
        this.afterCr = false;
        this.startLine = this.line;
        this.startColumn = this.column + 1;
        this.startOffset = this.offset;
        this.leadByte = byte;
        if (byte >= 0xc2 && byte <= 0xdf) {
          this.needed = 1;
          this.codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lower = 0xa0;
          if (byte === 0xed) this.upper = 0x9f;
          this.needed = 2;
          this.codePoint = byte & 0x0f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lower = 0x90;
          if (byte === 0xf4) this.upper = 0x8f;
          this.needed = 3;
          this.codePoint = byte & 0x07;
        } else {
          this.invalid(byte);
        }
      } else {
        if (byte < this.lower || byte > this.upper) this.invalid(byte);
        this.lower = 0x80;
        this.upper = 0xbf;
        this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
        if (++this.seen === this.needed) {
          this.needed = 0;
          this.seen = 0;
          // A byte-order mark at the very start is not text: the decoder drops it, so columns do not count it.
          if (!(this.codePoint === 0xfeff && this.offset === 2)) this.column++;
        }
      }
      this.offset++;
    }
  }

  /** Call at the end of the file: a multi-byte character cut off by the end is an encoding error. */
  finish(): void {
    if (this.needed > 0) {
      fail(
        'invalid-encoding',
        this.file,
        { line: this.startLine, column: this.startColumn },
        'the file ends in the middle of a multi-byte UTF-8 character (it may have been cut off while copying)',
        SAVE_AS_UTF8,
      );
    }
  }

  private nul(): never {
    fail(
      'binary-file',
      this.file,
      { line: this.line, column: this.column + 1 },
      `the file contains a NUL byte (at byte ${this.offset}), so it is binary or UTF-16 text, not UTF-8 text`,
      'Choose the text file itself (CSV, TSV, JSON Lines or plain text); if it is UTF-16 text, ' + SAVE_AS_UTF8.charAt(0).toLowerCase() + SAVE_AS_UTF8.slice(1),
    );
  }

  private invalid(byte: number): never {
    const inSequence = this.needed > 0;
    const hex = (inSequence ? this.leadByte : byte).toString(16).toUpperCase().padStart(2, '0');
    if (this.offset < 2 && (byte === 0xff || byte === 0xfe)) {
      fail('invalid-encoding', this.file, { line: 1, column: 1 }, 'the file starts with a UTF-16 byte-order mark; it is UTF-16 text, not UTF-8', SAVE_AS_UTF8);
    }
    const at = inSequence ? { line: this.startLine, column: this.startColumn } : { line: this.line, column: this.column + 1 };
    const what = inSequence ? `the bytes from 0x${hex} at byte offset ${this.startOffset} are` : `byte 0x${hex} at byte offset ${this.offset} is`;
    fail(
      'invalid-encoding',
      this.file,
      at,
      `${what} not valid UTF-8 (the file may be in another encoding such as Latin-1 or Windows-1252, or binary)`,
      SAVE_AS_UTF8,
    );
  }
}
