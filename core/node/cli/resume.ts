// `seqlab resume RUN`: continues an interrupted run from its last checkpoint, in the foreground like train.
import type { RunStatus } from '../../common/api/entities';
import { parseCommand, parseRunId, positional, type CommandSpec } from './args';
import { withBackend } from './backend';
import { CliError, EXIT, type CliContext } from './context';
import { followRun } from './follow-run';

const SPEC: CommandSpec = { usage: 'seqlab resume RUN [--db PATH] [--json]', options: {}, positionals: { min: 1, max: 1 } };

const HELP = `Usage: ${SPEC.usage}

Continues an interrupted run (Ctrl-C, a closed app, a crash) from its last checkpoint and waits for
it to end, as \`seqlab train\` does. The resumed run follows the same loss curve it would have
followed uninterrupted.
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
  return withBackend(ctx, command.db, 'existing', async (api) => {
    const run = await api.call('runs.get', { id });
    const refusal = NOT_RESUMABLE[run.status];
    if (refusal) throw new CliError(EXIT.usage, `Run ${id} cannot be resumed: ${refusal}.`);
    const experiment = (await api.call('experiments.list', {})).find((e) => e.id === run.experimentId);
    return followRun(api, ctx, command, { experiment, start: () => api.call('runs.resume', { id }) });
  });
}
