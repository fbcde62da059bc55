// The last pass of a table import (labelled sequences, pairs): it reads the file again to encode the rows the
// first pass counted. A row beyond that count, or fewer rows at the end, means the file changed between the
// passes (or since it was imported), which is refused rather than loaded as something else.
import type { TableLayout } from './detect';
import { fail } from './import-error';
import { TableReader, type TableRow } from './table-reader';
import type { TextPass } from './text-pass';

export abstract class TableLoad implements TextPass {
  readonly done = false;
  private readonly reader: TableReader;
  /** Rows encoded so far; `encodeRow` gets row `n` before it is counted. */
  protected n = 0;

  constructor(
    protected readonly file: string,
    layout: TableLayout,
    fields: readonly string[],
    maxRecordChars: number,
    /** How many rows the first pass counted. */
    private readonly examples: number,
  ) {
    this.reader = new TableReader(file, layout, fields, maxRecordChars);
  }

  push(text: string): void {
    this.reader.push(text, this.onRow);
  }

  end(): void {
    this.reader.end(this.onRow);
    if (this.n !== this.examples) this.changed();
  }

  /** Encodes row `n` (its fields in the constructor's order); calls `changed` on what the first pass did not see. */
  protected abstract encodeRow(row: TableRow): void;

  /** What the file held when it was imported, e.g. `the 120 pairs`. */
  protected abstract heldAtImport(): string;

  protected changed(): never {
    return fail(
      'source-changed',
      this.file,
      null,
      `the file no longer holds ${this.heldAtImport()} it had when it was imported`,
      'Import the file again to register its new content as a new dataset.',
    );
  }

  private readonly onRow = (row: TableRow): void => {
    if (this.n >= this.examples) this.changed();
    this.encodeRow(row);
    this.n++;
  };
}
