// `seqlab serve`: the SeqLab UI for a local browser, over this database, until Ctrl-C.
import { parsePort, serveUntilStopped } from '../server/serve';
import { StoreOpenError } from '../store/errors';
import { parseCommand, type CommandSpec } from './args';
import { databasePathFor } from './backend';
import { CliError, EXIT, usageError, type CliContext } from './context';

const SPEC: CommandSpec = { usage: 'seqlab serve [--port N] [--db PATH]', options: { port: { type: 'string' } }, positionals: { min: 0, max: 0 } };

const HELP = `Usage: ${SPEC.usage}

Serves SeqLab on http://127.0.0.1 for a local browser (the address printed holds this launch's
access token) and trains the database's queued runs, as the app does. Ctrl-C stops it (exit 0).
  --port N   the port to listen on (default 0: a free one)
`;

export async function serveCommand(args: readonly string[], ctx: CliContext): Promise<number> {
  const command = parseCommand(args, SPEC);
  if (command.help) {
    ctx.stdout.write(HELP);
    return EXIT.ok;
  }
  const port = parsePort(command.strings.port ?? '0');
  if (port === null) throw usageError(`--port must be an integer from 0 to 65535 (0 picks a free port), got "${command.strings.port}"`, SPEC.usage);
  if (!ctx.examplesDir || !ctx.rendererDir) throw new CliError(EXIT.usage, 'seqlab serve needs the built app: run `npm run build`, then `seqlab serve` again.');
  try {
    await serveUntilStopped({
      databasePath: databasePathFor(ctx, command.db),
      port,
      examplesDir: ctx.examplesDir,
      rendererDir: ctx.rendererDir,
      log: (line) => ctx.stderr.write(`${line}\n`),
      stopped: new Promise((resolve) => {
        if (ctx.signal.aborted) resolve(undefined);
        else ctx.signal.addEventListener('abort', resolve, { once: true });
      }),
    });
  } catch (error) {
    if (error instanceof StoreOpenError) throw new CliError(EXIT.database, error.message);
    throw error;
  }
  return EXIT.ok;
}
