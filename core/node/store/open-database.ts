// Opening the database file safely: refuse files we must not touch (not SQLite, another program's,
// damaged, from a newer SeqLab) before writing a byte, then set pragmas and run pending migrations.

import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { corruptError, newerVersionError, notADatabaseError, StoreOpenError, unwritableError } from './errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { errorCode } from './sql-values';

/** Every SQLite 3 file starts with these 16 bytes (https://www.sqlite.org/fileformat.html#magic_header_string). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const SQLITE_HEADER_BYTES = 100;
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (or creates) the database at `path`: WAL, foreign keys, busy timeout, synchronous=NORMAL,
 * schema migrated to SCHEMA_VERSION. Missing folders are created; an empty file is a fresh database.
 * @throws StoreOpenError; for every code but 'unwritable' the file is left byte-for-byte unchanged.
 */
export function openDatabase(path: string): Database.Database {
  const file = resolve(path);
  ensureFolder(file);
  inspectExistingFile(file);
  const db = openWritable(file);
  try {
    configure(db, file);
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    if (isWriteFailure(error)) throw unwritableError(file, describe(error), error);
    throw error;
  }
}

function ensureFolder(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw unwritableError(file, `its folder cannot be created: ${describe(error)}`, error);
  }
}

/** Everything here only reads; it throws unless the file is absent, empty, or a healthy SeqLab database. */
function inspectExistingFile(file: string): void {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw notADatabaseError(file, 'it is a folder');
    size = stats.size;
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    if (errorCode(error) === 'ENOENT') return;
    throw unwritableError(file, `it cannot be inspected: ${describe(error)}`, error);
  }
  // SQLite itself treats a zero-length file as an empty database.
  if (size === 0) return;
  const header = readHeader(file);
  if (header.length < SQLITE_HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw notADatabaseError(file, 'it does not start with the SQLite file header');
  }
  inspectReadOnly(file);
}

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(SQLITE_HEADER_BYTES);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const bytesRead = readSync(fd, header, 0, SQLITE_HEADER_BYTES, 0);
    return header.subarray(0, bytesRead);
  } catch (error) {
    throw unwritableError(file, `it cannot be read: ${describe(error)}`, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Checks owner, version and integrity through a read-only connection, which cannot change the file. */
function inspectReadOnly(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID) {
      // A database SQLite created but nobody has written a table to yet (user_version 0, empty
      // schema) is as good as an empty file; anything else belongs to another program.
      const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
      if (applicationId !== 0 || version !== 0 || objects > 0) {
        throw notADatabaseError(file, 'it is an SQLite database made by another program');
      }
    }
    if (version > SCHEMA_VERSION) throw newerVersionError(file, version, SCHEMA_VERSION);
    // quick_check reads every page (time grows with file size) but skips integrity_check's slower
    // index cross-checks; it finds torn or overwritten pages before any write could spread the damage.
    const problems = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[];
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw corruptError(file, `SQLite's integrity check reports: ${problems.join('; ')}`);
    }
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    const code = errorCode(error) ?? '';
    // The header said SQLite, so a file SQLite then cannot parse is damaged rather than foreign.
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw corruptError(file, `SQLite reports: ${describe(error)}`, error);
    }
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
      throw unwritableError(file, `it cannot be opened for reading: ${describe(error)}`, error);
    }
    throw error;
  } finally {
    db?.close();
  }
}

function openWritable(file: string): Database.Database {
  try {
    // WAL keeps two files (-wal, -shm) beside the database, so the folder must be writable too.
    accessSync(dirname(file), constants.W_OK);
    if (existsAsFile(file)) accessSync(file, constants.R_OK | constants.W_OK);
    // `timeout` is SQLite's busy_timeout: wait this long for another process's lock before SQLITE_BUSY.
    return new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw unwritableError(file, describe(error), error);
  }
}

function existsAsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function configure(db: Database.Database, file: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw unwritableError(
      file,
      `SQLite could not turn on write-ahead logging (journal mode stayed "${String(mode)}"); network and ` +
        'read-only file systems do not support it',
    );
  }
  // With WAL, NORMAL cannot corrupt the database; a power cut may only lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/**
 * Applies each pending migration in its own IMMEDIATE transaction, re-reading the version inside it
 * so that two processes opening the same file at once (app and CLI) cannot both apply one migration.
 */
function migrate(db: Database.Database, file: string): void {
  const userVersion = (): number => db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      const current = userVersion();
      if (current > SCHEMA_VERSION) throw newerVersionError(file, current, SCHEMA_VERSION);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      if (userVersion() !== migration.version) {
        throw new Error(`store: migration ${migration.version} (${migration.name}) did not set user_version`);
      }
    }).immediate();
  }
}

function isWriteFailure(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return ['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_PERM'].some((prefix) =>
    code.startsWith(prefix),
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
