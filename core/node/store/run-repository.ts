// Runs: one training of one spec, from `queued` to an ended status. The store records transitions;
// deciding which transitions are allowed is the runner's job.

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import type { EpochMs, NewRun, Run, RunFilter, RunStatus } from './types';

interface RunDbRow {
  id: number;
  experiment_id: number;
  name: string;
  spec: string;
  status: RunStatus;
  error: string | null;
  step: number;
  total_steps: number | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  dataset_id: number | null;
  parent_run_id: number | null;
  sweep_id: number | null;
}

const COLUMNS = `id, experiment_id, name, spec, status, error, step, total_steps, created_at, started_at,
  ended_at, dataset_id, parent_run_id, sweep_id`;

/** Stored as the error of runs found active at start-up. */
export const INTERRUPTED_MESSAGE =
  'SeqLab stopped while this run was active. Resume it to continue from its last checkpoint.';

function toRun(row: RunDbRow): Run {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    name: row.name,
    spec: fromJsonColumn(row.spec),
    status: row.status,
    error: row.error,
    step: row.step,
    totalSteps: row.total_steps,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    datasetId: row.dataset_id,
    parentRunId: row.parent_run_id,
    sweepId: row.sweep_id,
  };
}

type InsertParams = {
  experimentId: number;
  name: string;
  spec: string;
  totalSteps: number | null;
  createdAt: EpochMs;
  datasetId: number | null;
  parentRunId: number | null;
  sweepId: number | null;
};
type ListParams = {
  experimentId: number | null;
  sweepId: number | null;
  statuses: string | null;
  limit: number;
  offset: number;
};
type StatusParams = { id: number; status: RunStatus; error: string | null; now: EpochMs; owner: string };

export class RunRepository {
  private readonly insertStatement: Database.Statement<InsertParams, RunDbRow>;
  private readonly getStatement: Database.Statement<{ id: number }, RunDbRow>;
  private readonly listStatement: Database.Statement<ListParams, RunDbRow>;
  private readonly statusStatement: Database.Statement<StatusParams, RunDbRow>;
  private readonly progressStatement: Database.Statement<{ id: number; step: number }>;
  private readonly activeOwnersStatement: Database.Statement<[], { id: number; owner: string | null }>;
  private readonly interruptStatement: Database.Statement<{ id: number; now: EpochMs; error: string }, RunDbRow>;
  private readonly deleteStatement: Database.Statement<{ id: number }>;

  /**
   * @param owner this process ("host:pid"), recorded on the runs it moves to running or paused
   */
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
    private readonly owner: string,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO runs (experiment_id, name, spec, status, total_steps, created_at, dataset_id, parent_run_id, sweep_id)
       VALUES (@experimentId, @name, @spec, 'queued', @totalSteps, @createdAt, @datasetId, @parentRunId, @sweepId)
       RETURNING ${COLUMNS}`,
    );
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = @id`);
    // Optional filters are NULL-guarded parameters and the status set travels as a JSON array, so
    // the SQL text is fixed whatever the filter. LIMIT -1 means no limit.
    this.listStatement = db.prepare(
      `SELECT ${COLUMNS} FROM runs
       WHERE (@experimentId IS NULL OR experiment_id = @experimentId)
         AND (@sweepId IS NULL OR sweep_id = @sweepId)
         AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
       ORDER BY created_at DESC, id DESC
       LIMIT @limit OFFSET @offset`,
    );
    // Entering `running` stamps startedAt once (kept across pause/resume) and clears endedAt;
    // entering one of ENDED_STATUSES stamps endedAt.
    this.statusStatement = db.prepare(
      `UPDATE runs SET
         status = @status,
         error = @error,
         owner = CASE WHEN @status IN ('running', 'paused') THEN @owner ELSE NULL END,
         started_at = CASE WHEN @status = 'running' THEN coalesce(started_at, @now) ELSE started_at END,
         ended_at = CASE
           WHEN @status = 'running' THEN NULL
           WHEN @status IN ('completed', 'stopped', 'failed', 'diverged', 'interrupted') THEN @now
           ELSE ended_at END
       WHERE id = @id
       RETURNING ${COLUMNS}`,
    );
    this.progressStatement = db.prepare('UPDATE runs SET step = @step WHERE id = @id');
    this.activeOwnersStatement = db.prepare(`SELECT id, owner FROM runs WHERE status IN ('running', 'paused')`);
    this.interruptStatement = db.prepare(
      `UPDATE runs SET status = 'interrupted', error = @error, ended_at = @now, owner = NULL
       WHERE id = @id AND status IN ('running', 'paused')
       RETURNING ${COLUMNS}`,
    );
    this.deleteStatement = db.prepare('DELETE FROM runs WHERE id = @id');
  }

  /** Stores a validated spec as a new run in state `queued`. */
  create(input: NewRun): Run {
    const row = this.insertStatement.get({
      experimentId: input.experimentId,
      name: input.name,
      spec: toJsonColumn(input.spec, 'runs.spec'),
      totalSteps: input.totalSteps ?? null,
      createdAt: this.now(),
      datasetId: input.datasetId ?? null,
      parentRunId: input.parentRunId ?? null,
      sweepId: input.sweepId ?? null,
    });
    return toRun(returnedRow(row, 'INSERT INTO runs'));
  }

  get(id: number): Run | undefined {
    const row = this.getStatement.get({ id });
    return row && toRun(row);
  }

  /** Newest first; all runs when the filter is empty. */
  list(filter: RunFilter = {}): Run[] {
    return this.listStatement
      .all({
        experimentId: filter.experimentId ?? null,
        sweepId: filter.sweepId ?? null,
        statuses: filter.statuses ? JSON.stringify(filter.statuses) : null,
        limit: filter.limit ?? -1,
        offset: filter.offset ?? 0,
      })
      .map(toRun);
  }

  /**
   * Moves a run to `status`, stamping startedAt / endedAt as described on Run. `error` is stored as
   * given (null clears an earlier one). Returns undefined when no run has this id.
   */
  updateStatus(id: number, status: RunStatus, error: string | null = null): Run | undefined {
    const row = this.statusStatement.get({ id, status, error, now: this.now(), owner: this.owner });
    return row && toRun(row);
  }

  /** Records the last step reached; called with each progress batch. */
  updateProgress(id: number, step: number): void {
    this.progressStatement.run({ id, step });
  }

  /**
   * At start-up, before any worker exists: runs still `running` or `paused` whose owning process is
   * gone (`isOwnerAlive` false, or no owner recorded) ended without finishing. Marks them `interrupted`
   * and returns them (by id) so they can be offered for resume. Runs of a live process are left alone.
   */
  markInterrupted(isOwnerAlive: (owner: string) => boolean): Run[] {
    return this.db.transaction(() =>
      this.activeOwnersStatement
        .all()
        .filter((r) => r.owner === null || r.owner === this.owner || !isOwnerAlive(r.owner))
        .map((r) => this.interruptStatement.get({ id: r.id, now: this.now(), error: INTERRUPTED_MESSAGE }))
        .filter((row): row is RunDbRow => row !== undefined)
        .map(toRun)
        .sort((a, b) => a.id - b.id),
    )();
  }

  /** Deletes a run with its metrics, checkpoints and exports; false when it did not exist. */
  delete(id: number): boolean {
    return this.deleteStatement.run({ id }).changes > 0;
  }
}
