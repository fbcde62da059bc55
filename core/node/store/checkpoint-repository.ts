// Checkpoints: at most one 'latest' and one 'best' per run, each a blob plus small JSON metadata.
// Only load() reads blobs; the other queries name their columns so the blob is never fetched.

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import type { Checkpoint, CheckpointInfo, CheckpointKind, EpochMs, NewCheckpoint } from './types';

interface CheckpointDbRow {
  id: number;
  run_id: number;
  step: number;
  kind: CheckpointKind;
  size_bytes: number;
  metadata: string;
  created_at: number;
}

const INFO_COLUMNS = 'id, run_id, step, kind, size_bytes, metadata, created_at';

function toInfo(row: CheckpointDbRow): CheckpointInfo {
  return {
    id: row.id,
    runId: row.run_id,
    step: row.step,
    kind: row.kind,
    sizeBytes: row.size_bytes,
    metadata: fromJsonColumn(row.metadata),
    createdAt: row.created_at,
  };
}

type SaveParams = {
  runId: number;
  kind: CheckpointKind;
  step: number;
  sizeBytes: number;
  metadata: string;
  createdAt: EpochMs;
  blob: Uint8Array;
};
type KindParams = { runId: number; kind: CheckpointKind };

export class CheckpointRepository {
  private readonly saveStatement: Database.Statement<SaveParams, CheckpointDbRow>;
  private readonly loadStatement: Database.Statement<KindParams, CheckpointDbRow & { blob: Uint8Array }>;
  private readonly infoStatement: Database.Statement<KindParams, CheckpointDbRow>;
  private readonly listStatement: Database.Statement<{ runId: number }, CheckpointDbRow>;

  constructor(
    db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    // One statement, so replacing the previous checkpoint of this kind is atomic: a crash leaves
    // either the old checkpoint or the new one, never neither.
    this.saveStatement = db.prepare(
      `INSERT INTO checkpoints (run_id, kind, step, size_bytes, metadata, created_at, blob)
       VALUES (@runId, @kind, @step, @sizeBytes, @metadata, @createdAt, @blob)
       ON CONFLICT (run_id, kind) DO UPDATE SET
         step = excluded.step, size_bytes = excluded.size_bytes, metadata = excluded.metadata,
         created_at = excluded.created_at, blob = excluded.blob
       RETURNING ${INFO_COLUMNS}`,
    );
    this.loadStatement = db.prepare(
      `SELECT ${INFO_COLUMNS}, blob FROM checkpoints WHERE run_id = @runId AND kind = @kind`,
    );
    this.infoStatement = db.prepare(`SELECT ${INFO_COLUMNS} FROM checkpoints WHERE run_id = @runId AND kind = @kind`);
    this.listStatement = db.prepare(`SELECT ${INFO_COLUMNS} FROM checkpoints WHERE run_id = @runId ORDER BY kind`);
  }

  /** Saves a checkpoint, replacing the run's previous one of the same kind. */
  save(input: NewCheckpoint): CheckpointInfo {
    const row = this.saveStatement.get({
      runId: input.runId,
      kind: input.kind,
      step: input.step,
      sizeBytes: input.blob.byteLength,
      metadata: toJsonColumn(input.metadata ?? {}, 'checkpoints.metadata'),
      createdAt: this.now(),
      blob: input.blob,
    });
    return toInfo(returnedRow(row, 'INSERT INTO checkpoints'));
  }

  /** The checkpoint with its blob, or undefined when the run has none of this kind. */
  load(runId: number, kind: CheckpointKind): Checkpoint | undefined {
    const row = this.loadStatement.get({ runId, kind });
    return row && { ...toInfo(row), blob: row.blob };
  }

  /** Step and metadata of a checkpoint without reading its blob. */
  info(runId: number, kind: CheckpointKind): CheckpointInfo | undefined {
    const row = this.infoStatement.get({ runId, kind });
    return row && toInfo(row);
  }

  list(runId: number): CheckpointInfo[] {
    return this.listStatement.all({ runId }).map(toInfo);
  }
}
