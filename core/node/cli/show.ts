// `seqlab show RUN`: one run's status, timing, results and full resolved spec.
import { parseCommand, parseRunId, type CommandSpec } from './args';
import { withBackend } from './backend';
import { EXIT, writeJson, writeLine, type CliContext } from './context';
import { summaryOf } from './follow-run';
import { formatSteps, formatTime } from './format';
import { fetchRunResults, formatResults, formatRunHealth } from './run-report';

const SPEC: CommandSpec = { usage: 'seqlab show RUN [--db PATH] [--json]', options: {}, positionals: { min: 1, max: 1 } };

const HELP = `Usage: ${SPEC.usage}

Shows a run: experiment, status (and error), steps, times, final and best metrics, and its resolved spec.
  --json   print { run (with spec and metricNames), experiment, results } as JSON on stdout
`;

export async function showCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const id = parseRunId(command.positionals[0] as string, SPEC.usage);
  return withBackend(ctx, command.db, async (api) => {
    const run = await api.call('runs.get', { id });
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
      'Spec',
      JSON.stringify(run.spec, null, 2),
    ];
    writeLine(ctx.stdout, lines.join('\n'));
    return EXIT.ok;
  });
}
