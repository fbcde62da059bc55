import { describe, expect, it } from 'vitest';
import { sequenceMetrics } from '../../../../../core/common/models/sequence/target-metrics';

// T = 2 steps, B = 2 sequences, V = 3 classes; logits rows are (t, b) time-major.
const logits = (argmaxes: number[]) => Float32Array.from(argmaxes.flatMap((a) => [0, 1, 2].map((v) => (v === a ? 1 : 0))));

describe('sequenceMetrics', () => {
  it('counts a sequence as right only when every scored step is right, ignoring masked steps', () => {
    const target = { kind: 'step-classes' as const, classes: 3, ids: Int32Array.from([0, 1, 2, 1]), mask: Float32Array.from([1, 1, 1, 0]), allowed: null };
    // rows: (t0,b0)=0 ✓, (t0,b1)=1 ✓, (t1,b0)=2 ✓, (t1,b1) masked (wrong on purpose)
    expect(sequenceMetrics(target, logits([0, 1, 2, 0]), 2, 2)).toEqual({ sequenceAccuracy: 1, legalNextAccuracy: null, sequences: 2 });
    expect(sequenceMetrics(target, logits([0, 1, 1, 0]), 2, 2).sequenceAccuracy).toBe(0.5);
  });

  it('accepts any allowed class for the legal-next criterion', () => {
    const allowed = Uint8Array.from([1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1]); // row r allows classes where allowed[r*3+v] = 1
    const target = { kind: 'step-classes' as const, classes: 3, ids: Int32Array.from([0, 1, 2, 1]), mask: Float32Array.from([1, 1, 1, 1]), allowed };
    const m = sequenceMetrics(target, logits([1, 1, 1, 2]), 2, 2);
    expect(m.legalNextAccuracy).toBe(1); // every arg-max is allowed
    expect(m.sequenceAccuracy).toBe(0); // but none is exactly the target everywhere
  });
});
