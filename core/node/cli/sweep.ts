// `seqlab sweep SWEEP.json`: a grid or random search, each trial a run under one sweep, trained in
// this process at most `concurrency` at a time; prints every trial's values and results.
import type { SweepDetail } from '../../common/api/entities';
import { trialLabel } from '../../common/runs/trial-label';
import { describeEstimate } from '../../common/spec/resource-estimate';
import { formatSweepIssues, type SweepTrial } from '../../common/spec/sweep-spec';
import { SpecWorkerError } from '../data/spec-service';
import { parseCommand, parsePositiveInt, positional, type CommandSpec } from './args';
import { ensureExperiment } from './backend';
import { QUEUE_OPTION_HELP, showAgents, withQueueBackend } from './queue-backend';
import { CliError, EXIT, exitCodeForSignal, writeJson, writeLine, type CliContext } from './context';
import { NONE, formatAccuracy, formatDuration, formatMetric, formatTable } from './format';
import { ProgressView } from './progress';
import { formatBeaten, resumeHint } from './run-report';
import { RunWatcher } from './run-watcher';
import { DEFAULT_EXPERIMENT, checkedSpec } from './train';
import { readJsonFile } from './read-json-file';

const SPEC: CommandSpec = {
  usage: 'seqlab sweep SWEEP.json [--experiment NAME] [--max-steps N] [--queue URL] [--db PATH] [--json]',
  options: { experiment: { type: 'string' }, 'max-steps': { type: 'string' }, queue: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: ${SPEC.usage}

Runs a sweep: a base experiment spec and the fields to vary, each trial a run grouped under the sweep.
  { "name": "width x lr", "base": { ...spec... }, "concurrency": 2,
    "grid": { "model.hiddenSize": [32, 64], "training.learningRate": [0.001, 0.01] } }
  { "base": { ... }, "random": { "trials": 8, "seed": 1, "fields": {
      "training.learningRate": { "min": 0.0001, "max": 0.1, "log": true }, "model.cell": ["lstm", "gru"] } } }
Fields are dotted paths into the spec (model.hiddenSize, training.optimizer.kind, task.params.length);
every trial is validated (against this machine's memory and cores too) before anything is created, and the
largest trial's estimated memory and time per step are printed. At most "concurrency" trials (default 1) train at once.

  --experiment NAME   the experiment to file the runs under, created if missing (default "${DEFAULT_EXPERIMENT}")
  --max-steps N       cap the base spec's training.steps at N
${QUEUE_OPTION_HELP}
  --json              print { sweep } (its runs with swept values and results) as JSON on stdout
`;

export async function sweepCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const maxStepsFlag = command.strings['max-steps'];
  const maxSteps = maxStepsFlag === undefined ? undefined : parsePositiveInt(maxStepsFlag, '--max-steps', SPEC.usage);
  const file = positional(command, 0, SPEC.usage);
  const sweep = cappedSweep(readJsonFile(file, ctx.cwd, 'sweep spec'), file, maxSteps);

  return withQueueBackend(ctx, command.db, 'creates', command.strings.queue, async (api, queue) => {
    // validated here (in the spec worker, datasets read there), so a bad sweep creates nothing (not even its experiment)
    const parsed = await api.backend.specs.resolveSweep(sweep).catch((error: unknown) => {
      throw error instanceof SpecWorkerError ? new CliError(EXIT.runFailed, `The sweep spec ${file} could not be checked: ${error.message}`) : error;
    });
    if (!parsed.ok) throw new CliError(EXIT.usage, `The sweep spec ${file} is not valid:\n${formatSweepIssues(parsed.issues)}`, parsed.issues);
    const largest = largestTrial(parsed.trials);
    if (largest?.estimate)
      ctx.stderr.write(
        `Estimate of the largest trial (#${largest.index + 1} of ${parsed.trials.length}): ${describeEstimate(largest.estimate, largest.spec.training.steps)}\n`,
      );
    const experiment = await ensureExperiment(api, command.strings.experiment ?? DEFAULT_EXPERIMENT);
    const labels = new Map<number, string>();
    const labelOf = (runId: number) => labels.get(runId) ?? `run ${runId}`;
    const view = new ProgressView(ctx.stderr, labelOf);
    showAgents(queue, view, labelOf);
    const watcher = new RunWatcher(api.backend.events, view, ({ runId, status, error }) => {
      if (status !== 'running' && status !== 'queued' && status !== 'paused') view.note(`${labelOf(runId)}: ${status}${error ? ` — ${error}` : ''}`);
    });
    let created: { sweepId: number; runIds: number[] };
    let aborted = false;
    try {
      created = await api.call('sweeps.create', { experimentId: experiment.id, sweep });
      created.runIds.forEach((runId, i) => labels.set(runId, `trial ${i + 1}/${created.runIds.length} (run ${runId})`));
      const first = await api.call('sweeps.get', { id: created.sweepId });
      view.note(
        `Sweep ${first.id} "${first.name}" in "${experiment.name}": ${first.runs.length} trials, ${first.strategy} over ${first.fields.join(', ')}, ${first.concurrency} at a time`,
      );
      if ((await watcher.waitForEnd(created.runIds, ctx.signal)) === 'aborted') {
        aborted = true;
        view.note('Interrupted: saving checkpoints of the trials in training…');
        await api.interrupt();
      }
    } finally {
      watcher.dispose();
    }

    const detail = await api.call('sweeps.get', { id: created.sweepId });
    if (command.json) writeJson(ctx.stdout, { sweep: detail });
    else writeLine(ctx.stdout, sweepTable(detail));
    const interrupted = detail.runs.filter((run) => run.status === 'interrupted');
    const onAgents = queue ? detail.runs.filter((run) => run.status === 'running') : [];
    if (aborted && onAgents.length > 0) {
      const hints = onAgents.map((run) => `  seqlab resume ${run.id} --queue URL${command.db ? ` --db ${command.db}` : ''}`);
      ctx.stderr.write(
        `Sweep ${detail.id} was interrupted here; ${onAgents.length} trial(s) keep training on the agents, their results waiting in Redis. Store them (and follow a run) with:
${hints.join('\n')}
`,
      );
      return exitCodeForSignal(ctx.signal.reason);
    }
    if (aborted && (interrupted.length > 0 || detail.runs.some((run) => run.status === 'queued'))) {
      const waiting = detail.runs.filter((run) => run.status === 'queued').length;
      const hints = interrupted.map((run) => `  ${resumeHint(run.id, command.db)}`);
      ctx.stderr.write(
        `Sweep ${detail.id} was interrupted. ${interrupted.length} trial(s) saved a checkpoint; continue them with:\n${hints.join('\n') || '  (none)'}\n` +
          `${waiting} trial(s) not started yet stay queued; SeqLab (the app or \`seqlab serve\`) starts them when it next opens this database.\n`,
      );
      return exitCodeForSignal(ctx.signal.reason);
    }
    return detail.runs.every((run) => run.status === 'completed') ? EXIT.ok : EXIT.runFailed;
  });
}

