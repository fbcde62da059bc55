// `seqlab train SPEC.json`: validates the spec (against this machine too), prints what the run will need, creates
// the run in an experiment (made if missing), trains it in this process with progress, and prints its results.
import { formatSpecIssues, parseExperimentSpec, parseSpecFields, type SpecIssue } from '../../common/spec/experiment-spec';
import { writeFieldPath } from '../../common/spec/field-path';
import { describeEstimate, type ResourceEstimate } from '../../common/spec/resource-estimate';
import { checkOnMachine } from '../data/run-spec';
import { SpecWorkerError } from '../data/spec-service';
import { parseCommand, parsePositiveInt, positional, type CommandSpec } from './args';
import { ensureExperiment, withBackend, type CliApi } from './backend';
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
showing progress on stderr. Before it starts, the estimated memory and time per step are printed
(stderr); a spec this machine cannot train (too much memory, more threads than cores) is refused.
Ctrl-C saves a checkpoint and leaves the run interrupted (exit 130); \`seqlab resume RUN\` continues it.

  --experiment NAME   the experiment to file the run under, created if missing (default "${DEFAULT_EXPERIMENT}")
  --max-steps N       train at most N steps (caps training.steps, for a quick try)
  --json              print { run, experiment, results } as JSON on stdout
`;

export async function trainCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) return printHelp(ctx);
  const maxStepsFlag = command.strings['max-steps'];
  const maxSteps = maxStepsFlag === undefined ? undefined : parsePositiveInt(maxStepsFlag, '--max-steps', SPEC.usage);
  const file = positional(command, 0, SPEC.usage);
  const spec = checkedSpec(readJsonFile(file, ctx.cwd, 'spec'), file, maxSteps);

  return withBackend(ctx, command.db, 'creates', async (api) => {
    // checked against this machine before anything is created (runs.create checks again)
    const checked = await checkOnThisMachine(api, spec, file);
    ctx.stderr.write(`Estimate: ${describeEstimate(checked.estimate, checked.steps)}\n`);
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

/**
 * What the run will need, refused (exit 2) when this machine cannot train it: worked out here for a built-in task
 * (whose Task `checkedSpec` builds here anyway), in the spec worker for a registered dataset (which it reads).
 */
async function checkOnThisMachine(api: CliApi, raw: unknown, file: string): Promise<{ estimate: ResourceEstimate; steps: number }> {
  const fields = parseSpecFields(raw);
  const builtIn = fields.ok && fields.spec.task.dataset === undefined ? parseExperimentSpec(raw) : null;
  let checked: { ok: true; estimate: ResourceEstimate; steps: number } | { ok: false; issues: readonly SpecIssue[] };
  if (builtIn?.ok) {
    const { issues, estimate } = checkOnMachine(builtIn, api.backend.specs.limits);
    checked = issues.length > 0 ? { ok: false, issues } : { ok: true, estimate, steps: builtIn.spec.training.steps };
  } else {
    const resolved = await api.backend.specs.resolveRun(raw).catch((error: unknown) => {
      throw error instanceof SpecWorkerError ? new CliError(EXIT.runFailed, `The spec ${file} could not be checked: ${error.message}`) : error;
    });
    checked = resolved.ok ? { ok: true, estimate: resolved.estimate, steps: resolved.spec.training.steps } : resolved;
  }
  if (!checked.ok) throw new CliError(EXIT.usage, `The spec ${file} is not valid:\n${formatSpecIssues(checked.issues)}`, checked.issues);
  return checked;
}

function printHelp(ctx: CliContext): number {
  ctx.stdout.write(HELP);
  return EXIT.ok;
}
