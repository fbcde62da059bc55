// Entry of `npm run serve`: opens the run store, starts the loopback server and prints the URL to open.
//   node out/main/serve.js [--db PATH] [--port N]      (SEQLAB_DB also sets the database)
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BackendService } from '../backend/backend-service';
import { resolveDbPath } from '../store/default-path';
import { StoreOpenError } from '../store/errors';
import { startLocalServer } from './local-server';

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
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`seqlab serve: --port must be an integer from 0 to 65535 (0 picks a free port), got "${args.port}".`);
    return 2;
  }

  const databasePath = resolveDbPath({ flag: args.db, env: process.env });
  let backend: BackendService;
  try {
    backend = new BackendService({ databasePath, host: 'serve', examplesDir: fileURLToPath(new URL('../../resources/examples', import.meta.url)) });
  } catch (error) {
    if (error instanceof StoreOpenError) {
      console.error(`seqlab serve: ${error.message}`);
      return 1;
    }
    throw error;
  }

  const server = await startLocalServer({
    dispatcher: backend.dispatcher,
    events: backend.events,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    token: randomBytes(24).toString('base64url'),
    port,
  });
  console.log(`SeqLab is running. Open this address in your browser (it holds this launch's access token):\n  ${server.url}`);
  console.log(`Database: ${databasePath}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await backend.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('seqlab serve failed:', error);
    process.exit(1);
  },
);
