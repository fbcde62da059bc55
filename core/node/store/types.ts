// The store's row types: what the repositories take and return, camelCase, JSON columns already parsed.
// Timestamps are Unix epoch milliseconds (`EpochMs`) everywhere: they sort and subtract without parsing,
// match `Date.now()` and metric wall times, and are formatted only at the edge (renderer, CLI).
import { RUN_STATUSES, type RunDivergence, type RunStatus } from '../../common/api/entities';
import type { CheckpointKind } from '../../common/train/checkpoint-kinds';

/** Milliseconds since 1970-01-01T00:00:00Z. Metric wall times may be fractional; all other stamps are integers. */
export type EpochMs = number;

// A run's life (docs/ARCHITECTURE.md, "A run's life"): the statuses are part of the API contract, defined once in core/common.
export { RUN_STATUSES, type RunDivergence, type RunStatus };

/** Statuses after which the run's worker is gone; entering one stamps `endedAt`. */
export const ENDED_STATUSES: readonly RunStatus[] = ['completed', 'stopped', 'failed', 'diverged', 'interrupted'];

/** A result for failures a person can cause and fix (style: expected failures are values, not throws). */
export type StoreResult<T, Code extends string> = { ok: true; value: T } | { ok: false; code: Code; message: string };

export interface Experiment {
  id: number;
  /** Unique, compared case-insensitively, trimmed. */
  name: string;
  notes: string;
  tags: string[];
  createdAt: EpochMs;
  /** When it was archived (hidden from the default list, kept whole); null while it is not. */
  archivedAt: EpochMs | null;
}

export interface ExperimentSummary extends Experiment {
  runCount: number;
  /** `createdAt` of the newest run, or null when the experiment has none. */
  lastRunAt: EpochMs | null;
}

export interface NewExperiment {
  name: string;
  notes?: string;
  tags?: string[];
}

/** Fields left undefined keep their value. */
export interface ExperimentChanges {
  name?: string;
  notes?: string;
  tags?: string[];
  /** True archives it (stamping now), false brings it back. */
  archived?: boolean;
}

export type ExperimentErrorCode = 'name-taken' | 'name-empty';

export interface Run {
  id: number;
  experimentId: number;
  name: string;
  /** The validated experiment spec as stored; parse it with the spec schema from core/common. */
  spec: unknown;
  status: RunStatus;
  /** What went wrong, for failed / diverged / interrupted runs; null otherwise. */
  error: string | null;
  /** Last training step the run reported (0 before the first). */
  step: number;
  /** Planned number of steps, when the spec fixes one. */
  totalSteps: number | null;
  createdAt: EpochMs;
  /** First time the run entered `running`; kept across pause and resume. */
  startedAt: EpochMs | null;
  /** When the run last entered an ended status; cleared when it runs again. */
  endedAt: EpochMs | null;
  /** Training time of its finished `running` segments (ms); pauses and interruptions do not count. */
  activeMs: number;
  /** Start of the current `running` segment; null in every other status. */
  runningSince: EpochMs | null;
  /** For `diverged`: the explosion that ended it (null otherwise). */
  divergence: RunDivergence | null;
  /** Explosions noted by a run that trains on through them (training.divergence.action 'warn'). */
  warnings: RunDivergence[];
  datasetId: number | null;
  /** The run this one was duplicated or resumed from. */
  parentRunId: number | null;
  sweepId: number | null;
  /** Labels a person gave the run, in their order. */
  tags: string[];
  notes: string;
}

/** What a person may change on a run; fields left undefined keep their value. */
export interface RunChanges {
  name?: string;
  tags?: string[];
  notes?: string;
}

export interface NewRun {
  experimentId: number;
  name: string;
  spec: unknown;
  totalSteps?: number | null;
  datasetId?: number | null;
  parentRunId?: number | null;
  sweepId?: number | null;
}

export interface RunFilter {
  experimentId?: number;
  sweepId?: number;
  /** Keep only runs in one of these statuses. */
  statuses?: readonly RunStatus[];
  /** Newest first; page with limit and offset. */
  limit?: number;
  offset?: number;
}

