// The typed errors of file import: a code to branch on and a message that says what is wrong, where
// (file, line, column) and what to do. Importers return them as values (docs/CONTRIBUTING.md, "Conventions").
//
// Inside the parsers an error travels as an `ImportFailure` exception, so a deep streaming loop can stop at
// once; every public entry point catches it and returns `{ ok: false, error }`. Nothing else is caught.

export type ImportErrorCode =
  /** The options themselves are invalid (unknown column name, window too long for a limit, …). */
  | 'invalid-options'
  /** The file cannot be opened or read (missing, a folder, no permission). */
  | 'unreadable-file'
  | 'empty-file'
  /** NUL bytes: an executable, image, archive or a UTF-16 file. */
  | 'binary-file'
  /** Bytes that are not UTF-8. */
  | 'invalid-encoding'
  /** A quoted field never closed, or text after a closing quote. */
  | 'bad-quote'
  /** One record or line longer than the limit (often an unclosed quote swallowing the file). */
  | 'record-too-long'
  | 'ragged-row'
  | 'missing-header'
  | 'duplicate-header'
  | 'unknown-column'
  | 'empty-cell'
  | 'not-a-number'
  /** A number written in a format this import does not read as one: a decimal comma read with points, a point read with commas. */
  | 'number-format'
  /** NaN or ±Infinity where a finite number is needed. */
  | 'non-finite'
  | 'invalid-json'
  /** A JSON line that is not an object with the needed fields of the needed types. */
  | 'invalid-record'
  | 'empty-sequence'
  | 'sequence-too-long'
  | 'token-too-long'
  | 'vocabulary-over-limit'
  | 'too-many-classes'
  | 'too-few-classes'
  /** Not enough rows or examples for three non-empty splits (or for one window in each). */
  | 'too-few-rows'
  /** The data would not fit in memory once loaded for training. */
  | 'too-large'
  /** The file changed between passes, or since it was imported. */
  | 'source-changed'
  /** No kind was given and the content does not say whether it is a series, text, pairs or labelled sequences. */
  | 'unknown-kind'
  | 'cancelled';

/** Codes about the file as a whole; every other code carries a line. */
export const FILE_LEVEL_CODES: ReadonlySet<ImportErrorCode> = new Set([
  'invalid-options',
  'unreadable-file',
  'empty-file',
  'source-changed',
  'unknown-kind',
  'cancelled',
]);

export interface ImportError {
  readonly code: ImportErrorCode;
  /** What, where and what to do, in one or two sentences a person can act on. */
  readonly message: string;
  /** The file as the caller named it. */
  readonly file: string;
  /** 1-based line where the problem is (absent only for FILE_LEVEL_CODES). */
  readonly line?: number;
  /** 1-based column, counted in characters (code points) from the start of the line. */
  readonly column?: number;
}

export type ImportResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ImportError };

/** A place in a file. */
export interface Location {
  readonly line: number;
  readonly column?: number;
}

/** Where a record's fields start: [fields] line and column of each, and the record's own first line. */
export interface FieldPlaces {
  readonly line: number;
  readonly lines: readonly number[];
  readonly columns: readonly number[];
}

/** Where field j starts, for an error at that cell; a field the record lacks is placed at the record's line. */
export function fieldLocation(record: FieldPlaces, j: number): Location {
  const line = record.lines[j];
  const column = record.columns[j];
  if (line === undefined) return { line: record.line };
  return column === undefined ? { line } : { line, column };
}

/** Carries an ImportError out of a parsing loop; caught at every public entry point (see `catchImport`). */
export class ImportFailure extends Error {
  override readonly name = 'ImportFailure';
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}

/**
 * Builds an error whose message starts with its place: "data.csv, line 7, column 3: <what>. <todo>"
 * @param what what is wrong, without a final full stop
 * @param todo what to do about it, a whole sentence
 */
export function importError(code: ImportErrorCode, file: string, at: Location | null, what: string, todo: string): ImportError {
  const place = at === null ? file : at.column === undefined ? `${file}, line ${at.line}` : `${file}, line ${at.line}, column ${at.column}`;
  const error: ImportError = { code, message: `${place}: ${what}. ${todo}`, file };
  if (at === null) return error;
  return at.column === undefined ? { ...error, line: at.line } : { ...error, line: at.line, column: at.column };
}

/** Throws an ImportFailure (for use inside parsers). */
export function fail(code: ImportErrorCode, file: string, at: Location | null, what: string, todo: string): never {
  throw new ImportFailure(importError(code, file, at, what, todo));
}

/** Runs `work`, turning an ImportFailure into `{ ok: false }`; any other exception is a bug and propagates. */
export function catchImport<T>(work: () => T): ImportResult<T> {
  try {
    return { ok: true, value: work() };
  } catch (e) {
    if (e instanceof ImportFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** A short, printable quotation of a cell for messages: at most 40 characters, control characters escaped. */
export function quote(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  return JSON.stringify(short);
}

/** Names for a message, each quoted: the first `max`, then how many in all (a header of an arbitrary file can be long). */
export function quoteList(names: readonly string[], max = 8): string {
  const shown = names
    .slice(0, max)
    .map((n) => quote(n))
    .join(', ');
  return names.length > max ? `${shown}, … (${names.length} in all)` : shown;
}

/**
 * Stops an import whose training arrays would outgrow `maxLoadedBytes` (4 bytes per loaded value), at
 * the line where the limit is crossed. `what` names the items, e.g. "examples" or "pairs".
 */
export function checkLoadedValues(file: string, line: number, values: number, maxLoadedBytes: number, what: string): void {
  if (values * 4 <= maxLoadedBytes) return;
  fail(
    'too-large',
    file,
    { line },
    `the ${what} up to here already need more than ${(maxLoadedBytes / 2 ** 20).toFixed(0)} MiB in memory for training`,
    `Import fewer or shorter ${what}, or raise maxLoadedBytes if the machine has the memory.`,
  );
}
