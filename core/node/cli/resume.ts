// `seqlab resume RUN`: continues an interrupted run from its last checkpoint, in the foreground like train.
import type { RunStatus } from '../../common/api/entities';
import { parseCommand, parseRunId, positional, type CommandSpec } from './args';
import { CliError, EXIT, type CliContext } from './context';
import { followRun, summaryOf } from './follow-run';
import { QUEUE_OPTION_HELP, withQueueBackend } from './queue-backend';

const SPEC: CommandSpec = {
  usage: 'seqlab resume RUN [--queue URL] [--db PATH] [--json]',
  options: { queue: { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: ${SPEC.usage}

Continues an interrupted run (Ctrl-C, a closed app, a crash) from its last checkpoint and waits for
it to end, as \`seqlab train\` does. The resumed run follows the same loss curve it would have
followed uninterrupted.
With --queue, the run continues on the agents; a run whose trial is still there (the app or the CLI closed while
agents trained it) is taken up where it is, its results that waited in Redis stored first.
${QUEUE_OPTION_HELP}
`;

const NOT_RESUMABLE: Partial<Record<RunStatus, string>> = {
  completed: 'it has already completed',
  stopped: 'it was stopped for good; train its spec again to start over (`seqlab show RUN --json` prints it)',
  failed: 'it failed; fix the cause shown by `seqlab show RUN` and train it again',
  diverged: 'it diverged; lower the learning rate or clip gradients and train it again',
  queued: 'it is queued and starts when SeqLab (the app or `seqlab serve`) next opens this database',
};

export async function resumeCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const id = parseRunId(positional(command, 0, SPEC.usage), SPEC.usage);
  return withQueueBackend(ctx, command.db, 'existing', command.strings.queue, async (api) => {
    const run = await api.call('runs.get', { id });
    // attached again to its trial on the queue when the backend opened: followed as it is
    if (command.strings.queue !== undefined && run.status === 'running') return followRun(api, ctx, command, { start: async () => summaryOf(run) });
    const refusal = NOT_RESUMABLE[run.status];
    if (refusal) throw new CliError(EXIT.usage, `Run ${id} cannot be resumed: ${refusal}.`);
    const experiment = (await api.call('experiments.list', {})).find((e) => e.id === run.experimentId);
    return followRun(api, ctx, command, { experiment, start: () => api.call('runs.resume', { id }) });
  });
}
