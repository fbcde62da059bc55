// `seqlab train SPEC.json`: validates the spec, creates the run in an experiment (made if missing),
// trains it in this process with progress, and prints its results.
import { formatSpecIssues, parseExperimentSpec, parseSpecFields } from '../../common/spec/experiment-spec';
import { writeFieldPath } from '../../common/spec/field-path';
import { parseCommand, parsePositiveInt, type CommandSpec } from './args';
import { ensureExperiment, withBackend } from './backend';
import { CliError, EXIT, type CliContext } from './context';
import { followRun } from './follow-run';
import { readJsonFile } from './read-json-file';

/** Runs started from the command line go here unless --experiment names another. */
export const DEFAULT_EXPERIMENT = 'CLI';

const SPEC: CommandSpec = {
  usage: 'seqlab train SPEC.json [--experiment NAME] [--max-steps N] [--db PATH] [--json]',
  options: { experiment: { type: 'string' }, 'max-steps': { type: 'string' } },
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: ${SPEC.usage}

Trains one run from an experiment spec (JSON; see resources/examples) and waits for it to end,
showing progress on stderr. Ctrl-C saves a checkpoint and leaves the run interrupted (exit 130);
\`seqlab resume RUN\` continues it.

  --experiment NAME   the experiment to file the run under, created if missing (default "${DEFAULT_EXPERIMENT}")
  --max-steps N       train at most N steps (caps training.steps, for a quick try)
  --json              print { run, experiment, results } as JSON on stdout
`;

export async function trainCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) return printHelp(ctx);
  const maxStepsFlag = command.strings['max-steps'];
  const maxSteps = maxStepsFlag === undefined ? undefined : parsePositiveInt(maxStepsFlag, '--max-steps', SPEC.usage);
  const file = command.positionals[0] as string;
  const spec = checkedSpec(readJsonFile(file, ctx.cwd, 'spec'), file, maxSteps);

  return withBackend(ctx, command.db, async (api) => {
    const experiment = await ensureExperiment(api, command.strings.experiment ?? DEFAULT_EXPERIMENT);
    return followRun(api, ctx, command, { experiment, start: () => api.call('runs.create', { experimentId: experiment.id, spec }) });
  });
}

/**
 * The spec as given (the backend resolves it again and stores the result), with training.steps capped
 * at `maxSteps`. Checked here first so that a bad spec creates nothing, not even the experiment.
 */
export function checkedSpec(raw: unknown, file: string, maxSteps: number | undefined): unknown {
  // a spec on a registered dataset is checked here as far as it can be without the store; the backend does the rest
  const fields = parseSpecFields(raw);
  const parsed = fields.ok && fields.spec.task.dataset !== undefined ? fields : parseExperimentSpec(raw);
  if (!parsed.ok) {
    throw new CliError(EXIT.usage, `The spec ${file} is not valid:\n${formatSpecIssues(parsed.issues)}`, parsed.issues);
  }
  if (maxSteps === undefined || parsed.spec.training.steps <= maxSteps) return raw;
  const capped = writeFieldPath(raw, 'training.steps', maxSteps);
  return capped.ok ? capped.value : raw;
}

function printHelp(ctx: CliContext): number {
  ctx.stdout.write(HELP);
  return EXIT.ok;
}
