// Experiments: named groups of runs with notes and tags. Deleting one deletes its runs, their
// metrics, checkpoints and exports, and its sweeps (ON DELETE CASCADE).

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, errorCode, toJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { EpochMs, Experiment, ExperimentChanges, ExperimentErrorCode, ExperimentSummary, NewExperiment, StoreResult } from './types';

interface ExperimentDbRow {
  id: number;
  name: string;
  notes: string;
  tags: string;
  created_at: number;
  archived_at: number | null;
}

interface ExperimentSummaryDbRow extends ExperimentDbRow {
  run_count: number;
  last_run_at: number | null;
}

const COLUMNS = 'id, name, notes, tags, created_at, archived_at';

/** The tags column: a JSON array of text, as create and update write it. */
function tagsOf(row: ExperimentDbRow): string[] {
  const tags = fromJsonColumn(row.tags);
  if (!Array.isArray(tags) || !tags.every((t): t is string => typeof t === 'string'))
    throw new Error(`store: experiment ${row.id} has tags ${row.tags}, not a JSON array of text`);
  return tags;
}

function toExperiment(row: ExperimentDbRow): Experiment {
  return {
    id: row.id,
    name: row.name,
    notes: row.notes,
    tags: tagsOf(row),
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  };
}

export class ExperimentRepository {
  private readonly insertStatement: Database.Statement<{ name: string; notes: string; tags: string; createdAt: EpochMs }, ExperimentDbRow>;
  private readonly getStatement: Database.Statement<{ id: number }, ExperimentDbRow>;
  private readonly listStatement: Database.Statement<[], ExperimentSummaryDbRow>;
  private readonly updateStatement: Database.Statement<
    { id: number; name: string | null; notes: string | null; tags: string | null; archived: 0 | 1 | null; now: EpochMs },
    ExperimentDbRow
  >;
  private readonly deleteStatement: Database.Statement<{ id: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO experiments (name, notes, tags, created_at) VALUES (@name, @notes, @tags, @createdAt)
       RETURNING ${COLUMNS}`,
    );
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM experiments WHERE id = @id`);
    this.listStatement = db.prepare(
      `SELECT e.id, e.name, e.notes, e.tags, e.created_at, e.archived_at,
              count(r.id) AS run_count, max(r.created_at) AS last_run_at
       FROM experiments e LEFT JOIN runs r ON r.experiment_id = e.id AND r.deleted_at IS NULL
       GROUP BY e.id
       ORDER BY e.created_at DESC, e.id DESC`,
    );
    // NULL parameters keep the current value, so one statement serves every partial update.
    this.updateStatement = db.prepare(
      `UPDATE experiments
       SET name = coalesce(@name, name), notes = coalesce(@notes, notes), tags = coalesce(@tags, tags),
           archived_at = CASE WHEN @archived IS NULL THEN archived_at WHEN @archived = 1 THEN coalesce(archived_at, @now) ELSE NULL END
       WHERE id = @id
       RETURNING ${COLUMNS}`,
    );
    this.deleteStatement = db.prepare('DELETE FROM experiments WHERE id = @id');
  }

  /** Fails with 'name-taken' when another experiment has the same name ignoring case. */
  create(input: NewExperiment): StoreResult<Experiment, ExperimentErrorCode> {
    const name = input.name.trim();
    if (name === '') return nameEmpty();
    return whileNameFree(name, () => {
      const params = { name, notes: input.notes ?? '', tags: toJsonColumn(input.tags ?? [], 'experiments.tags'), createdAt: this.now() };
      const row = writeTransaction(this.db, () => this.insertStatement.get(params));
      return toExperiment(returnedRow(row, 'INSERT INTO experiments'));
    });
  }

  get(id: number): Experiment | undefined {
    const row = this.getStatement.get({ id });
    return row && toExperiment(row);
  }

  /** Newest first (archived ones too, marked), each with its number of runs (deleted runs not counted). */
  list(): ExperimentSummary[] {
    return this.listStatement.all().map((row) => ({
      ...toExperiment(row),
      runCount: row.run_count,
      lastRunAt: row.last_run_at,
    }));
  }

  /** Renames, edits notes and tags, archives or brings back; the value is undefined when no experiment has this id. */
  update(id: number, changes: ExperimentChanges): StoreResult<Experiment | undefined, ExperimentErrorCode> {
    const name = changes.name?.trim();
    if (name === '') return nameEmpty();
    return whileNameFree(name ?? '', () => {
      const tags = changes.tags === undefined ? null : toJsonColumn(changes.tags, 'experiments.tags');
      const archived = changes.archived === undefined ? null : changes.archived ? 1 : 0;
      const params = { id, name: name ?? null, notes: changes.notes ?? null, tags, archived, now: this.now() } as const;
      const row = writeTransaction(this.db, () => this.updateStatement.get(params));
      return row && toExperiment(row);
    });
  }

  /** Deletes the experiment and everything under it; false when it did not exist. */
  delete(id: number): boolean {
    return writeTransaction(this.db, () => this.deleteStatement.run({ id }).changes) > 0;
  }
}

function nameEmpty(): { ok: false; code: 'name-empty'; message: string } {
  return { ok: false, code: 'name-empty', message: 'An experiment needs a name; type at least one character.' };
}

/** Runs a write, turning the unique-name constraint into a 'name-taken' result (race-free, unlike a pre-check). */
function whileNameFree<T>(name: string, write: () => T): StoreResult<T, ExperimentErrorCode> {
  try {
    return { ok: true, value: write() };
  } catch (error) {
    if (errorCode(error) !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    return {
      ok: false,
      code: 'name-taken',
      message: `An experiment named "${name}" already exists (names ignore case); choose another name.`,
    };
  }
}
