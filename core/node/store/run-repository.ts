// Runs: one training of one spec, from `queued` to an ended status. The store records transitions;
// deciding which transitions are allowed is the runner's job.

import type Database from 'better-sqlite3';
import { METRIC } from '../../common/train/metric-names';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { EpochMs, NewRun, Run, RunChanges, RunDivergence, RunFilter, RunStatus, StoreResult } from './types';

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
  tags: string;
  notes: string;
}

const COLUMNS = `id, experiment_id, name, spec, status, error, step, total_steps, created_at, started_at,
  ended_at, active_ms, running_since, divergence, warnings, dataset_id, parent_run_id, sweep_id, tags, notes`;

/**
 * A deleted run is hidden from every read at once (soft delete: the undo of the runs table restores it) and removed
 * for good, with its metrics, checkpoints and exports, by the first backend to start at least this long after the
 * delete (BackendService calls purgeDeleted). An hour rather than "at the next start": the CLI starts a backend on
 * the same database while the app may still offer the undo.
 */
export const DELETED_RUN_PURGE_AFTER_MS = 60 * 60 * 1000;

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
    tags: tagsOf(row),
    notes: row.notes,
  };
}

/** The tags column: a JSON array of text, as update writes it. */
function tagsOf(row: RunDbRow): string[] {
  const tags = fromJsonColumn(row.tags);
  if (!Array.isArray(tags) || !tags.every((t): t is string => typeof t === 'string'))
    throw new Error(`store: run ${row.id} has tags ${row.tags}, not a JSON array of text`);
  return tags;
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
type ChangeParams = { id: number; name: string | null; tags: string | null; notes: string | null };

export type RunChangeErrorCode = 'name-empty';

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
  private readonly changeStatement: Database.Statement<ChangeParams, RunDbRow>;
  private readonly softDeleteStatement: Database.Statement<{ id: number; now: EpochMs }>;
  private readonly restoreStatement: Database.Statement<{ id: number }, RunDbRow>;
  private readonly deletedAtStatement: Database.Statement<{ id: number }, { deleted_at: number }>;
  private readonly purgeStatement: Database.Statement<{ before: EpochMs }, { id: number }>;

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
    // A deleted run (deleted_at set) is invisible to get and list, and so to every reader of runs.
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = @id AND deleted_at IS NULL`);
    // Optional filters are NULL-guarded parameters and the status set travels as a JSON array, so
    // the SQL text is fixed whatever the filter. LIMIT -1 means no limit.
    this.listStatement = db.prepare(
      `SELECT ${COLUMNS} FROM runs
       WHERE deleted_at IS NULL
         AND (@experimentId IS NULL OR experiment_id = @experimentId)
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
    // NULL parameters keep the current value, so one statement serves every partial change.
    this.changeStatement = db.prepare(
      `UPDATE runs SET name = coalesce(@name, name), tags = coalesce(@tags, tags), notes = coalesce(@notes, notes)
       WHERE id = @id AND deleted_at IS NULL
       RETURNING ${COLUMNS}`,
    );
    this.softDeleteStatement = db.prepare('UPDATE runs SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL');
    this.restoreStatement = db.prepare(`UPDATE runs SET deleted_at = NULL WHERE id = @id AND deleted_at IS NOT NULL RETURNING ${COLUMNS}`);
    this.deletedAtStatement = db.prepare('SELECT deleted_at FROM runs WHERE id = @id AND deleted_at IS NOT NULL');
    // Metrics, checkpoints and exports go with the run (ON DELETE CASCADE); children of it keep their row (SET NULL).
    this.purgeStatement = db.prepare('DELETE FROM runs WHERE deleted_at IS NOT NULL AND deleted_at <= @before RETURNING id');
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

  /** Deletes a run with its metrics, checkpoints and exports at once, with no undo; false when it did not exist. */
  delete(id: number): boolean {
    return writeTransaction(this.db, () => this.deleteStatement.run({ id }).changes) > 0;
  }

  /**
   * Renames a run and/or replaces its tags or notes (the name trimmed). The value is undefined when no run (not
   * deleted) has this id; an empty name fails with 'name-empty'. Tag and note limits are the API's (run-annotations.ts).
   */
  update(id: number, changes: RunChanges): StoreResult<Run | undefined, RunChangeErrorCode> {
    const name = changes.name?.trim();
    if (name === '') return { ok: false, code: 'name-empty', message: `Run ${id} needs a name; type at least one character.` };
    const params: ChangeParams = {
      id,
      name: name ?? null,
      tags: changes.tags === undefined ? null : toJsonColumn(changes.tags, 'runs.tags'),
      notes: changes.notes ?? null,
    };
    const row = writeTransaction(this.db, () => this.changeStatement.get(params));
    return { ok: true, value: row && toRun(row) };
  }

  /**
   * Deletes a run so that it can be restored: from now on get and list do not see it. False when no run (not
   * already deleted) has this id. Purged for good by purgeDeleted (DELETED_RUN_PURGE_AFTER_MS).
   */
  softDelete(id: number): boolean {
    return writeTransaction(this.db, () => this.softDeleteStatement.run({ id, now: this.now() }).changes) > 0;
  }

  /** Brings back a run deleted by softDelete; undefined when no deleted run has this id (never deleted, or purged). */
  restore(id: number): Run | undefined {
    const row = writeTransaction(this.db, () => this.restoreStatement.get({ id }));
    return row && toRun(row);
  }

  /** When the run was deleted (softDelete), or null when it is not a deleted run still kept. */
  deletedAt(id: number): EpochMs | null {
    return this.deletedAtStatement.get({ id })?.deleted_at ?? null;
  }

  /** Removes for good every run deleted at or before `before`, with its metrics, checkpoints and exports; their ids. */
  purgeDeleted(before: EpochMs): number[] {
    return writeTransaction(this.db, () => this.purgeStatement.all({ before }).map((row) => row.id)).sort((a, b) => a - b);
  }
}
