// Sweeps: a grid or random search over a base spec, whose runs point back at it (runs.sweep_id).

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { EpochMs, NewSweep, RunStatus, Sweep } from './types';

interface SweepDbRow {
  id: number;
  experiment_id: number;
  spec: string;
  created_at: number;
}

export interface StatusCountRow {
  sweepId: number;
  status: RunStatus;
  count: number;
}

const COLUMNS = 'id, experiment_id, spec, created_at';

function toSweep(row: SweepDbRow): Sweep {
  return { id: row.id, experimentId: row.experiment_id, spec: fromJsonColumn(row.spec), createdAt: row.created_at };
}

export class SweepRepository {
  private readonly insertStatement: Database.Statement<{ experimentId: number; spec: string; createdAt: EpochMs }, SweepDbRow>;
  private readonly getStatement: Database.Statement<{ id: number }, SweepDbRow>;
  private readonly listStatement: Database.Statement<{ experimentId: number | null }, SweepDbRow>;
  private readonly statusCountsStatement: Database.Statement<{ experimentId: number | null }, StatusCountRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO sweeps (experiment_id, spec, created_at) VALUES (@experimentId, @spec, @createdAt)
       RETURNING ${COLUMNS}`,
    );
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM sweeps WHERE id = @id`);
    this.listStatement = db.prepare(
      `SELECT ${COLUMNS} FROM sweeps WHERE (@experimentId IS NULL OR experiment_id = @experimentId) ORDER BY created_at DESC, id DESC`,
    );
    this.statusCountsStatement = db.prepare(
      `SELECT sweep_id AS sweepId, status, count(*) AS count FROM runs
       WHERE sweep_id IS NOT NULL AND deleted_at IS NULL AND (@experimentId IS NULL OR experiment_id = @experimentId)
       GROUP BY sweep_id, status`,
    );
  }

  create(input: NewSweep): Sweep {
    const params = { experimentId: input.experimentId, spec: toJsonColumn(input.spec, 'sweeps.spec'), createdAt: this.now() };
    const row = writeTransaction(this.db, () => this.insertStatement.get(params));
    return toSweep(returnedRow(row, 'INSERT INTO sweeps'));
  }

  get(id: number): Sweep | undefined {
    const row = this.getStatement.get({ id });
    return row && toSweep(row);
  }

  /** The sweeps of one experiment (all sweeps without one), newest first. */
  list(experimentId?: number): Sweep[] {
    return this.listStatement.all({ experimentId: experimentId ?? null }).map(toSweep);
  }

  /** How many runs of each sweep are in each status (of one experiment's sweeps, or all), one row per pair present. */
  statusCounts(experimentId?: number): StatusCountRow[] {
    return this.statusCountsStatement.all({ experimentId: experimentId ?? null });
  }
}
