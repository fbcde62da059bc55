// Pure formatting for the sweeps panel: a trial's varied values, a sweep's progress by run status, the
// example sweep the New sweep form starts from, and result numbers.
import type { RunStatus, RunSummary } from '../../../core/common/api/entities';

/** `hiddenSize=4, learningRate=0.01`: the trial's values in the sweep's field order, by the field's last name. */
export function formatVariedValues(fields: readonly string[], params: Readonly<Record<string, unknown>>): string {
  // The last segment is enough unless two fields share it (model.hiddenSize vs model.decoder.hiddenSize).
  const last = (field: string) => field.slice(field.lastIndexOf('.') + 1);
  const ambiguous = new Set(fields.filter((f, i) => fields.findIndex((g) => last(g) === last(f)) !== i).map(last));
  return fields.map((field) => `${ambiguous.has(last(field)) ? field : last(field)}=${formatValue(params[field])}`).join(', ');
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return typeof value === 'string' ? value : JSON.stringify(value);
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
export function exampleSweep(experimentName: string): Record<string, unknown> {
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
