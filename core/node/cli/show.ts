// `seqlab show RUN`: one run's status, timing, results and full resolved spec; or its metrics as data
// (--metrics --csv|--json, --grad-norms --json).
import { parseCommand, parseRunId, positional, type CommandSpec, type ParsedCommand } from './args';
import { withBackend } from './backend';
import { EXIT, usageError, writeJson, writeLine, type CliContext } from './context';
import { summaryOf } from './follow-run';
import { formatSteps, formatTime } from './format';
import { gradNormSnapshots, metricHistoryCsv } from './metric-export';
import { fetchRunResults, formatByLength, formatResults, formatRunHealth } from './run-report';

const SPEC: CommandSpec = {
  usage: 'seqlab show RUN [--metrics --csv | --metrics --json | --grad-norms --json] [--db PATH] [--json]',
  options: { metrics: { type: 'boolean' }, 'grad-norms': { type: 'boolean' }, csv: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: ${SPEC.usage}

Shows a run: experiment, status (and error), steps, times, final and best metrics (with the task's baseline
and whether the run beat it; a seq2seq run's accuracy by source length), and its resolved spec.
  --json               print { run (with spec and metricNames), experiment, results } as JSON on stdout
  --metrics --csv      every logged value of every metric, not downsampled, as CSV on stdout:
                       step, wall_time (ISO 8601 UTC), then one column per metric (empty: not logged at that step)
  --metrics --json     the same as { run, names, rows: [{ step, wallTime, values }] }
  --grad-norms --json  ‖∂L/∂h_t‖ per sampled training step, per layer and direction (l0, l0_reverse, …, decoder),
                       as { run, layers, timeSteps, snapshots: [{ step, profiles: { l0: [t0, t1, …] }, cellProfiles }] }
                       where cellProfiles holds an LSTM's ‖∂L/∂c_t‖ the same way (null for other cells)
`;

type Output = 'run' | 'metrics-csv' | 'metrics-json' | 'grad-norms-json';

/** Which output the flags ask for; a combination that names none, or two, is refused. */
function outputOf(command: ParsedCommand): Output {
  const metrics = command.flags.has('metrics');
  const gradNorms = command.flags.has('grad-norms');
  const csv = command.flags.has('csv');
  if (metrics && gradNorms) throw usageError('--metrics and --grad-norms are two exports: ask for one at a time.', SPEC.usage);
  if (csv && command.json) throw usageError('--csv and --json are two formats: choose one.', SPEC.usage);
  if (csv && !metrics)
    throw usageError(
      gradNorms ? '--grad-norms is exported as JSON only: use --grad-norms --json.' : '--csv exports the metrics: use --metrics --csv.',
      SPEC.usage,
    );
  if (metrics) {
    if (!csv && !command.json) throw usageError('--metrics needs a format: --csv or --json.', SPEC.usage);
    return csv ? 'metrics-csv' : 'metrics-json';
  }
  if (gradNorms) {
    if (!command.json) throw usageError('--grad-norms is exported as JSON: add --json.', SPEC.usage);
    return 'grad-norms-json';
  }
  return 'run';
}

export async function showCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const id = parseRunId(positional(command, 0, SPEC.usage), SPEC.usage);
  const output = outputOf(command);
  return withBackend(ctx, command.db, 'existing', async (api) => {
    const run = await api.call('runs.get', { id });
    if (output === 'metrics-csv') {
      ctx.stdout.write(metricHistoryCsv(await api.call('runs.history', { id })));
      return EXIT.ok;
    }
    if (output === 'metrics-json') {
      writeJson(ctx.stdout, { run: id, ...(await api.call('runs.history', { id })) });
      return EXIT.ok;
    }
    if (output === 'grad-norms-json') {
      const norms = await api.call('runs.gradientNorms', { id });
      writeJson(ctx.stdout, { run: id, layers: norms.layers, timeSteps: norms.timeSteps, snapshots: gradNormSnapshots(norms) });
      return EXIT.ok;
    }
    const results = await fetchRunResults(api, summaryOf(run));
    const experiment = (await api.call('experiments.list', {})).find((e) => e.id === run.experimentId);
    const experimentRef = experiment ? { id: experiment.id, name: experiment.name } : { id: run.experimentId, name: '' };
    if (command.json) {
      writeJson(ctx.stdout, { run, experiment: experimentRef, results });
      return EXIT.ok;
    }
    const lines = [
      `Run ${run.id}: ${run.name}`,
      `  experiment     ${experimentRef.name} (id ${experimentRef.id})`,
      `  status         ${run.status}`,
      ...(run.error ? [`  error          ${run.error}`] : []),
      ...formatRunHealth(run),
      `  steps          ${formatSteps(run.step, run.totalSteps)}`,
      `  created        ${formatTime(run.createdAt)}`,
      `  started        ${formatTime(run.startedAt)}`,
      `  ended          ${formatTime(run.endedAt)}`,
      'Results',
      formatResults(results),
      ...(formatByLength(results) === '' ? [] : [formatByLength(results)]),
      'Spec',
      JSON.stringify(run.spec, null, 2),
    ];
    writeLine(ctx.stdout, lines.join('\n'));
    return EXIT.ok;
  });
}
