// A run's results as the CLI prints them (train, resume, show, compare): fetched through the API,
// summarised like the backend does for sweeps, and shown as text or JSON.
import type { RunBaseline, RunResults, RunSummary } from '../../common/api/entities';
import { describeDivergence } from '../../common/train/divergence';
import type { CliApi } from './backend';
import { EXIT, type TextSink } from './context';
import { NONE, formatAccuracy, formatDuration, formatMetric, formatSteps, formatTable } from './format';

export async function fetchRunResults(api: CliApi, run: RunSummary): Promise<RunResults> {
  return api.call('runs.results', { id: run.id });
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
    ...(results.finalValPerplexity === null ? [] : [`  perplexity     ${formatMetric(results.finalValPerplexity)}`]),
    ...(results.finalValBitsPerChar === null ? [] : [`  bits per char  ${formatMetric(results.finalValBitsPerChar)}`]),
    ...(results.baseline === null ? [] : [`  baseline       ${formatBaseline(results.baseline)}`]),
    `  training time  ${formatDuration(results.durationMs)}`,
  ].join('\n');
}

/** `val/loss 0.1667 (lower is better): beaten by 0.0123`. */
export function formatBaseline(baseline: RunBaseline): string {
  const head = `${baseline.metric} ${formatMetric(baseline.value)} (${baseline.lowerIsBetter ? 'lower' : 'higher'} is better)`;
  if (baseline.final === null) return `${head}: no evaluation yet`;
  return `${head}: ${baseline.beaten ? 'beaten' : 'not beaten'} by ${formatMetric(baseline.final)}`;
}

/** `beaten` / `not beaten` / — for a table cell. */
export function formatBeaten(baseline: RunBaseline | null): string {
  if (baseline === null || baseline.beaten === null) return NONE;
  return baseline.beaten ? 'beaten' : 'not beaten';
}

/** The accuracy-vs-length table of a seq2seq run's last evaluation; empty for other runs. */
export function formatByLength(results: RunResults): string {
  if (results.byLength === null || results.byLength.lengths.length === 0) return '';
  const header = ['SOURCE LENGTH', 'SEQUENCES', 'EXACT', 'TOKEN ACC'];
  const rows = results.byLength.lengths.map((l) => [
    String(l.length),
    String(l.sequences),
    formatAccuracy(l.sequenceAccuracy),
    formatAccuracy(l.tokenAccuracy),
  ]);
  return `Accuracy by source length (validation, step ${results.byLength.step})\n${formatTable(header, rows, [0, 1, 2, 3])}`;
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
  const health = formatRunHealth(run)
    .map((line) => `${line}\n`)
    .join('');
  stdout.write(`Run ${run.id} "${run.name}" ${run.status} at step ${formatSteps(run.step, run.totalSteps)}\n${health}${formatResults(results)}\n`);
}

/** How to continue an interrupted run, with the --db the user gave. */
export function resumeHint(runId: number, dbFlag: string | undefined): string {
  return `seqlab resume ${runId}${dbFlag ? ` --db ${JSON.stringify(dbFlag)}` : ''}`;
}
