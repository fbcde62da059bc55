// The runs table's search, filters, sort (missing values last in both directions) and grouping of sweep trials.
import { describe, expect, it } from 'vitest';
import type { RunResults, RunSummary } from '../../../core/common/api/entities';
import { DEFAULT_RUN_QUERY, distinctTags, groupBySweep, parseTags, queryRuns, rowName, type RunTableRow } from '../../../renderer/src/composables/run-table';

function run(id: number, changes: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    experimentId: 1,
    name: `run ${id}`,
    status: 'completed',
    error: null,
    step: 5,
    totalSteps: 5,
    createdAt: 1000 + id,
    startedAt: null,
    endedAt: null,
    activeMs: 0,
    runningSince: null,
    divergence: null,
    warnings: [],
    tags: [],
    notes: '',
    sweepId: null,
    ...changes,
  };
}

function results(changes: Partial<RunResults> = {}): RunResults {
  return {
    finalTrainLoss: null,
    finalValLoss: null,
    bestValLoss: null,
    bestValLossStep: null,
    finalValAccuracy: null,
    bestValAccuracy: null,
    finalValSequenceAccuracy: null,
    bestValSequenceAccuracy: null,
    finalValPerplexity: null,
    finalValBitsPerChar: null,
    trial: null,
    baseline: null,
    byLength: null,
    durationMs: null,
    ...changes,
  };
}

const row = (r: RunSummary, res: RunResults | null = null, cell: string | null = null): RunTableRow => ({ run: r, results: res, cell });
const ids = (rows: readonly RunTableRow[]) => rows.map((r) => r.run.id);

describe('queryRuns', () => {
  const rows = [
    row(run(1, { tags: ['Baseline'] }), results({ finalValLoss: 0.5 }), 'lstm'),
    row(run(2, { status: 'failed', notes: 'lr 0.1 exploded' }), results({ finalValLoss: null }), 'gru'),
    row(run(3, { sweepId: 7 }), results({ finalValLoss: 0.1, trial: { sweepId: 7, label: 'cell=rnn hiddenSize=4' } }), 'rnn'),
  ];

  it('sorts newest first by default and by a result column either way, runs without the value last both ways', () => {
    expect(ids(queryRuns(rows, DEFAULT_RUN_QUERY))).toEqual([3, 2, 1]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, sort: 'finalValLoss', descending: false }))).toEqual([3, 1, 2]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, sort: 'finalValLoss', descending: true }))).toEqual([1, 3, 2]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, sort: 'name', descending: false }))).toEqual([3, 1, 2]);
  });

  it('filters by status, cell and tag (ignoring case) and searches names, trial values, tags and notes', () => {
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, status: 'failed' }))).toEqual([2]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, cell: 'lstm' }))).toEqual([1]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, tag: 'baseline' }))).toEqual([1]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, search: 'EXPLODED' }))).toEqual([2]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, search: 'hiddensize=4' }))).toEqual([3]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, search: 'base' }))).toEqual([1]);
    expect(ids(queryRuns(rows, { ...DEFAULT_RUN_QUERY, search: 'nothing like it' }))).toEqual([]);
  });

  it('names a trial by its varied values and any other run by its name', () => {
    expect(rows.map(rowName)).toEqual(['run 1', 'run 2', 'cell=rnn hiddenSize=4']);
  });
});

describe('groupBySweep, distinctTags, parseTags', () => {
  it('puts runs of their own first and each sweep’s trials under it, keeping the order within', () => {
    const rows = [row(run(5, { sweepId: 9 })), row(run(4)), row(run(3, { sweepId: 8 })), row(run(2, { sweepId: 9 }))];
    expect(groupBySweep(rows).map((g) => [g.sweepId, ids(g.rows)])).toEqual([
      [null, [4]],
      [9, [5, 2]],
      [8, [3]],
    ]);
    expect(groupBySweep([row(run(1, { sweepId: 2 }))]).map((g) => g.sweepId)).toEqual([2]);
  });

  it('lists each tag once, sorted, and reads comma-separated tags', () => {
    expect(distinctTags([run(1, { tags: ['b', 'a'] }), run(2, { tags: ['a'] })])).toEqual(['a', 'b']);
    expect(parseTags(' irnn, , clipped ,')).toEqual(['irnn', 'clipped']);
  });
});
