// Training one run in the foreground (train, resume): progress while it trains, its results when it
// ends, and Ctrl-C handled as "checkpoint and stop, resumable" rather than a lost run.
import type { ApiEvent } from '../../common/api/contract';
import type { Experiment, RunDetail, RunSummary } from '../../common/api/entities';
import type { ParsedCommand } from './args';
import type { CliApi } from './backend';
import { EXIT, exitCodeForSignal, writeJson, type CliContext } from './context';
import { ProgressView } from './progress';
import { exitCodeForStatus, fetchRunResults, printRunEnd, resumeHint } from './run-report';
import { RunWatcher } from './run-watcher';

export interface FollowRunOptions {
  /** Starts the run (creates or resumes it); called once the watcher listens, so no event is missed. */
  readonly start: () => Promise<RunSummary>;
  /** Shown with the run in --json output. */
  readonly experiment?: Pick<Experiment, 'id' | 'name'> | undefined;
}

/**
 * Returns the exit code: 0 completed, 1 failed / diverged / stopped, 130 (143) interrupted by a signal,
 * 3 stopped because the database could not be written (a full disk; the run stays resumable).
 */
export async function followRun(api: CliApi, ctx: CliContext, command: ParsedCommand, options: FollowRunOptions): Promise<number> {
  const view = new ProgressView(ctx.stderr);
  const lastStatus = new Map<number, ApiEvent<'run.status'>>();
  const watcher = new RunWatcher(api.backend.events, view, (status) => lastStatus.set(status.runId, status));
  let runId: number;
  let aborted = false;
  try {
    const started = await options.start();
    runId = started.id;
    view.note(`Run ${started.id} "${started.name}": ${started.totalSteps ?? '?'} steps (database ${api.databasePath})`);
    // e.g. a resume that continues from the best checkpoint because the latest is damaged: which, and why
    if (started.status === 'running' && started.error) view.note(started.error);
    if ((await watcher.waitForEnd([runId], ctx.signal)) === 'aborted') {
      aborted = true;
      view.note('Interrupted: saving a checkpoint so the run can be resumed…');
      await api.interrupt();
    }
  } finally {
    watcher.dispose();
  }

  const detail = await api.call('runs.get', { id: runId });
  // A full disk that stopped the run may also have kept its final status from the store: the event has it.
  const final = lastStatus.get(runId);
  const run = final && final.status !== detail.status ? { ...summaryOf(detail), status: final.status, error: final.error } : summaryOf(detail);
  const results = await fetchRunResults(api, run);
  if (command.json)
    writeJson(ctx.stdout, { run, ...(options.experiment ? { experiment: { id: options.experiment.id, name: options.experiment.name } } : {}), results });
  else printRunEnd(run, results, ctx.stdout, ctx.stderr);
  if (aborted && run.status === 'interrupted') {
    ctx.stderr.write(`Run ${run.id} was interrupted at step ${run.step} with a checkpoint; continue it with: ${resumeHint(run.id, command.db)}\n`);
    return exitCodeForSignal(ctx.signal.reason);
  }
  if (run.status === 'interrupted') {
    // Not by a signal: the database could not be written; the error says why and what to do.
    ctx.stderr.write(`${run.error ?? `Run ${run.id} was interrupted.`}\nContinue it then with: ${resumeHint(run.id, command.db)}\n`);
    return EXIT.database;
  }
  return exitCodeForStatus(run.status);
}

export function summaryOf(detail: RunDetail): RunSummary {
  const { spec: _spec, metricNames: _metricNames, ...summary } = detail;
  return summary;
}
