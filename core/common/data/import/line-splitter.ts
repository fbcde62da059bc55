// Incremental line splitting for line-based formats (JSON Lines, plain-text previews): chunks of any size in,
// whole lines out with their 1-based numbers. CRLF, LF and a lone CR all end a line; line numbers agree with
// the delimited tokenizer's and the UTF-8 checker's.
import { fail } from './import-error';

export type LineSink = (line: string, lineNumber: number) => void;

export class LineSplitter {
  private partial = '';
  private partialLength = 0;
  private lineNumber = 1;
  private afterCr = false;

  /** @param maxLineChars longest line accepted, so one huge line cannot fill memory */
  constructor(
    private readonly file: string,
    private readonly maxLineChars: number,
  ) {}

  push(text: string, emit: LineSink): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      if (c === 0x0a && this.afterCr && i === start && this.partialLength === 0) {
        // the LF of a CRLF whose CR ended the previous line
        this.afterCr = false;
        start = i + 1;
        continue;
      }
      this.take(i - start);
      emit(this.partial + text.slice(start, i), this.lineNumber++);
      this.partial = '';
      this.partialLength = 0;
      this.afterCr = c === 0x0d;
      start = i + 1;
    }
    if (start < text.length) {
      this.take(text.length - start);
      this.partial += text.slice(start);
      this.afterCr = false;
    }
  }

  /** Emits the last line if the text does not end with a line break. */
  end(emit: LineSink): void {
    if (this.partialLength > 0) emit(this.partial, this.lineNumber);
    this.partial = '';
    this.partialLength = 0;
  }

  private take(chars: number): void {
    this.partialLength += chars;
    if (this.partialLength > this.maxLineChars) {
      fail(
        'record-too-long',
        this.file,
        { line: this.lineNumber },
        `this line is longer than ${this.maxLineChars} characters`,
        'Check that the file has one record per line, or raise the line length limit.',
      );
    }
  }
}