/** The trial that needs the most memory (every trial was checked against this machine). */
function largestTrial(trials: readonly SweepTrial[]): SweepTrial | undefined {
  return trials.reduce<SweepTrial | undefined>(
    (max, trial) => ((trial.estimate?.memory.total ?? 0) > (max?.estimate?.memory.total ?? -1) ? trial : max),
    undefined,
  );
}

/** The sweep as given, with the base's steps capped. */
function cappedSweep(raw: unknown, file: string, maxSteps: number | undefined): unknown {
  if (maxSteps !== undefined && typeof raw === 'object' && raw !== null && 'base' in raw) {
    return { ...raw, base: checkedSpecOrRaw((raw as { base: unknown }).base, file, maxSteps) };
  }
  return raw;
}

/** The base with its steps capped, or as it was when it is not valid (the spec worker then says why). */
function checkedSpecOrRaw(base: unknown, file: string, maxSteps: number): unknown {
  try {
    return checkedSpec(base, file, maxSteps);
  } catch {
    return base;
  }
}

/** The trials in a table: results, the task's baseline and whether each beat it, and last the values each varied, in full. */
export function sweepTable(detail: SweepDetail): string {
  const header = ['#', 'RUN', 'STATUS', 'VAL LOSS', 'BEST VAL LOSS', 'VAL ACC', 'BASELINE', 'VS BASELINE', 'TIME', 'TRIAL'];
  const rows = detail.runs.map((run, i) => [
    String(i + 1),
    String(run.id),
    run.status,
    formatMetric(run.results.finalValLoss),
    formatMetric(run.results.bestValLoss),
    formatAccuracy(run.results.finalValAccuracy),
    run.results.baseline === null ? NONE : `${formatMetric(run.results.baseline.value)} ${run.results.baseline.metric}`,
    formatBeaten(run.results.baseline),
    formatDuration(run.results.durationMs),
    trialLabel(detail.fields, run.params),
  ]);
  const ranked = detail.runs
    .flatMap((run) => (run.results.bestValLoss === null ? [] : [{ run, bestValLoss: run.results.bestValLoss }]))
    .sort((a, b) => a.bestValLoss - b.bestValLoss);
  const best = ranked[0]?.run;
  const bestLine = best ? `\nBest: run ${best.id} (${trialLabel(detail.fields, best.params)}), best val loss ${formatMetric(best.results.bestValLoss)}` : '';
  return `Sweep ${detail.id} "${detail.name}"\n${formatTable(header, rows, [0, 1, 3, 4, 5, 8])}${bestLine}`;
}
