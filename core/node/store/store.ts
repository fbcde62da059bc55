// The Store facade: one open database connection and the repositories that share it, and openStore.

import type Database from 'better-sqlite3';
import { CheckpointRepository } from './checkpoint-repository';
import { DatasetRepository } from './dataset-repository';
import { ExperimentRepository } from './experiment-repository';
import { ExportRepository } from './export-repository';
import { MetricRepository } from './metric-repository';
import { openDatabase } from './open-database';
import { writeTransaction } from './write-transaction';
import { RunRepository } from './run-repository';
import { SweepRepository } from './sweep-repository';
import { StudyRepository } from './study-repository';
import { currentProcessOwner } from './process-owner';
import { sqlNumber, sqlText } from './sql-values';
import type { EpochMs } from './types';

export interface StoreOptions {
  /** Clock for created/started/ended stamps; tests pass a fixed one. */
  now?: () => EpochMs;
  /** This process as recorded on the runs it drives; default "host:pid" (see process-owner.ts). */
  owner?: string;
  /**
   * openStore only: create the database when there is no file (default true). False (a command that
   * reads) refuses a missing file with StoreOpenError 'missing' and creates nothing, not even a folder.
   */
  create?: boolean;
}

/** Per-connection settings, for diagnostics ("About" panel, bug reports) and tests. */
export interface ConnectionSettings {
  journalMode: string;
  foreignKeys: boolean;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  synchronous: number;
  busyTimeoutMs: number;
  schemaVersion: number;
}

/**
 * Opens (or creates) the SeqLab database at `path` (see openDatabase) and returns the Store over it.
 * @throws StoreOpenError when the file cannot be used; its `code` says why and its message what to do.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const { db, created } = openDatabase(path, { create: options.create ?? true });
  return new Store(db, options, created);
}

export class Store {
  readonly experiments: ExperimentRepository;
  readonly runs: RunRepository;
  readonly metrics: MetricRepository;
  readonly checkpoints: CheckpointRepository;
  readonly datasets: DatasetRepository;
  readonly exports: ExportRepository;
  readonly sweeps: SweepRepository;
  readonly studies: StudyRepository;

  /**
   * Takes ownership of a connection prepared by openDatabase (pragmas set, schema migrated).
   * @param created this open made the database (the file was missing or empty)
   */
  constructor(
    private readonly db: Database.Database,
    options: StoreOptions = {},
    readonly created = false,
  ) {
    const now = options.now ?? Date.now;
    this.experiments = new ExperimentRepository(db, now);
    this.runs = new RunRepository(db, now, options.owner ?? currentProcessOwner());
    this.metrics = new MetricRepository(db);
    this.checkpoints = new CheckpointRepository(db, now);
    this.datasets = new DatasetRepository(db, now);
    this.exports = new ExportRepository(db, now);
    this.sweeps = new SweepRepository(db, now);
    this.studies = new StudyRepository(db, now);
  }

  /** Absolute path of the database file. */
  get path(): string {
    return this.db.name;
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /**
   * Runs `work` in one transaction (nested calls become savepoints), e.g. a status change together
   * with its final checkpoint. `work` must be synchronous: an await inside would commit early.
   * @throws StoreWriteError when SQLite could not write or commit it (a full disk): nothing of `work` is stored
   */
  transaction<T>(work: () => T): T {
    return writeTransaction(this.db, work);
  }

  connectionSettings(): ConnectionSettings {
    return {
      journalMode: sqlText(this.db.pragma('journal_mode', { simple: true }), 'PRAGMA journal_mode'),
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      synchronous: sqlNumber(this.db.pragma('synchronous', { simple: true }), 'PRAGMA synchronous'),
      busyTimeoutMs: sqlNumber(this.db.pragma('busy_timeout', { simple: true }), 'PRAGMA busy_timeout'),
      schemaVersion: sqlNumber(this.db.pragma('user_version', { simple: true }), 'PRAGMA user_version'),
    };
  }

  /** Closes the connection (checkpointing the WAL into the main file); later calls do nothing. */
  close(): void {
    if (!this.db.open) return;
    try {
      // Recommended before closing a long-lived connection: refreshes the planner's statistics cheaply.
      this.db.pragma('optimize');
    } catch {
      // Statistics are only a hint to the planner; on a full disk they cannot be written, and closing must not fail.
    }
    this.db.close();
  }
}
