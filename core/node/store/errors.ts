// The errors of the store a person can act on: a database file that cannot be opened safely, a write
// SQLite refused (a full disk), and a checkpoint whose bytes no longer match their checksum.

import type { CheckpointKind } from './types';

export type StoreOpenErrorCode = 'newer-version' | 'not-a-database' | 'corrupt' | 'unwritable' | 'missing';

/**
 * Opening the store failed for a reason a person can fix (update the app, pick another file, fix
 * permissions). The message (one line) says what happened, to which file, and what to do; the file and
 * its folder are left as they were — for 'unwritable' too, except that a missing folder may have been created.
 */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  readonly code: StoreOpenErrorCode;
  /** Absolute path of the database file. */
  readonly path: string;

  constructor(code: StoreOpenErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.path = path;
  }
}

const CHOOSE_ANOTHER = 'or start SeqLab with another database file (--db PATH or the SEQLAB_DB environment variable)';

export function newerVersionError(path: string, found: number, supported: number): StoreOpenError {
  return new StoreOpenError(
    'newer-version',
    path,
    `The database ${path} was written by a newer SeqLab (schema version ${found}; this SeqLab understands up to ` +
      `${supported}). Update SeqLab to open it, ${CHOOSE_ANOTHER}. The file was not changed.`,
  );
}

export function notADatabaseError(path: string, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    'not-a-database',
    path,
    `${path} is not a SeqLab database: ${detail}. Check the path, move the file out of the way to start an empty ` +
      `database there, ${CHOOSE_ANOTHER}. The file was not changed.`,
    { cause },
  );
}

export function corruptError(path: string, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    'corrupt',
    path,
    `The database ${path} is damaged (${detail}). Restore it from a backup, move it out of the way to start an ` +
      `empty database there, ${CHOOSE_ANOTHER}. The file was not changed.`,
    { cause },
  );
}

export function unwritableError(path: string, detail: string, cause?: unknown): StoreOpenError {
  return new StoreOpenError(
    'unwritable',
    path,
    `SeqLab cannot read and write the database ${path} (${detail}). Check that the file and its folder are ` +
      `writable by you and the disk is not full, ${CHOOSE_ANOTHER}.`,
    { cause },
  );
}

/** Asked to open an existing database (a command that only reads) where there is no file: nothing is created. */
export function missingDatabaseError(path: string): StoreOpenError {
  return new StoreOpenError(
    'missing',
    path,
    `There is no database at ${path}, and nothing was created there (only commands that add runs or datasets ` +
      'create one). Check the path given with --db PATH or the SEQLAB_DB environment variable.',
  );
}

/**
 * SQLite refused a write (or its commit): a full disk, a read-only file, an I/O error, a lock held too
 * long. The transaction was rolled back, so nothing of the change is stored. `reason` is the short
 * form ("disk full (SQLITE_FULL)") for callers that compose their own message.
 */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';

  constructor(
    /** Absolute path of the database file. */
    readonly path: string,
    /** SQLite's extended result code, e.g. 'SQLITE_FULL' or 'SQLITE_IOERR_WRITE'. */
    readonly sqliteCode: string,
    /** What went wrong, with the code: "disk full (SQLITE_FULL)". */
    readonly reason: string,
    /** What a person can do before trying again: "free space on its disk". */
    readonly advice: string,
    options?: { cause?: unknown },
  ) {
    super(`The database ${path} could not be written: ${reason}. Nothing of this change was saved; ${advice}, then try again.`, options);
  }
}

/** [code prefix, what happened, what to do]; the first matching prefix wins. */
const WRITE_FAILURES: readonly (readonly [string, string, string])[] = [
  ['SQLITE_FULL', 'disk full', 'free space on its disk'],
  ['SQLITE_IOERR', 'the disk refused the write', 'check the disk (free space, a file-size limit, a removed drive)'],
  ['SQLITE_READONLY', 'the file or its folder is read-only', 'make both writable by you'],
  ['SQLITE_CANTOPEN', 'a journal file beside it (-wal, -shm) could not be opened', 'check that its folder is writable by you'],
  ['SQLITE_PERM', 'the operating system denied access', 'check the permissions of the file and its folder'],
  ['SQLITE_BUSY', 'another program kept it locked', 'close other programs using it'],
  ['SQLITE_LOCKED', 'another program kept it locked', 'close other programs using it'],
  ['SQLITE_CORRUPT', 'the file is damaged', 'restore it from a backup'],
];

/**
 * The StoreWriteError for a failed write, or null when `sqliteCode` is no storage failure (a constraint,
 * a bug): those are the caller's to handle.
 */
export function storeWriteError(path: string, sqliteCode: string, cause: unknown): StoreWriteError | null {
  const failure = WRITE_FAILURES.find(([prefix]) => sqliteCode.startsWith(prefix));
  if (!failure) return null;
  const [, what, advice] = failure;
  return new StoreWriteError(path, sqliteCode, `${what} (${sqliteCode})`, advice, { cause });
}

/**
 * A checkpoint's blob no longer matches the SHA-256 written with it (a damaged disk, a stray write): it
 * is never restored, resumed from or exported. Says which run, kind and step.
 */
export class CheckpointDamagedError extends Error {
  override readonly name = 'CheckpointDamagedError';

  constructor(
    readonly runId: number,
    readonly kind: CheckpointKind,
    readonly step: number,
  ) {
    super(`Run ${runId}'s ${kind} checkpoint (step ${step}) is damaged: its bytes no longer match the SHA-256 saved with them.`);
  }
}
