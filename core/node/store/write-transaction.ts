// The one way the store writes: an IMMEDIATE transaction whose COMMIT is checked, with SQLite's storage
// failures (a full disk, a read-only file, an I/O error) turned into a StoreWriteError that names the file.
//
// Why a transaction even for one statement: outside one, SQLite commits when the statement finishes,
// and a full disk (or any failed write of the journal) shows only then. For `INSERT … RETURNING` read
// with better-sqlite3's `.get()`, that is inside sqlite3_reset(), whose result better-sqlite3 does not
// check (https://sqlite.org/c3ref/reset.html): the row comes back although the insert was rolled back.
// Inside a transaction the statement only changes pages; the COMMIT is a statement of its own, and its
// failure throws.

import type Database from 'better-sqlite3';
import { StoreWriteError, storeWriteError } from './errors';
import { errorCode } from './sql-values';

/**
 * Runs `work` in one transaction on `db` (a savepoint inside another transaction) and returns its
 * result once committed. `work` must be synchronous.
 * @throws StoreWriteError when SQLite could not write or commit (nothing of `work` is stored); any other
 *   error of `work` (a constraint, a bug) unchanged, after rolling back
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    throw asStoreWriteError(db, error);
  }
}

/** `error` as a StoreWriteError when it is one of SQLite's storage failures, else unchanged. */
export function asStoreWriteError(db: Database.Database, error: unknown): unknown {
  if (error instanceof StoreWriteError) return error;
  const code = errorCode(error);
  return (code !== undefined && storeWriteError(db.name, code, error)) || error;
}
