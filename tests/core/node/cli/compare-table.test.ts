// `seqlab compare`'s table: an exact-sequence column only when some compared run logs it.
import { describe, expect, it } from 'vitest';
import type { RunResults, RunSummary } from '../../../../core/common/api/entities';
import { comparisonTable } from '../../../../core/node/cli/compare';

const run = (id: number): RunSummary => ({ id, experimentId: 1, name: `run ${id}`, status: 'completed', error: null, step: 10, totalSteps: 10, createdAt: 0, startedAt: 0, endedAt: 1000, activeMs: 1000, runningSince: null, divergence: null, warnings: [] });
const results = (exact: number | null): RunResults => ({
  finalTrainLoss: 0.1, finalValLoss: 0.2, bestValLoss: 0.2, bestValLossStep: 10, finalValAccuracy: 0.9, bestValAccuracy: 0.9,
  finalValSequenceAccuracy: exact, bestValSequenceAccuracy: exact, durationMs: 1000,
});

describe('comparisonTable', () => {
  it('adds VAL EXACT when a run has it, showing — for the others', () => {
    const lines = comparisonTable([{ run: run(1), results: results(0.75) }, { run: run(2), results: results(null) }]).split('\n');
    expect(lines[0]).toMatch(/BEST VAL ACC\s+VAL EXACT\s+TIME$/);
    expect(lines[1]).toContain('75.0%');
    expect(lines[2]).toMatch(/—\s+1\.0 s$/);
  });

  it('leaves the column out when no run logs it', () => {
    expect(comparisonTable([{ run: run(1), results: results(null) }]).split('\n')[0]).not.toContain('EXACT');
  });
});
