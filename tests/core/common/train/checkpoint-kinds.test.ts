// The checkpoint kinds, defined once: what the API accepts, and the guard the store reads its rows with.
import { describe, expect, it } from 'vitest';
import { apiCalls } from '../../../../core/common/api/contract';
import { CHECKPOINT_KINDS, DEFAULT_CHECKPOINT_KIND, isCheckpointKind } from '../../../../core/common/train/checkpoint-kinds';

describe('CHECKPOINT_KINDS', () => {
  it('are the kinds models.export and runs.attention accept, latest by default; isCheckpointKind knows only them', () => {
    for (const kind of CHECKPOINT_KINDS) {
      expect(isCheckpointKind(kind)).toBe(true);
      expect(apiCalls['models.export'].request.safeParse({ runId: 1, checkpoint: kind }).success).toBe(true);
      expect(apiCalls['runs.attention'].request.safeParse({ id: 1, checkpoint: kind }).success).toBe(true);
    }
    for (const other of ['final', '', null, 1]) expect(isCheckpointKind(other)).toBe(false);
    expect(apiCalls['runs.attention'].request.safeParse({ id: 1, checkpoint: 'final' }).success).toBe(false);
    expect(apiCalls['models.export'].request.parse({ runId: 1 }).checkpoint).toBe(DEFAULT_CHECKPOINT_KIND);
  });
});
