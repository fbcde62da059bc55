// Exports: model files written from a run (ONNX, safetensors, …) with their hash, the checkpoint they
// were made from and their parity report; an encoder–decoder's second graph (decoder step) beside the first.

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, toNullableJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { EpochMs, ExportRecord, NewExport } from './types';
import { isCheckpointKind } from '../../common/train/checkpoint-kinds';

interface ExportDbRow {
  id: number;
  run_id: number;
  path: string;
  format: string;
  hash: string;
  parity: string | null;
  checkpoint_kind: string | null;
  checkpoint_step: number | null;
  decoder_path: string | null;
  decoder_hash: string | null;
  created_at: number;
}

const COLUMNS = 'id, run_id, path, format, hash, parity, checkpoint_kind, checkpoint_step, decoder_path, decoder_hash, created_at';

function toExport(row: ExportDbRow): ExportRecord {
  return {
    id: row.id,
    runId: row.run_id,
    path: row.path,
    format: row.format,
    hash: row.hash,
    parity: fromJsonColumn(row.parity),
    checkpointKind: isCheckpointKind(row.checkpoint_kind) ? row.checkpoint_kind : null,
    checkpointStep: row.checkpoint_step,
    decoderPath: row.decoder_path,
    decoderHash: row.decoder_hash,
    createdAt: row.created_at,
  };
}

type InsertParams = {
  runId: number;
  path: string;
  format: string;
  hash: string;
  parity: string | null;
  checkpointKind: string | null;
  checkpointStep: number | null;
  decoderPath: string | null;
  decoderHash: string | null;
  createdAt: EpochMs;
};

export class ExportRepository {
  private readonly insertStatement: Database.Statement<InsertParams, ExportDbRow>;
  private readonly getStatement: Database.Statement<{ id: number }, ExportDbRow>;
  private readonly listStatement: Database.Statement<{ runId: number | null }, ExportDbRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO exports (run_id, path, format, hash, parity, checkpoint_kind, checkpoint_step, decoder_path, decoder_hash, created_at)
       VALUES (@runId, @path, @format, @hash, @parity, @checkpointKind, @checkpointStep, @decoderPath, @decoderHash, @createdAt)
       RETURNING ${COLUMNS}`,
    );
    // The exports of a deleted run (runs.deleted_at) go with it: hidden until it is restored, removed when it is purged.
    const ofLiveRun = 'run_id IN (SELECT id FROM runs WHERE deleted_at IS NULL)';
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM exports WHERE id = @id AND ${ofLiveRun}`);
    this.listStatement = db.prepare(
      `SELECT ${COLUMNS} FROM exports WHERE (@runId IS NULL OR run_id = @runId) AND ${ofLiveRun} ORDER BY created_at DESC, id DESC`,
    );
  }

  insert(input: NewExport): ExportRecord {
    const params: InsertParams = {
      runId: input.runId,
      path: input.path,
      format: input.format,
      hash: input.hash,
      parity: toNullableJsonColumn(input.parity, 'exports.parity'),
      checkpointKind: input.checkpointKind ?? null,
      checkpointStep: input.checkpointStep ?? null,
      decoderPath: input.decoderPath ?? null,
      decoderHash: input.decoderHash ?? null,
      createdAt: this.now(),
    };
    const row = writeTransaction(this.db, () => this.insertStatement.get(params));
    return toExport(returnedRow(row, 'INSERT INTO exports'));
  }

  get(id: number): ExportRecord | undefined {
    const row = this.getStatement.get({ id });
    return row && toExport(row);
  }

  /** Newest first; those of one run when `runId` is given, else all. */
  list(runId?: number): ExportRecord[] {
    return this.listStatement.all({ runId: runId ?? null }).map(toExport);
  }
}
