// A run's results as the CLI prints them (train, resume, show, compare): fetched through the API,
// summarised like the backend does for sweeps, and shown as text or JSON.
import type { RunResults, RunSummary } from '../../common/api/entities';
import { METRIC } from '../../common/train/metric-names';
import { describeDivergence } from '../../common/train/divergence';
import { summarizeRunResults } from '../../common/train/run-results';
import type { CliApi } from './backend';
import { EXIT, type TextSink } from './context';
import { formatAccuracy, formatDuration, formatMetric, formatSteps } from './format';

/** The most points `runs.metrics` returns: validation series are whole at any realistic length. */
const MAX_POINTS = 20_000;

export async function fetchRunResults(api: CliApi, run: RunSummary): Promise<RunResults> {
  const names = [METRIC.trainLoss, METRIC.valLoss, METRIC.valAccuracy, METRIC.valSequenceAccuracy];
  const [trainLoss, valLoss, valAccuracy, valSequenceAccuracy] = await api.call('runs.metrics', { id: run.id, names, maxPoints: MAX_POINTS });
  return summarizeRunResults({ trainLoss, valLoss, valAccuracy, valSequenceAccuracy, lastStep: run.step, startedAt: run.startedAt, activeMs: run.activeMs, runningSince: run.runningSince, now: Date.now() });
}

/** The exit code for a run's final status: 0 completed, 1 failed / diverged / stopped. */
export function exitCodeForStatus(status: RunSummary['status']): number {
  return status === 'completed' ? EXIT.ok : EXIT.runFailed;
}

/** `  val loss      0.01502 (best 0.01402 at step 180)` lines. */
export function formatResults(results: RunResults): string {
  const best = results.bestValLoss === null ? '' : ` (best ${formatMetric(results.bestValLoss)} at step ${results.bestValLossStep})`;
  const bestAccuracy = results.bestValAccuracy === null ? '' : ` (best ${formatAccuracy(results.bestValAccuracy)})`;
  const bestExact = results.bestValSequenceAccuracy === null ? '' : ` (best ${formatAccuracy(results.bestValSequenceAccuracy)})`;
  return [
    `  train loss     ${formatMetric(results.finalTrainLoss)}`,
    `  val loss       ${formatMetric(results.finalValLoss)}${best}`,
    `  val accuracy   ${formatAccuracy(results.finalValAccuracy)}${bestAccuracy}`,
    ...(results.finalValSequenceAccuracy === null ? [] : [`  val exact      ${formatAccuracy(results.finalValSequenceAccuracy)}${bestExact}`]),
    `  training time  ${formatDuration(results.durationMs)}`,
  ].join('\n');
}

/**
 * `  diverged       at step 19: <why>; last sane loss 0.2384 (step 9)` and a `  warning` line per explosion
 * the run trained through (training.divergence.action 'warn'); nothing for a run that had none.
 */
export function formatRunHealth(run: Pick<RunSummary, 'divergence' | 'warnings'>): string[] {
  return [
    ...(run.divergence ? [`  diverged       ${describeDivergence(run.divergence)}`] : []),
    ...run.warnings.map((warning) => `  warning        ${describeDivergence(warning)}`),
  ];
}

/** The end of `train` / `resume`: the outcome on stderr when it is bad, the results on stdout. */
export function printRunEnd(run: RunSummary, results: RunResults, stdout: TextSink, stderr: TextSink): void {
  // An interrupted run's stored error only says to resume it; the caller says how.
  if (run.error && run.status !== 'interrupted') stderr.write(`${run.error}\n`);
  const health = formatRunHealth(run).map((line) => `${line}\n`).join('');
  stdout.write(`Run ${run.id} "${run.name}" ${run.status} at step ${formatSteps(run.step, run.totalSteps)}\n${health}${formatResults(results)}\n`);
}

/** How to continue an interrupted run, with the --db the user gave. */
export function resumeHint(runId: number, dbFlag: string | undefined): string {
  return `seqlab resume ${runId}${dbFlag ? ` --db ${JSON.stringify(dbFlag)}` : ''}`;
}
