// Entry of `npm run serve`: opens the run store, starts the loopback server and prints the URL to open.
//   node out/main/serve.js [--db PATH] [--port N]      (SEQLAB_DB also sets the database)
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDbPath } from '../store/default-path';
import { StoreOpenError } from '../store/errors';
import { parsePort, serveUntilStopped } from './serve';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`seqlab serve: ${(error as Error).message}\nUsage: npm run serve -- [--db PATH] [--port N]`);
    return 2;
  }
  if (args.help) {
    console.log('Usage: npm run serve -- [--db PATH] [--port N]\nServes SeqLab on http://127.0.0.1 for a local browser.');
    return 0;
  }
  const port = parsePort(args.port);
  if (port === null) {
    console.error(`seqlab serve: --port must be an integer from 0 to 65535 (0 picks a free port), got "${args.port}".`);
    return 2;
  }

  try {
    await serveUntilStopped({
      databasePath: resolveDbPath({ flag: args.db, env: process.env }),
      port,
      // Resolved here, in the entry, so the paths are relative to out/main/serve.js rather than a shared chunk.
      examplesDir: fileURLToPath(new URL('../../resources/examples', import.meta.url)),
      rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
      log: (line) => console.log(line),
      stopped: new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }),
    });
  } catch (error) {
    if (error instanceof StoreOpenError) {
      console.error(`seqlab serve: ${error.message}`);
      return 1;
    }
    throw error;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('seqlab serve failed:', error);
    process.exit(1);
  },
);
