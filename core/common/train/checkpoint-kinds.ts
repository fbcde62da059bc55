// The checkpoints a run keeps, defined once: at most one of each kind per run. The store, the run loop, exports,
// the export metadata, the API and the renderer name them from here.

/** 'latest': the run's state at its last checkpoint interval; 'best': at the evaluation with the lowest validation loss. */
export const CHECKPOINT_KINDS = ['latest', 'best'] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];

/** What an export, the attention view or inference reads when no kind is asked for. */
export const DEFAULT_CHECKPOINT_KIND: CheckpointKind = 'latest';

export function isCheckpointKind(value: unknown): value is CheckpointKind {
  return CHECKPOINT_KINDS.some((kind) => kind === value);
}
