// The error thrown when a database file cannot be opened safely, with a code the caller can branch on.

export type StoreOpenErrorCode = 'newer-version' | 'not-a-database' | 'corrupt' | 'unwritable';

/**
 * Opening the store failed for a reason a person can fix (update the app, pick another file, fix
 * permissions). The message says what happened, to which file, and what to do; for every code but
 * 'unwritable' the file is guaranteed untouched, because the checks run before anything is written.
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
