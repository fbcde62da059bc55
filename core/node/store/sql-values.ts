// Conversions between JS values and SQLite column values (JSON columns), and reading error codes.

/** Serialises a value for a JSON column; a value JSON cannot represent is a caller bug. */
export function toJsonColumn(value: unknown, column: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError(`store: ${column} must be JSON-serialisable, got ${typeof value}`);
  }
  return text;
}

/** As toJsonColumn, but undefined and null become SQL NULL. */
export function toNullableJsonColumn(value: unknown, column: string): string | null {
  return value === undefined || value === null ? null : toJsonColumn(value, column);
}

export function fromJsonColumn(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** The `code` of a better-sqlite3 error (SQLite extended result code, 'SQLITE_CONSTRAINT_UNIQUE') or a Node fs error ('ENOENT'). */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** A value SQLite answered (a pragma, a count) that must be a number; anything else means the query is wrong. */
export function sqlNumber(value: unknown, query: string): number {
  if (typeof value !== 'number') throw new Error(`store: ${query} answered ${JSON.stringify(value)}, not a number`);
  return value;
}

/** As sqlNumber, for a text answer (journal_mode, a quick_check line). */
export function sqlText(value: unknown, query: string): string {
  if (typeof value !== 'string') throw new Error(`store: ${query} answered ${JSON.stringify(value)}, not text`);
  return value;
}

/** INSERT … RETURNING always yields a row; its absence means the statement itself is wrong. */
export function returnedRow<Row>(row: Row | undefined, statement: string): Row {
  if (row === undefined) throw new Error(`store: ${statement} returned no row`);
  return row;
}
