// `seqlab compare`'s table: an exact-sequence column only when some compared run logs it.
import { describe, expect, it } from 'vitest';
import type { RunResults, RunSummary } from '../../../../core/common/api/entities';
import { comparisonTable } from '../../../../core/node/cli/compare';

const run = (id: number): RunSummary => ({
  id,
  experimentId: 1,
  name: `run ${id}`,
  status: 'completed',
  error: null,
  step: 10,
  totalSteps: 10,
  createdAt: 0,
  startedAt: 0,
  endedAt: 1000,
  activeMs: 1000,
  runningSince: null,
  divergence: null,
  warnings: [],
  tags: [],
  notes: '',
  sweepId: null,
});
const results = (exact: number | null): RunResults => ({
  finalTrainLoss: 0.1,
  finalValLoss: 0.2,
  bestValLoss: 0.2,
  bestValLossStep: 10,
  finalValAccuracy: 0.9,
  bestValAccuracy: 0.9,
  finalValSequenceAccuracy: exact,
  bestValSequenceAccuracy: exact,
  finalValPerplexity: null,
  finalValBitsPerChar: null,
  trial: null,
  baseline: null,
  byLength: null,
  durationMs: 1000,
});

describe('comparisonTable', () => {
  it('adds VAL EXACT when a run has it, showing — for the others', () => {
    const lines = comparisonTable([
      { run: run(1), results: results(0.75) },
      { run: run(2), results: results(null) },
    ]).split('\n');
    expect(lines[0]).toMatch(/BEST VAL ACC\s+VAL EXACT\s+BASELINE\s+VS BASELINE\s+TIME\s+NAME$/);
    expect(lines[1]).toContain('75.0%');
    expect(lines[2]).toMatch(/—\s+—\s+—\s+1\.0 s\s+run 2$/);
  });

  it('leaves the column out when no run logs it', () => {
    expect(comparisonTable([{ run: run(1), results: results(null) }]).split('\n')[0]).not.toContain('EXACT');
  });

  it("names a sweep trial by the values it varied, in full, and says whether each run beat its baseline by the metric's direction", () => {
    const long = 'a sweep with a long name #12: model.hiddenSize=64, training.optimizer={"kind":"adam"}';
    const accuracyBaseline = (final: number) => ({ metric: 'val/accuracy', value: 0.5, lowerIsBetter: false, final, beaten: final > 0.5 });
    const lines = comparisonTable([
      {
        run: { ...run(1), name: long },
        results: { ...results(null), trial: { sweepId: 3, label: 'hiddenSize=64 optimizer.kind=adam learningRate=0.003' }, baseline: accuracyBaseline(0.9) },
      },
      { run: { ...run(2), name: long }, results: { ...results(null), baseline: accuracyBaseline(0.4) } },
      { run: run(3), results: { ...results(null), baseline: { metric: 'val/loss', value: 1 / 6, lowerIsBetter: true, final: 0.2, beaten: false } } },
    ]).split('\n');
    expect(lines[1]).toMatch(/0\.5 val\/accuracy\s+beaten\s+1\.0 s\s+sweep 3: hiddenSize=64 optimizer\.kind=adam learningRate=0\.003$/);
    expect(lines[2]).toMatch(/0\.5 val\/accuracy\s+not beaten\s+1\.0 s\s+/);
    expect(lines[2]?.endsWith(long)).toBe(true); // never cut
    expect(lines[3]).toMatch(/0\.1667 val\/loss\s+not beaten\s+1\.0 s\s+run 3$/);
  });
});
