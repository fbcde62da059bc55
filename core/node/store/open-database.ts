// Opening the database file safely: refuse files we must not touch (not SQLite, another program's,
// damaged, from a newer SeqLab, in a folder we cannot write) before writing a byte, then set pragmas and
// run pending migrations. A refused file's folder is left exactly as it was: no -wal or -shm beside it.

import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { corruptError, missingDatabaseError, newerVersionError, notADatabaseError, StoreOpenError, unwritableError } from './errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { errorCode, sqlNumber, sqlText } from './sql-values';

/** Every SQLite 3 file starts with these 16 bytes (https://www.sqlite.org/fileformat.html#magic_header_string). */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const SQLITE_HEADER_BYTES = 100;
/** Offsets in the header (https://www.sqlite.org/fileformat.html#the_database_header), big-endian. */
const HEADER = { writeVersion: 18, readVersion: 19, userVersion: 60, applicationId: 68 } as const;
/** The files SQLite keeps beside a database while it is open or after a crash. */
const SIDECARS = ['-wal', '-shm', '-journal'] as const;
const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  /** Create the file (and missing folders) when there is none: default true; false refuses with 'missing'. */
  readonly create?: boolean;
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** The file was missing or empty: this open made it a new SeqLab database. */
  readonly created: boolean;
}

/**
 * Opens (or creates) the database at `path`: WAL, foreign keys, busy timeout, synchronous=NORMAL,
 * schema migrated to SCHEMA_VERSION. With `create` (the default) missing folders are created; an empty
 * file is a fresh database.
 * @throws StoreOpenError; the file and its folder are left as they were (a missing folder may have been
 *   created for a new file)
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const file = resolve(path);
  const found = inspectExistingFile(file);
  if (found === 'absent') {
    if (options.create === false) throw missingDatabaseError(file);
    ensureFolder(file);
  }
  const db = openWritable(file);
  try {
    configure(db, file);
    migrate(db, file);
    return { db, created: found !== 'database' };
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

/**
 * Everything here only reads (a refusal changes nothing on disk); it throws unless the file is absent,
 * empty, or a healthy SeqLab database in a folder we can write.
 */
function inspectExistingFile(file: string): 'absent' | 'empty' | 'database' {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw notADatabaseError(file, 'it is a folder');
    size = stats.size;
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    // ENOTDIR: a part of the path is a file, so there is no database there either.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return 'absent';
    throw unwritableError(file, `it cannot be inspected: ${describe(error)}`, error);
  }
  // SQLite itself treats a zero-length file as an empty database.
  if (size === 0) return 'empty';
  const header = readHeader(file);
  if (header.length < SQLITE_HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw notADatabaseError(file, 'it does not start with the SQLite file header');
  }
  refuseByHeader(file, header);
  // Before SQLite opens it: even to read a WAL database SQLite creates -wal and -shm beside it.
  checkWritable(file);
  inspectContent(file, header);
  return 'database';
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

/**
 * What the 100-byte header settles without SQLite: another program's application id, a newer schema.
 * (inspectContent asks SQLite again, because a -wal file may hold a newer header than the file.)
 */
function refuseByHeader(file: string, header: Buffer): void {
  const applicationId = header.readInt32BE(HEADER.applicationId);
  const version = header.readInt32BE(HEADER.userVersion);
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || version !== 0)) {
    throw notADatabaseError(file, 'it is an SQLite database made by another program');
  }
  if (version > SCHEMA_VERSION) throw newerVersionError(file, version, SCHEMA_VERSION);
}

/**
 * Checks owner, version and integrity through a connection that writes nothing to the file. Read-only,
 * except for a WAL database with no journal files beside it: a read-only connection would create -wal
 * and -shm and leave them behind, while a writable one that writes nothing removes them when it closes
 * (SQLite deletes them as the last connection, after a checkpoint that has nothing to copy). With
 * journal files present, read-only: a writable connection would copy a crashed -wal (or roll back a
 * -journal) into the file.
 */
function inspectContent(file: string, header: Buffer): void {
  const walMode = header[HEADER.writeVersion] === 2 && header[HEADER.readVersion] === 2;
  const readonly = !walMode || SIDECARS.some((suffix) => existsSync(`${file}${suffix}`));
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const applicationId = sqlNumber(db.pragma('application_id', { simple: true }), 'PRAGMA application_id');
    const version = sqlNumber(db.pragma('user_version', { simple: true }), 'PRAGMA user_version');
    if (applicationId !== APPLICATION_ID) {
      // A database SQLite created but nobody has written a table to yet (user_version 0, empty
      // schema) is as good as an empty file; anything else belongs to another program.
      const objects = sqlNumber(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get(), 'SELECT count(*) FROM sqlite_schema');
      if (applicationId !== 0 || version !== 0 || objects > 0) {
        throw notADatabaseError(file, 'it is an SQLite database made by another program');
      }
    }
    if (version > SCHEMA_VERSION) throw newerVersionError(file, version, SCHEMA_VERSION);
    // quick_check reads every page (time grows with file size) but skips integrity_check's slower
    // index cross-checks; it finds torn or overwritten pages before any write could spread the damage.
    const problems = db
      .prepare('PRAGMA quick_check(5)')
      .pluck()
      .all()
      .map((line) => sqlText(line, 'PRAGMA quick_check'));
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw corruptError(file, `SQLite's integrity check reports: ${problems.join('; ')}`);
    }
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    const code = errorCode(error);
    if (code === undefined) throw error;
    // The header said SQLite, so a file SQLite then cannot parse is damaged rather than foreign.
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw corruptError(file, `SQLite reports: ${describe(error)}`, error);
    }
    throw unwritableError(file, `SQLite cannot open it: ${describe(error)} (${code})`, error);
  } finally {
    db?.close();
  }
}

/**
 * SQLite writes the file and keeps -wal and -shm beside it, so the file and its folder must both be
 * writable. (access() is what the kernel would answer: root passes it even for a 0555 folder.)
 */
function checkWritable(file: string): void {
  const folder = dirname(file);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw unwritableError(file, `its folder ${folder} is not writable: ${describeFs(error)}; SQLite keeps two files beside the database, -wal and -shm`, error);
  }
  if (!existsAsFile(file)) return;
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw unwritableError(file, `the file cannot be read and written: ${describeFs(error)}`, error);
  }
}

function openWritable(file: string): Database.Database {
  checkWritable(file);
  try {
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
      `SQLite could not turn on write-ahead logging (journal mode stayed "${String(mode)}"); network and ` + 'read-only file systems do not support it',
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
  const userVersion = (): number => sqlNumber(db.pragma('user_version', { simple: true }), 'PRAGMA user_version');
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
  return ['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_PERM'].some((prefix) => code.startsWith(prefix));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A file-system error in words: "permission denied, EACCES". */
function describeFs(error: unknown): string {
  const code = errorCode(error);
  const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system' };
  return code === undefined ? describe(error) : `${words[code] ?? describe(error)}, ${code}`;
}
