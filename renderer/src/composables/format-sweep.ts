// Pure formatting for the sweeps panel and Compare (a run's readable name is trial-label.ts's): a sweep's progress
// by run status, the example sweep the New sweep form starts from, result numbers and the task's baseline beside them.
import type { RunBaseline, RunStatus, RunSummary } from '../../../core/common/api/entities';
import type { SweepSpecInput } from '../../../core/common/spec/sweep-spec';

/** `0.1667 val/loss`: the baseline's value and the metric it is a value of; a dash when the run stored none. */
export function formatBaseline(baseline: RunBaseline | null): string {
  return baseline === null ? '—' : `${baseline.value.toPrecision(4)} ${baseline.metric}`;
}

/** `beaten` / `not beaten` (by the metric's direction), with the run's value; a dash before its first evaluation. */
export function formatBeaten(baseline: RunBaseline | null): string {
  if (baseline === null || baseline.beaten === null || baseline.final === null) return '—';
  return `${baseline.beaten ? 'beaten' : 'not beaten'} (${baseline.final.toPrecision(4)}, ${baseline.lowerIsBetter ? 'lower' : 'higher'} is better)`;
}

/** `2 completed · 1 running · 1 queued`: the non-zero statuses, those of a live sweep first. */
export function formatStatusCounts(counts: Readonly<Partial<Record<RunStatus, number>>>): string {
  const order: readonly RunStatus[] = ['completed', 'running', 'paused', 'queued', 'failed', 'diverged', 'stopped', 'interrupted'];
  const parts = order.filter((status) => (counts[status] ?? 0) > 0).map((status) => `${counts[status]} ${status}`);
  return parts.length > 0 ? parts.join(' · ') : 'no runs';
}

/** A run's status as a table cell says it: `diverged at step 19`, `completed · 2 warnings` (explosions it trained through). */
export function formatRunStatus(run: Pick<RunSummary, 'status' | 'divergence' | 'warnings'>): string {
  const status = run.divergence ? `${run.status} at step ${run.divergence.step}` : run.status;
  const count = run.warnings.length;
  return count === 0 ? status : `${status} · ${count} warning${count === 1 ? '' : 's'}`;
}

/** A result number with 4 significant digits, an accuracy as a percentage; a dash when not logged. */
export function formatResult(value: number | null, kind: 'loss' | 'accuracy'): string {
  if (value === null) return '—';
  return kind === 'accuracy' ? `${(value * 100).toFixed(1)} %` : value.toPrecision(4);
}

/** A small valid sweep to start from: a 2 × 2 grid over width and learning rate on the adding problem. */
export function exampleSweep(experimentName: string): SweepSpecInput {
  return {
    name: `${experimentName}: width × learning rate`.slice(0, 120),
    base: {
      task: { id: 'adding-problem', params: { length: 10 } },
      model: { cell: 'lstm', hiddenSize: 8 },
      training: { steps: 200, batchSize: 16, learningRate: 0.01 },
    },
    grid: { 'model.hiddenSize': [8, 16], 'training.learningRate': [0.01, 0.003] },
    concurrency: 2,
  };
}
