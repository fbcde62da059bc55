// `seqlab list`: the runs in the database (or one experiment), newest first.
import { parseCommand, type CommandSpec } from './args';
import { requireExperiment, withBackend } from './backend';
import { EXIT, writeJson, writeLine, type CliContext } from './context';
import { formatSteps, formatTable, formatTime, truncate } from './format';

const SPEC: CommandSpec = {
  usage: 'seqlab list [--experiment NAME] [--db PATH] [--json]',
  options: { experiment: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

const HELP = `Usage: ${SPEC.usage}

Lists runs, newest first: id, experiment, name, status, steps and creation time.
  --experiment NAME   only this experiment's runs
  --json              print { runs: [...] } (each with experimentName) as JSON on stdout
`;

export async function listCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  return withBackend(ctx, command.db, 'existing', async (api) => {
    const name = command.strings.experiment;
    const experimentId = name === undefined ? undefined : (await requireExperiment(api, name)).id;
    const experiments = new Map((await api.call('experiments.list', {})).map((e) => [e.id, e.name]));
    const runs = (await api.call('runs.list', experimentId === undefined ? {} : { experimentId })).map((run) => ({
      ...run,
      experimentName: experiments.get(run.experimentId) ?? '',
    }));
    if (command.json) {
      writeJson(ctx.stdout, { runs });
    } else if (runs.length === 0) {
      ctx.stderr.write(`No runs${name === undefined ? '' : ` in "${name}"`} in ${api.databasePath}.\n`);
    } else {
      const rows = runs.map((run) => [
        String(run.id),
        truncate(run.experimentName, 24),
        truncate(run.name, 48),
        run.status,
        formatSteps(run.step, run.totalSteps),
        formatTime(run.createdAt),
      ]);
      writeLine(ctx.stdout, formatTable(['ID', 'EXPERIMENT', 'NAME', 'STATUS', 'STEPS', 'CREATED'], rows, [0, 4]));
    }
    return EXIT.ok;
  });
}
