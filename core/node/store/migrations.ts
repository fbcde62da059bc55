// The schema as an ordered list of numbered migrations; the database's `PRAGMA user_version` is the
// number of the last one applied. Append new migrations, never edit a released one.

export interface Migration {
  /** 1-based, consecutive; equals the migration's position in MIGRATIONS plus one. */
  version: number;
  name: string;
  /**
   * Runs inside one transaction and must end with `PRAGMA user_version = <version>;` (written out
   * literally so that no SQL is ever assembled from values; the runner checks it took effect).
   * `PRAGMA foreign_keys` is a no-op inside a transaction, so a migration that rebuilds a table must
   * follow SQLite's 12-step ALTER procedure rather than toggling it.
   */
  sql: string;
}

// STRICT tables make SQLite reject a value of the wrong type (a fractional step, a string id) instead
// of storing it silently. JSON columns are TEXT with a json_valid check. Child-key columns are indexed
// so that ON DELETE actions do not scan the child table.
const initialSchema = `
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
  notes TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  source_path TEXT,
  content_hash TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  stats TEXT NOT NULL CHECK (json_valid(stats)),
  encoder TEXT CHECK (encoder IS NULL OR json_valid(encoder)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX datasets_content_hash ON datasets (content_hash);

CREATE TABLE sweeps (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  spec TEXT NOT NULL CHECK (json_valid(spec)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sweeps_experiment ON sweeps (experiment_id);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL CHECK (json_valid(spec)),
  status TEXT NOT NULL DEFAULT 'queued' CHECK (
    status IN ('queued', 'running', 'paused', 'completed', 'stopped', 'failed', 'diverged', 'interrupted')
  ),
  error TEXT,
  step INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
  total_steps INTEGER CHECK (total_steps IS NULL OR total_steps >= 0),
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  -- A dataset still used by a run cannot be deleted: the run would lose what it was trained on.
  dataset_id INTEGER REFERENCES datasets (id) ON DELETE RESTRICT,
  parent_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  sweep_id INTEGER REFERENCES sweeps (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX runs_experiment ON runs (experiment_id, created_at);
CREATE INDEX runs_status ON runs (status);
CREATE INDEX runs_dataset ON runs (dataset_id) WHERE dataset_id IS NOT NULL;
CREATE INDEX runs_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
CREATE INDEX runs_sweep ON runs (sweep_id) WHERE sweep_id IS NOT NULL;

-- Clustered on (run_id, name, step): a series is one contiguous range of the b-tree, and a step
-- logged twice (a run resumed from an older checkpoint) replaces the first value.
-- value is NULL for NaN, which SQLite cannot store.
CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  step INTEGER NOT NULL,
  value REAL,
  wall_time REAL NOT NULL,
  PRIMARY KEY (run_id, name, step)
) STRICT, WITHOUT ROWID;

-- The blob is the last column so that reading the other columns never walks its overflow pages.
CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('latest', 'best')),
  step INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  metadata TEXT NOT NULL CHECK (json_valid(metadata)),
  created_at INTEGER NOT NULL,
  blob BLOB NOT NULL,
  UNIQUE (run_id, kind)
) STRICT;

CREATE TABLE exports (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  hash TEXT NOT NULL,
  parity TEXT CHECK (parity IS NULL OR json_valid(parity)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX exports_run ON exports (run_id);

PRAGMA application_id = 1399157068;
PRAGMA user_version = 1;
`;

// Which process drives a running or paused run ("host:pid"), so that at start-up a process marks only
// the runs of processes that are gone as interrupted — never those of an app or CLI still training.
const runOwner = `
ALTER TABLE runs ADD COLUMN owner TEXT;
PRAGMA user_version = 2;
`;

// Exports get real columns for the checkpoint they were made from (until now inside the report JSON as
// `checkpoint: { kind, step }`, moved out of it here) and for the second file of an encoder–decoder,
// which is exported as two ONNX graphs: path / hash name the encoder graph, decoder_path / decoder_hash
// the decoder-step graph (NULL for every other export).
const exportColumns = `
ALTER TABLE exports ADD COLUMN checkpoint_kind TEXT CHECK (checkpoint_kind IS NULL OR checkpoint_kind IN ('latest', 'best'));
ALTER TABLE exports ADD COLUMN checkpoint_step INTEGER CHECK (checkpoint_step IS NULL OR checkpoint_step >= 0);
ALTER TABLE exports ADD COLUMN decoder_path TEXT;
ALTER TABLE exports ADD COLUMN decoder_hash TEXT;
UPDATE exports
   SET checkpoint_kind = json_extract(parity, '$.checkpoint.kind'),
       checkpoint_step = json_extract(parity, '$.checkpoint.step')
 WHERE parity IS NOT NULL
   AND json_extract(parity, '$.checkpoint.kind') IN ('latest', 'best')
   AND json_type(parity, '$.checkpoint.step') = 'integer'
   AND json_extract(parity, '$.checkpoint.step') >= 0;
UPDATE exports SET parity = json_remove(parity, '$.checkpoint') WHERE checkpoint_kind IS NOT NULL;
PRAGMA user_version = 3;
`;