export interface MetricRow {
  runId: number;
  step: number;
  name: string;
  /** NaN and ±Infinity round-trip (a diverged run logs them). */
  value: number;
  wallTime: EpochMs;
}

/** One metric of one run, column-wise so a long series costs three arrays rather than an object per point. */
export interface MetricSeries {
  runId: number;
  name: string;
  steps: number[];
  values: number[];
  wallTimes: EpochMs[];
}

/** Inclusive bounds; either may be omitted. */
export interface StepRange {
  fromStep?: number;
  toStep?: number;
}

export type { CheckpointKind };

export interface NewCheckpoint {
  runId: number;
  step: number;
  kind: CheckpointKind;
  /** Serialised parameters + optimiser + RNG + data cursor; opaque to the store. */
  blob: Uint8Array;
  /** Small JSON beside the blob, e.g. the metric that made it "best". */
  metadata?: unknown;
}

export interface CheckpointInfo {
  id: number;
  runId: number;
  step: number;
  kind: CheckpointKind;
  sizeBytes: number;
  metadata: unknown;
  createdAt: EpochMs;
  /** Lower-case hex SHA-256 of the blob; null for checkpoints written before schema version 4. */
  checksum: string | null;
}

export interface Checkpoint extends CheckpointInfo {
  blob: Uint8Array;
}

export interface Dataset {
  id: number;
  /** Importer or generator that produced it, e.g. 'text', 'csv', 'synthetic'. */
  kind: string;
  name: string;
  /** Where it was imported from, if it came from a file. */
  sourcePath: string | null;
  contentHash: string;
  sizeBytes: number;
  stats: unknown;
  /** Vocabulary / normalisation needed to encode new inputs the same way. */
  encoder: unknown;
  createdAt: EpochMs;
}

export type NewDataset = Omit<Dataset, 'id' | 'createdAt' | 'sourcePath' | 'encoder'> & {
  sourcePath?: string | null;
  encoder?: unknown;
};

/** A dataset without its encoder, for lists. */
export type DatasetSummary = Omit<Dataset, 'encoder'>;

export interface ExportRecord {
  id: number;
  runId: number;
  path: string;
  /** e.g. 'onnx', 'safetensors'. */
  format: string;
  /** Hash of the exported file, to tell whether it changed on disk. */
  hash: string;
  /** Parity report comparing the exported model with the trained one, or null if not checked. */
  parity: unknown;
  /** The checkpoint the file was made from (null for exports recorded before schema version 3 without one). */
  checkpointKind: CheckpointKind | null;
  checkpointStep: number | null;
  /** An encoder–decoder's decoder-step graph (`path` / `hash` are its encoder graph); null for other exports. */
  decoderPath: string | null;
  decoderHash: string | null;
  createdAt: EpochMs;
}

type OptionalExportFields = 'parity' | 'checkpointKind' | 'checkpointStep' | 'decoderPath' | 'decoderHash';
export type NewExport = Omit<ExportRecord, 'id' | 'createdAt' | OptionalExportFields> & Partial<Pick<ExportRecord, OptionalExportFields>>;

export interface Sweep {
  id: number;
  experimentId: number;
  spec: unknown;
  createdAt: EpochMs;
}

export interface NewSweep {
  experimentId: number;
  spec: unknown;
}

/** A study run (core/common/studies): its definition snapshot, budget and the runs of its sweep in trial order. */
export interface StudyRow {
  id: number;
  /** The definition's id (`vanishing-gradients`). */
  studyKey: string;
  version: number;
  budget: string;
  definition: unknown;
  experimentId: number;
  sweepId: number | null;
  /** One per trial of the plan, in its order. */
  runIds: number[];
  createdAt: EpochMs;
}

export interface NewStudyRow {
  studyKey: string;
  version: number;
  budget: string;
  definition: unknown;
  experimentId: number;
  sweepId: number;
  runIds: readonly number[];
}
