// `seqlab`: finds the command in the arguments, runs it, and turns its errors into messages and exit
// codes. Everything arrives through CliContext, so tests call runCli in-process.
import { SEQLAB_VERSION } from '../backend/version';
import { resolveDbPath } from '../store/default-path';
import { agentCommand } from './agent';
import { compareCommand } from './compare';
import { dataCommand } from './data';
import { CliError, EXIT, writeJson, type CliContext } from './context';
import { exportCommand } from './export';
import { inferCommand } from './infer';
import { listCommand } from './list';
import { resumeCommand } from './resume';
import { serveCommand } from './serve';
import { showCommand } from './show';
import { sweepCommand } from './sweep';
import { studyCommand } from './study';
import { trainCommand } from './train';
import { validateCommand } from './validate';

type Command = (args: readonly string[], ctx: CliContext) => Promise<number> | number;

const COMMANDS: Readonly<Record<string, Command>> = {
  train: trainCommand,
  validate: validateCommand,
  resume: resumeCommand,
  list: listCommand,
  show: showCommand,
  compare: compareCommand,
  sweep: sweepCommand,
  study: studyCommand,
  serve: serveCommand,
  export: exportCommand,
  infer: inferCommand,
  data: dataCommand,
  agent: agentCommand,
};

export function helpText(env: NodeJS.ProcessEnv): string {
  return `seqlab ${SEQLAB_VERSION}: SeqLab from a terminal, on the same database as the app.

Usage: seqlab <command> [arguments] [--db PATH] [--json]

Commands:
  train SPEC.json [--experiment NAME] [--max-steps N]
                          train a run from an experiment spec and wait for it to end
  validate SPEC.json      check a spec as train would (resolved spec, estimate, refusals); creates nothing
  resume RUN              continue an interrupted run from its last checkpoint
  list [--experiment NAME]
                          list runs, newest first
  show RUN                a run's spec, status, final metrics and baseline; its metrics as CSV or JSON
  compare RUN...          final and best validation loss and accuracy, baseline, steps and time of runs
  sweep SWEEP.json [--experiment NAME] [--max-steps N] [--queue URL]
                          a grid or random search over spec fields, each trial a run (--queue: on agents)
  study list | run NAME [--budget quick|full] [--report FILE] [--csv FILE] | show ID
                          classic results as studies: runs over seeds, figures, a verdict
  serve [--port N]        the SeqLab UI for a local browser
  export RUN --onnx FILE [--best]
                          export a run's model (ONNX with a parity check, or --safetensors FILE)
  infer MODEL.onnx [--text T | --values JSON | --generate --prompt P | --forecast N ...]
                          run an exported model: describe it, predict, generate text, forecast
  data import FILE [--kind series|text|pairs|labelled] [--window N ...]
                          register a file as a dataset (a bad file: its line and column, exit 2)
  data list               the registered datasets
  agent --redis URL [--concurrency N] [--name NAME]
                          train trials from a queue for SeqLab on other machines (no database here)
Run \`seqlab <command> --help\` for a command's details.

Options:
  --db PATH     the database file; default: $SEQLAB_DB, else the app's own
                (here: ${resolveDbPath({ env })})
  --json        print one JSON document on stdout (progress and messages go to stderr)
  -h, --help    this help, or a command's
  --version     print the version

Exit codes:
  0    success; train, resume and sweep: every run completed
  1    a run failed, diverged or was stopped; an ONNX export failed its parity check; or
       SeqLab hit an unexpected error
  2    usage error or invalid input: bad arguments, an unreadable or invalid spec (every issue
       is printed with its field), a file that cannot be imported (with its line and column),
       an unknown run, experiment or model
  3    the database cannot be used: missing (only train, sweep, study run, data import and serve
       create one), written by a newer SeqLab, damaged, not a SeqLab database, or not writable (the file
       and its folder are left as they were); or a write failed (a full disk: nothing of it saved,
       a run stopped by it stays resumable)
  130  interrupted by Ctrl-C: runs in training saved a checkpoint and are \`interrupted\`;
       \`seqlab resume RUN\` continues them (143 for SIGTERM)
`;
}

/** Runs `seqlab` with `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const { command, args } = splitCommand(argv);
  const json = argv.includes('--json');
  try {
    if (command === undefined) {
      if (args.includes('--version')) {
        ctx.stdout.write(`${SEQLAB_VERSION}\n`);
        return EXIT.ok;
      }
      if (args.includes('--help') || args.includes('-h')) {
        ctx.stdout.write(helpText(ctx.env));
        return EXIT.ok;
      }
      throw new CliError(EXIT.usage, 'missing command. Run `seqlab --help` for the list.');
    }
    if (command === 'help') {
      ctx.stdout.write(helpText(ctx.env));
      return EXIT.ok;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliError(EXIT.usage, `unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}; \`seqlab --help\` explains them.`);
    return await run(args, ctx);
  } catch (error) {
    const known = error instanceof CliError ? error : null;
    const exitCode = known?.exitCode ?? EXIT.runFailed;
    const message = known ? known.message : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    ctx.stderr.write(`seqlab${command ? ` ${command}` : ''}: ${message}\n`);
    if (json) writeJson(ctx.stdout, { error: { message: known ? known.message : String(error), issues: known?.issues ?? [] }, exitCode });
    return exitCode;
  }
}

/** The command is the first argument that is neither an option nor the value of a leading --db. */
function splitCommand(argv: readonly string[]): { command: string | undefined; args: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) break;
    if (arg === '--db') {
      i++;
      continue;
    }
    if (!arg.startsWith('-')) return { command: arg, args: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { command: undefined, args: [...argv] };
}
