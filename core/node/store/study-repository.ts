// Studies: a study definition run at a budget as one sweep, its runs listed in trial order (studies.run_ids).

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { EpochMs, NewStudyRow, StudyRow } from './types';

interface StudyDbRow {
  id: number;
  study_key: string;
  version: number;
  budget: string;
  definition: string;
  experiment_id: number;
  sweep_id: number | null;
  run_ids: string;
  created_at: number;
}

const COLUMNS = 'id, study_key, version, budget, definition, experiment_id, sweep_id, run_ids, created_at';

function toStudy(row: StudyDbRow): StudyRow {
  const runIds = fromJsonColumn(row.run_ids);
  if (!Array.isArray(runIds) || !runIds.every((id): id is number => Number.isInteger(id)))
    throw new Error(`store: studies.run_ids of study ${row.id} is not a list of run ids`);
  return {
    id: row.id,
    studyKey: row.study_key,
    version: row.version,
    budget: row.budget,
    definition: fromJsonColumn(row.definition),
    experimentId: row.experiment_id,
    sweepId: row.sweep_id,
    runIds,
    createdAt: row.created_at,
  };
}

export class StudyRepository {
  private readonly insertStatement: Database.Statement<
    { studyKey: string; version: number; budget: string; definition: string; experimentId: number; sweepId: number; runIds: string; createdAt: EpochMs },
    StudyDbRow
  >;
  private readonly getStatement: Database.Statement<{ id: number }, StudyDbRow>;
  private readonly listStatement: Database.Statement<[], StudyDbRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO studies (study_key, version, budget, definition, experiment_id, sweep_id, run_ids, created_at)
       VALUES (@studyKey, @version, @budget, @definition, @experimentId, @sweepId, @runIds, @createdAt)
       RETURNING ${COLUMNS}`,
    );
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM studies WHERE id = @id`);
    this.listStatement = db.prepare(`SELECT ${COLUMNS} FROM studies ORDER BY created_at DESC, id DESC`);
  }

  create(input: NewStudyRow): StudyRow {
    if (!input.runIds.every((id) => Number.isInteger(id) && id > 0))
      throw new TypeError(`store: a study's runIds must be run ids, got ${JSON.stringify(input.runIds)}`);
    const params = {
      studyKey: input.studyKey,
      version: input.version,
      budget: input.budget,
      definition: toJsonColumn(input.definition, 'studies.definition'),
      experimentId: input.experimentId,
      sweepId: input.sweepId,
      runIds: toJsonColumn(input.runIds, 'studies.run_ids'),
      createdAt: this.now(),
    };
    const row = writeTransaction(this.db, () => this.insertStatement.get(params));
    return toStudy(returnedRow(row, 'INSERT INTO studies'));
  }

  get(id: number): StudyRow | undefined {
    const row = this.getStatement.get({ id });
    return row && toStudy(row);
  }

  /** Every stored study, newest first. */
  list(): StudyRow[] {
    return this.listStatement.all().map(toStudy);
  }
}
