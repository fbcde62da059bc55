// Datasets: the registry of imported or generated data (kind, source, content hash, stats, encoder).
// The importer writes a dataset only once it is whole, so a row here is always complete.

import type Database from 'better-sqlite3';
import { fromJsonColumn, returnedRow, toJsonColumn, toNullableJsonColumn } from './sql-values';
import { writeTransaction } from './write-transaction';
import type { Dataset, DatasetSummary, EpochMs, NewDataset } from './types';

interface DatasetSummaryDbRow {
  id: number;
  kind: string;
  name: string;
  source_path: string | null;
  content_hash: string;
  size_bytes: number;
  stats: string;
  created_at: number;
}

interface DatasetDbRow extends DatasetSummaryDbRow {
  encoder: string | null;
}

const SUMMARY_COLUMNS = 'id, kind, name, source_path, content_hash, size_bytes, stats, created_at';
const COLUMNS = `${SUMMARY_COLUMNS}, encoder`;

function toSummary(row: DatasetSummaryDbRow): DatasetSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    sourcePath: row.source_path,
    contentHash: row.content_hash,
    sizeBytes: row.size_bytes,
    stats: fromJsonColumn(row.stats),
    createdAt: row.created_at,
  };
}

function toDataset(row: DatasetDbRow): Dataset {
  return { ...toSummary(row), encoder: fromJsonColumn(row.encoder) };
}

type InsertParams = {
  kind: string;
  name: string;
  sourcePath: string | null;
  contentHash: string;
  sizeBytes: number;
  stats: string;
  encoder: string | null;
  createdAt: EpochMs;
};

export class DatasetRepository {
  private readonly insertStatement: Database.Statement<InsertParams, DatasetDbRow>;
  private readonly getStatement: Database.Statement<{ id: number }, DatasetDbRow>;
  private readonly byHashStatement: Database.Statement<{ contentHash: string }, DatasetDbRow>;
  private readonly listStatement: Database.Statement<[], DatasetSummaryDbRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => EpochMs,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO datasets (kind, name, source_path, content_hash, size_bytes, stats, encoder, created_at)
       VALUES (@kind, @name, @sourcePath, @contentHash, @sizeBytes, @stats, @encoder, @createdAt)
       RETURNING ${COLUMNS}`,
    );
    this.getStatement = db.prepare(`SELECT ${COLUMNS} FROM datasets WHERE id = @id`);
    this.byHashStatement = db.prepare(`SELECT ${COLUMNS} FROM datasets WHERE content_hash = @contentHash ORDER BY id DESC LIMIT 1`);
    this.listStatement = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM datasets ORDER BY created_at DESC, id DESC`);
  }

  insert(input: NewDataset): Dataset {
    const params: InsertParams = {
      kind: input.kind,
      name: input.name,
      sourcePath: input.sourcePath ?? null,
      contentHash: input.contentHash,
      sizeBytes: input.sizeBytes,
      stats: toJsonColumn(input.stats, 'datasets.stats'),
      encoder: toNullableJsonColumn(input.encoder, 'datasets.encoder'),
      createdAt: this.now(),
    };
    const row = writeTransaction(this.db, () => this.insertStatement.get(params));
    return toDataset(returnedRow(row, 'INSERT INTO datasets'));
  }

  get(id: number): Dataset | undefined {
    const row = this.getStatement.get({ id });
    return row && toDataset(row);
  }

  /** The newest dataset with this content, so an importer can reuse it instead of storing a copy. */
  findByHash(contentHash: string): Dataset | undefined {
    const row = this.byHashStatement.get({ contentHash });
    return row && toDataset(row);
  }

  /** Newest first, without encoders (they can hold a whole vocabulary). */
  list(): DatasetSummary[] {
    return this.listStatement.all().map(toSummary);
  }
}