// Checkpoint blobs get a SHA-256 of their bytes, verified on every load, so that a damaged blob is
// reported (with its run and step) instead of being restored or exported. NULL for checkpoints written
// before this migration: they load as before and are re-summed the next time the run writes them.
const checkpointChecksum = `
ALTER TABLE checkpoints ADD COLUMN checksum TEXT CHECK (checksum IS NULL OR length(checksum) = 64);
PRAGMA user_version = 4;
`;

// A run's training time is the sum of its active segments (`running`), not the span from its first start to
// its end, which counted the time it sat paused or interrupted: active_ms holds the finished segments and
// running_since the start of the current one. Runs that ended before this migration keep the span they were
// shown with (nothing better is known); a run left running is measured from its start. An explosion the run
// loop found is kept as JSON: divergence (the one that ended a diverged run) and warnings (those a run with
// training.divergence.action 'warn' trained through).
const runHealth = `
ALTER TABLE runs ADD COLUMN active_ms INTEGER NOT NULL DEFAULT 0 CHECK (active_ms >= 0);
ALTER TABLE runs ADD COLUMN running_since INTEGER;
ALTER TABLE runs ADD COLUMN divergence TEXT CHECK (divergence IS NULL OR json_valid(divergence));
ALTER TABLE runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings) AND json_type(warnings) = 'array');
UPDATE runs SET active_ms = max(0, ended_at - started_at) WHERE started_at IS NOT NULL AND ended_at IS NOT NULL;
UPDATE runs SET running_since = started_at WHERE status = 'running' AND started_at IS NOT NULL;
PRAGMA user_version = 5;
`;

// A study (core/common/studies): the definition it ran as (a snapshot, so a later edit of a built-in study does not
// change how stored results are read), the budget, and its runs — the trials of one sweep, in trial order (run_ids:
// a JSON array of run ids; a deleted run stays listed and is reported missing). Deleting the experiment deletes it.
const studies = `
CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  study_key TEXT NOT NULL CHECK (length(study_key) > 0),
  version INTEGER NOT NULL CHECK (version > 0),
  budget TEXT NOT NULL CHECK (length(budget) > 0),
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  sweep_id INTEGER REFERENCES sweeps (id) ON DELETE SET NULL,
  run_ids TEXT NOT NULL CHECK (json_valid(run_ids) AND json_type(run_ids) = 'array'),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX studies_experiment ON studies (experiment_id);
CREATE INDEX studies_sweep ON studies (sweep_id) WHERE sweep_id IS NOT NULL;
PRAGMA user_version = 6;
`;

// What a person writes on runs and experiments to find them again, and the undo of a delete. A run gets tags (a JSON
// array of text), notes and deleted_at: a deleted run is hidden from every read (soft delete) until it is restored or
// purged for good (run-repository.ts, DELETED_RUN_PURGE_AFTER_MS). An experiment gets archived_at: archived ones are
// hidden by default and kept whole. The experiment's existing notes are its description.
const runAnnotations = `
ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array');
ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN deleted_at INTEGER;
CREATE INDEX runs_deleted ON runs (deleted_at) WHERE deleted_at IS NOT NULL;
ALTER TABLE experiments ADD COLUMN archived_at INTEGER;
PRAGMA user_version = 7;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'run owner', sql: runOwner },
  { version: 3, name: 'export checkpoint and decoder-step columns', sql: exportColumns },
  { version: 4, name: 'checkpoint checksum', sql: checkpointChecksum },
  { version: 5, name: 'run training time and divergence', sql: runHealth },
  { version: 6, name: 'studies', sql: studies },
  { version: 7, name: 'run tags, notes and soft delete; experiment archive', sql: runAnnotations },
];

/**
 * Written into the SQLite header (`PRAGMA application_id`, by migration 1) so that another program's
 * SQLite file is recognised and refused instead of having our tables added to it. 0x5365714C = "SeqL".
 */
export const APPLICATION_ID = 0x5365714c;

/** The schema version this build writes; a database with a higher user_version is refused. */
export const SCHEMA_VERSION = MIGRATIONS.length;
