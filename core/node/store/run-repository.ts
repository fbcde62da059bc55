// Runs: one training of one spec, from `queued` to an ended status. The store records transitions;
// deciding which transitions are allowed is the runner's job.

import type Database from 'better-sqlite3';
import { METRIC } from '../../common/train/metric-names';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { EpochMs, NewRun, Run, RunDivergence, RunFilter, RunStatus } from './types';

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
  active_ms: number;
  running_since: number | null;
  divergence: string | null;
  warnings: string;
  dataset_id: number | null;
  parent_run_id: number | null;
  sweep_id: number | null;
}

const COLUMNS = `id, experiment_id, name, spec, status, error, step, total_steps, created_at, started_at,
  ended_at, active_ms, running_since, divergence, warnings, dataset_id, parent_run_id, sweep_id`;

/** Warnings kept per run: a run that keeps exploding and recovering says so without growing its row without end. */
export const MAX_RUN_WARNINGS = 50;

/** Stored as the error of runs found active at start-up. */
export const INTERRUPTED_MESSAGE = 'SeqLab stopped while this run was active. Resume it to continue from its last checkpoint.';

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
    activeMs: row.active_ms,
    runningSince: row.running_since,
    divergence: fromJsonColumn(row.divergence) as RunDivergence | null,
    warnings: fromJsonColumn(row.warnings) as RunDivergence[],
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
  private readonly interruptStatement: Database.Statement<{ id: number; now: EpochMs; error: string; activityMetric: string }, RunDbRow>;
  private readonly divergenceStatement: Database.Statement<{ id: number; divergence: string }>;
  private readonly warningStatement: Database.Statement<{ id: number; warning: string; max: number }>;
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
    // entering one of ENDED_STATUSES stamps endedAt. Entering `running` opens a training segment
    // (running_since); leaving it for any other status adds the segment to active_ms.
    this.statusStatement = db.prepare(
      `UPDATE runs SET
         status = @status,
         error = @error,
         owner = CASE WHEN @status IN ('running', 'paused') THEN @owner ELSE NULL END,
         started_at = CASE WHEN @status = 'running' THEN coalesce(started_at, @now) ELSE started_at END,
         active_ms = CASE
           WHEN @status <> 'running' AND running_since IS NOT NULL THEN active_ms + max(0, @now - running_since)
           ELSE active_ms END,
         running_since = CASE WHEN @status = 'running' THEN coalesce(running_since, @now) ELSE NULL END,
         divergence = CASE WHEN @status = 'running' THEN NULL ELSE divergence END,
         ended_at = CASE
           WHEN @status = 'running' THEN NULL
           WHEN @status IN ('completed', 'stopped', 'failed', 'diverged', 'interrupted') THEN @now
           ELSE ended_at END
       WHERE id = @id
       RETURNING ${COLUMNS}`,
    );
    this.progressStatement = db.prepare('UPDATE runs SET step = @step WHERE id = @id');
    this.activeOwnersStatement = db.prepare(`SELECT id, owner FROM runs WHERE status IN ('running', 'paused')`);
    // A process that died mid-segment left no end to it: its last logged train step (metric wall time)
    // ends it, not the time the next process happens to start, which would count the downtime as training.
    this.interruptStatement = db.prepare(
      `UPDATE runs SET status = 'interrupted', error = @error, ended_at = @now, owner = NULL,
         active_ms = active_ms + CASE WHEN running_since IS NULL THEN 0 ELSE max(0, CAST(round(coalesce(
           (SELECT max(wall_time) FROM metrics WHERE run_id = runs.id AND name = @activityMetric), running_since) - running_since) AS INTEGER)) END,
         running_since = NULL
       WHERE id = @id AND status IN ('running', 'paused')
       RETURNING ${COLUMNS}`,
    );
    this.divergenceStatement = db.prepare('UPDATE runs SET divergence = json(@divergence) WHERE id = @id');
    this.warningStatement = db.prepare(
      `UPDATE runs SET warnings = json_insert(warnings, '$[#]', json(@warning))
       WHERE id = @id AND json_array_length(warnings) < @max`,
    );
    this.deleteStatement = db.prepare('DELETE FROM runs WHERE id = @id');
  }

  /** Stores a validated spec as a new run in state `queued`. */
  create(input: NewRun): Run {
    const params: InsertParams = {
      experimentId: input.experimentId,
      name: input.name,
      spec: toJsonColumn(input.spec, 'runs.spec'),
      totalSteps: input.totalSteps ?? null,
      createdAt: this.now(),
      datasetId: input.datasetId ?? null,
      parentRunId: input.parentRunId ?? null,
      sweepId: input.sweepId ?? null,
    };
    const row = writeTransaction(this.db, () => this.insertStatement.get(params));
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
    const params: StatusParams = { id, status, error, now: this.now(), owner: this.owner };
    const row = writeTransaction(this.db, () => this.statusStatement.get(params));
    return row && toRun(row);
  }

  /** Records the last step reached; called with each progress batch. */
  updateProgress(id: number, step: number): void {
    writeTransaction(this.db, () => this.progressStatement.run({ id, step }));
  }

  /**
   * At start-up, before any worker exists: runs still `running` or `paused` whose owning process is
   * gone (`isOwnerAlive` false, or no owner recorded) ended without finishing. Marks them `interrupted`
   * and returns them (by id) so they can be offered for resume. Runs of a live process are left alone.
   */
  markInterrupted(isOwnerAlive: (owner: string) => boolean): Run[] {
    return writeTransaction(this.db, () =>
      this.activeOwnersStatement
        .all()
        .filter((r) => r.owner === null || r.owner === this.owner || !isOwnerAlive(r.owner))
        .map((r) => this.interruptStatement.get({ id: r.id, now: this.now(), error: INTERRUPTED_MESSAGE, activityMetric: METRIC.trainLoss }))
        .filter((row): row is RunDbRow => row !== undefined)
        .map(toRun)
        .sort((a, b) => a.id - b.id),
    );
  }

  /** Records the explosion that ended a diverged run (call it with the status change, in one transaction). */
  recordDivergence(id: number, divergence: RunDivergence): void {
    const params = { id, divergence: toJsonColumn(divergence, 'runs.divergence') };
    writeTransaction(this.db, () => this.divergenceStatement.run(params));
  }

  /** Appends an explosion a run trains on through; past MAX_RUN_WARNINGS the later ones are not kept. */
  addWarning(id: number, warning: RunDivergence): void {
    const params = { id, warning: toJsonColumn(warning, 'runs.warnings'), max: MAX_RUN_WARNINGS };
    writeTransaction(this.db, () => this.warningStatement.run(params));
  }

  /** Deletes a run with its metrics, checkpoints and exports; false when it did not exist. */
  delete(id: number): boolean {
    return writeTransaction(this.db, () => this.deleteStatement.run({ id }).changes) > 0;
  }
}
