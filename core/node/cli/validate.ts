// `seqlab validate SPEC.json`: the dry run of `seqlab train`. Resolves the spec exactly as a run would be
// resolved (defaults filled, task built, dataset read and hash-checked), checks it against this machine,
// and prints the resolved spec and its resource estimate — or every refusal with its field. Creates nothing.
import { formatSpecIssues, parseExperimentSpec, parseSpecFields, type ExperimentSpec, type SpecIssue } from '../../common/spec/experiment-spec';
import { describeEstimate, type ResourceEstimate } from '../../common/spec/resource-estimate';
import { checkOnMachine } from '../data/run-spec';
import { SpecWorkerError, thisMachine } from '../data/spec-service';
import { parseCommand, positional, type CommandSpec } from './args';
import { withBackend } from './backend';
import { CliError, EXIT, writeJson, type CliContext } from './context';
import { readJsonFile } from './read-json-file';

const SPEC: CommandSpec = {
  usage: 'seqlab validate SPEC.json [--db PATH] [--json]',
  options: {},
  positionals: { min: 1, max: 1 },
};

const HELP = `Usage: ${SPEC.usage}

Checks an experiment spec as \`seqlab train\` would, without creating or training anything: the schema,
every parameter's range, the task (or the registered dataset, read and hash-checked from the database),
the combinations that cannot give an honest result (e.g. a bidirectional model on a next-step task), and
this machine's limits. Prints the fully resolved spec (every default filled in) and the estimated memory
and time per step. Exit 0 when the spec would train; 2 with every problem and its field otherwise.
A spec on a built-in task needs no database; one on a dataset reads it from --db.

  --json   print { ok, spec, estimate, issues } on stdout
`;

type Checked =
  | { readonly ok: true; readonly spec: ExperimentSpec; readonly estimate: ResourceEstimate }
  | { readonly ok: false; readonly issues: readonly SpecIssue[]; readonly estimate: ResourceEstimate | null };

export async function validateCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const file = positional(command, 0, SPEC.usage);
  const raw = readJsonFile(file, ctx.cwd, 'spec');
  const fields = parseSpecFields(raw);
  const checked = fields.ok && fields.spec.task.dataset !== undefined ? await checkWithDatabase(ctx, command.db, raw, file) : checkBuiltIn(raw);

  if (command.json) {
    writeJson(
      ctx.stdout,
      checked.ok
        ? { ok: true, spec: checked.spec, estimate: checked.estimate, issues: [] }
        : { ok: false, spec: null, estimate: checked.estimate, issues: checked.issues },
    );
    return checked.ok ? EXIT.ok : EXIT.usage;
  }
  if (!checked.ok) {
    if (checked.estimate !== null) ctx.stderr.write(`Estimate: ${describeEstimate(checked.estimate)}\n`);
    throw new CliError(EXIT.usage, `The spec ${file} is not valid:\n${formatSpecIssues(checked.issues)}`, checked.issues);
  }
  ctx.stdout.write(`${JSON.stringify(checked.spec, null, 2)}\n`);
  ctx.stderr.write(`The spec ${file} is valid.\nEstimate: ${describeEstimate(checked.estimate, checked.spec.training.steps)}\n`);
  return EXIT.ok;
}

/** A built-in task is built here: no database and no worker needed. */
function checkBuiltIn(raw: unknown): Checked {
  const parsed = parseExperimentSpec(raw);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, estimate: null };
  const { issues, estimate } = checkOnMachine(parsed, thisMachine());
  return issues.length > 0 ? { ok: false, issues, estimate } : { ok: true, spec: parsed.spec, estimate };
}

/** A dataset is read (and its hash checked) in the spec worker, from the database that registered it. */
function checkWithDatabase(ctx: CliContext, db: string | undefined, raw: unknown, file: string): Promise<Checked> {
  return withBackend(ctx, db, 'existing', async (api) => {
    const resolved = await api.backend.specs.resolveRun(raw).catch((error: unknown) => {
      throw error instanceof SpecWorkerError ? new CliError(EXIT.runFailed, `The spec ${file} could not be checked: ${error.message}`) : error;
    });
    return resolved.ok ? { ok: true, spec: resolved.spec, estimate: resolved.estimate } : { ok: false, issues: resolved.issues, estimate: resolved.estimate };
  });
}
