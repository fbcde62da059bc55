// Checkpoints: at most one 'latest' and one 'best' per run, each a blob plus small JSON metadata and the
// blob's SHA-256 (schema version 4), written with it and checked on every load. Only load() reads
// blobs; the other queries name their columns so the blob is never fetched.

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CheckpointDamagedError } from './errors';
import { fromJsonColumn, returnedRow, toJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { Checkpoint, CheckpointInfo, CheckpointKind, EpochMs, NewCheckpoint } from './types';

interface CheckpointDbRow {
  id: number;
  run_id: number;
  step: number;
  kind: CheckpointKind;
  size_bytes: number;
  metadata: string;
  created_at: number;
  checksum: string | null;
}

const INFO_COLUMNS = 'id, run_id, step, kind, size_bytes, metadata, created_at, checksum';

/** Lower-case hex SHA-256 of a blob, as stored in checkpoints.checksum. */
export function checkpointChecksum(blob: Uint8Array): string {
  return createHash('sha256').update(blob).digest('hex');
}

function toInfo(row: CheckpointDbRow): CheckpointInfo {
  return {
    id: row.id,
    runId: row.run_id,
    step: row.step,
    kind: row.kind,
    sizeBytes: row.size_bytes,
    metadata: fromJsonColumn(row.metadata),
    createdAt: row.created_at,
    checksum: row.checksum,
  };
}

type SaveParams = {
  runId: number;
  kind: CheckpointKind;
  step: number;
  sizeBytes: number;
  metadata: string;
  createdAt: EpochMs;
  checksum: string;
  blob: Uint8Array;
};
type KindParams = { runId: number; kind: CheckpointKind };

export class CheckpointRepository {
  private readonly saveStatement: Database.Statement<SaveParams, CheckpointDbRow>;
  private readonly loadStatement: Database.Statement<KindParams, CheckpointDbRow & { blob: Uint8Array }>;
  private readonly infoStatement: Database.Statement<KindParams, CheckpointDbRow>;
  private readonly listStatement: Database.Statement<{ runId: number }, CheckpointDbRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    // One statement, so replacing the previous checkpoint of this kind is atomic: a crash leaves
    // either the old checkpoint or the new one, never neither — and the blob never without its checksum.
    this.saveStatement = db.prepare(
      `INSERT INTO checkpoints (run_id, kind, step, size_bytes, metadata, created_at, checksum, blob)
       VALUES (@runId, @kind, @step, @sizeBytes, @metadata, @createdAt, @checksum, @blob)
       ON CONFLICT (run_id, kind) DO UPDATE SET
         step = excluded.step, size_bytes = excluded.size_bytes, metadata = excluded.metadata,
         created_at = excluded.created_at, checksum = excluded.checksum, blob = excluded.blob
       RETURNING ${INFO_COLUMNS}`,
    );
    this.loadStatement = db.prepare(`SELECT ${INFO_COLUMNS}, blob FROM checkpoints WHERE run_id = @runId AND kind = @kind`);
    this.infoStatement = db.prepare(`SELECT ${INFO_COLUMNS} FROM checkpoints WHERE run_id = @runId AND kind = @kind`);
    this.listStatement = db.prepare(`SELECT ${INFO_COLUMNS} FROM checkpoints WHERE run_id = @runId ORDER BY kind`);
  }

  /** Saves a checkpoint with the SHA-256 of its blob, replacing the run's previous one of the same kind. */
  save(input: NewCheckpoint): CheckpointInfo {
    const params: SaveParams = {
      runId: input.runId,
      kind: input.kind,
      step: input.step,
      sizeBytes: input.blob.byteLength,
      metadata: toJsonColumn(input.metadata ?? {}, 'checkpoints.metadata'),
      createdAt: this.now(),
      checksum: checkpointChecksum(input.blob),
      blob: input.blob,
    };
    const row = writeTransaction(this.db, () => this.saveStatement.get(params));
    return toInfo(returnedRow(row, 'INSERT INTO checkpoints'));
  }

  /**
   * The checkpoint with its blob, or undefined when the run has none of this kind. The blob is checked
   * against its SHA-256 (checkpoints written before schema version 4 have none and load unchecked).
   * @throws CheckpointDamagedError when the blob no longer matches: damaged bytes are never returned
   */
  load(runId: number, kind: CheckpointKind): Checkpoint | undefined {
    const row = this.loadStatement.get({ runId, kind });
    if (!row) return undefined;
    if (row.checksum !== null && checkpointChecksum(row.blob) !== row.checksum) {
      throw new CheckpointDamagedError(runId, kind, row.step);
    }
    return { ...toInfo(row), blob: row.blob };
  }

  /**
   * The checkpoint of this kind if it is there and intact; undefined when it is missing or damaged
   * (for offering it as the alternative to a damaged one).
   */
  loadIntact(runId: number, kind: CheckpointKind): Checkpoint | undefined {
    try {
      return this.load(runId, kind);
    } catch (error) {
      if (error instanceof CheckpointDamagedError) return undefined;
      throw error;
    }
  }

  /**
   * A damaged checkpoint's refusal for a person: which checkpoint, `consequence` ("nothing was
   * exported"), and the run's other checkpoint when that one is intact — offered, never used in its
   * place, since an export or an attention map says which checkpoint it comes from.
   */
  damageMessage(error: CheckpointDamagedError, consequence: string): string {
    const otherKind: CheckpointKind = error.kind === 'latest' ? 'best' : 'latest';
    const other = this.loadIntact(error.runId, otherKind);
    const offer = other ? `its ${otherKind} checkpoint (step ${other.step}) is intact and can be used instead` : 'it has no other intact checkpoint';
    return `${error.message} ${consequence}; ${offer}.`;
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
